import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { PlexEmulator } from '@harmoniq/testkit';
import { runCli, spawnCli } from './cli-harness.js';
import { useGemsWorld } from './gems-world.js';
import { EXAMPLES_DIR } from './fixtures/plugin-fixtures.js';

let plex: PlexEmulator;
let env: Record<string, string>;
let dir: string;
const WRITES = new Set(['POST', 'PUT', 'DELETE']);

useGemsWorld('harmoniq-gems-', (world) => {
  ({ plex, dir } = world);
  copyFileSync(join(EXAMPLES_DIR, 'forgotten-gems.mjs'), join(dir, 'forgotten-gems.mjs'));
  env = world.env;
});

const items = (title: string) => plex.playlist(title)?.items.map((i) => i.ratingKey);

describe('docs/examples/forgotten-gems.mjs as CUSTOM_1_MODULE', () => {
  it('fills the playlist with loved tracks not played for months, two per artist, without matching (spawned bin)', async () => {
    const r = await spawnCli(['sync', 'custom-1'], { ...env, CUSTOM_1_MODULE: './forgotten-gems.mjs', PLAYLIST_NAME_CUSTOM_1: 'Forgotten Gems' }, dir);
    expect(r.stderr).not.toMatch(/EPLUGIN|ESOURCE/);
    expect(r.code).toBe(0);
    // 101 (40 plays), 102 (30), 201 (rated 5★, never played), 501 (rated 4★, a year ago). 103 is the band's third
    // track; 301 was played last week; 401 was never loved; 601 was never played nor rated.
    expect(items('Forgotten Gems')).toEqual(['101', '102', '201', '501']);
    expect(r.stdout).toContain('Forgotten Gems');
  });

  it('runs with every enabled source, takes its options from CUSTOM_1_OPTIONS, and explains each pick', async () => {
    const r = await runCli(
      ['sync', '--all', '--json'],
      { ...env, CUSTOM_1_MODULE: './forgotten-gems.mjs', CUSTOM_1_OPTIONS: '{"perArtist": 3, "months": 6}', PLAYLIST_SIZE_CUSTOM_1: '3' },
      dir,
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { sources: { source: string; ok: boolean; playlists: { title: string; candidates: { ratingKey?: string; via?: string; note?: string }[] }[] }[] };
    const gems = report.sources.find((s) => s.source === 'custom-1');
    expect(gems?.ok).toBe(true);
    expect(gems?.playlists[0]?.title).toBe('Custom 1');
    expect(items('Custom 1')).toEqual(['101', '102', '201']);
    const first = gems?.playlists[0]?.candidates[0];
    expect(first).toMatchObject({ ratingKey: '101', via: 'rating-key' });
    expect(first?.note).toMatch(/^played 40 times, last played 2\d months ago$/);
  });

  it('resolves the module from the config file\'s folder and passes the entry\'s own keys as options', async () => {
    const configDir = join(dir, 'config');
    mkdirSync(configDir);
    copyFileSync(join(EXAMPLES_DIR, 'forgotten-gems.mjs'), join(configDir, 'gems.mjs'));
    writeFileSync(
      join(configDir, 'harmoniq.yaml'),
      ['custom:', '  - name: Forgotten Gems', '    module: ./gems.mjs', '    minPlays: 35', '    minRating: 11', ''].join('\n'),
    );
    const r = await runCli(['--config', join(configDir, 'harmoniq.yaml'), 'sync', 'forgotten-gems'], env, dir);
    expect(r.stderr).not.toContain('EPLUGIN');
    expect(r.code).toBe(0);
    // Only 101 has 35 plays or more; nothing has a rating of 11.
    expect(items('Forgotten Gems')).toEqual(['101']);
    expect(plex.requests.filter((q) => WRITES.has(q.method)).length).toBeGreaterThan(0);
  });
});
