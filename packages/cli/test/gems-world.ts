import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach } from '@jest/globals';
import { startPlexEmulator, type PlexEmulator } from '@harmoniq/testkit';
import { tempDir } from './cli-harness.js';
import { gemsLibrary } from './fixtures/plugin-fixtures.js';

/** What a custom-playlist or plugin test syncs against: Plex with the gems library, a fresh folder and env per test. */
export interface GemsWorld {
  plex: PlexEmulator;
  /** A fresh folder per test (the data dir is `data/` inside it). */
  dir: string;
  /** Plex's URL and token, the data dir, quick retries, UTC. */
  env: Record<string, string>;
}

/** Registers the hooks: Plex starts once, is emptied of playlists and requests before each test, closes after all. */
export function useGemsWorld(prefix: string, onReset: (world: GemsWorld) => void): void {
  let plex: PlexEmulator;
  beforeAll(async () => {
    plex = await startPlexEmulator({ tracks: gemsLibrary(Date.now()) });
  });
  afterAll(async () => {
    await plex.close();
  });
  beforeEach(() => {
    for (const p of plex.playlists()) plex.deletePlaylist(p.ratingKey);
    plex.resetRequests();
    const dir = tempDir(prefix);
    const env = { PLEX_URL: plex.url, PLEX_TOKEN: plex.token, HARMONIQ_DATA_DIR: join(dir, 'data'), HARMONIQ_RETRY_BASE_MS: '5', TIMEZONE: 'UTC' };
    onReset({ plex, dir, env });
  });
}
