import { afterAll, beforeAll, beforeEach } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '@harmoniq/cli';
import {
  sampleLastfmData,
  sampleLibrary,
  startLastfmEmulator,
  startPlexEmulator,
  type LastfmEmulator,
  type LastfmFixture,
  type PlexEmulator,
} from '@harmoniq/testkit';

export const BIN = fileURLToPath(new URL('../../../bin/harmoniq.js', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function tempDir(prefix = 'harmoniq-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Spawns the built bin/harmoniq.js: the real thing a user runs. Asynchronous, so in-process emulators keep answering. */
export function spawnCli(args: string[], env: Record<string, string | undefined>, cwd: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH, ...env } as NodeJS.ProcessEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Runs the CLI in-process (same code path as the bin, without the process start-up cost). */
export async function runCli(args: string[], env: Record<string, string | undefined>, cwd: string): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await main({ argv: args, env, cwd, stdout, stderr });
  return { code, stdout: out, stderr: err };
}

/** The emulated services most CLI tests sync against: Plex with the sample library, Last.fm charts about it. */
export interface ChartWorld {
  plex: PlexEmulator;
  lastfm: LastfmEmulator;
  lastfmData: LastfmFixture;
  /** Before each test: no playlists, no faults, the original chart, no recorded requests, a fresh data dir. */
  reset(prefix?: string): { dataDir: string; env: Record<string, string> };
  close(): Promise<void>;
}

export async function startChartWorld(): Promise<ChartWorld> {
  const plex = await startPlexEmulator({ tracks: sampleLibrary() });
  const library = plex.tracks().map((t) => ({ artist: t.trackArtist ?? t.artist, title: t.title, album: t.album }));
  const lastfmData = sampleLastfmData(library);
  const lastfm = await startLastfmEmulator({ data: lastfmData });
  return {
    plex,
    lastfm,
    lastfmData,
    reset(prefix = 'harmoniq-cli-') {
      for (const p of plex.playlists()) plex.deletePlaylist(p.ratingKey);
      plex.clearFaults();
      lastfm.clearFaults();
      lastfm.setData(lastfmData);
      plex.resetRequests();
      lastfm.resetRequests();
      const dataDir = tempDir(prefix);
      const env = {
        PLEX_URL: plex.url,
        PLEX_TOKEN: plex.token,
        PLEX_MUSIC_LIBRARY_NAME: 'Music',
        LASTFM_API_KEY: lastfm.apiKey,
        LASTFM_API_URL: `${lastfm.url}/2.0/`,
        ENABLE_LASTFM_CHARTS: 'true',
        HARMONIQ_DATA_DIR: dataDir,
        HARMONIQ_RETRY_BASE_MS: '5',
        TIMEZONE: 'UTC',
      };
      return { dataDir, env };
    },
    close: async () => {
      await Promise.all([plex.close(), lastfm.close()]);
    },
  };
}

/** Registers the hooks: the world starts once, is reset (fresh data dir and env) before each test, closes after all. */
export function useChartWorld(prefix: string, onReset: (world: ChartWorld, fresh: { dataDir: string; env: Record<string, string> }) => void): void {
  let world: ChartWorld;
  beforeAll(async () => {
    world = await startChartWorld();
  });
  afterAll(async () => {
    await world.close();
  });
  beforeEach(() => onReset(world, world.reset(prefix)));
}
