import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { PlexEmulator } from '@harmoniq/testkit';
import { runCli, spawnCli } from './cli-harness.js';
import { useGemsWorld } from './gems-world.js';
import { installMixtape } from './fixtures/plugin-fixtures.js';

let plex: PlexEmulator;
let root: string;
let env: Record<string, string>;

useGemsWorld('harmoniq-mixtape-', (world) => {
  ({ plex, dir: root } = world);
  env = {
    ...world.env,
    MIXTAPE_TRACKS: 'Copper Sun - Heavy Rotation; Nobody - Not In The Library; Dust Choir - Barely Known',
  };
});

describe('a third-party plugin package installed into node_modules', () => {
  it('is found and syncs its playlist against Plex, matching its candidates (spawned bin)', async () => {
    installMixtape(root);
    const r = await spawnCli(['sync', 'mixtape'], { ...env, PLAYLIST_NAME_MIXTAPE: 'Side A' }, root);
    expect(r.stderr).not.toMatch(/EPLUGIN|EINTERNAL/);
    expect(r.code).toBe(0);
    expect(plex.playlist('Side A')?.items.map((i) => i.ratingKey)).toEqual(['301', '401']);
    expect(r.stderr).toContain('[mixtape]');
  });

  it('runs with --all when its ENABLE_ variable is set, and updates the same playlist on the next run', async () => {
    installMixtape(root);
    const first = await runCli(['sync', '--all', '--json'], { ...env, ENABLE_MIXTAPE: 'true' }, root);
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout) as { sources: { source: string; playlists: { candidates: { status: string; note?: string }[] }[] }[] };
    expect(report.sources.map((s) => s.source)).toEqual(['mixtape']);
    expect(report.sources[0]?.playlists[0]?.candidates.map((c) => c.status)).toEqual(['matched', 'unmatched', 'matched']);
    expect(report.sources[0]?.playlists[0]?.candidates[0]?.note).toBe('side A, track 1');
    const created = plex.playlist('Mixtape');

    const second = await runCli(['sync', '--all'], { ...env, ENABLE_MIXTAPE: 'true', MIXTAPE_TRACKS: 'Echo Field - Slow Burn' }, root);
    expect(second.code).toBe(0);
    const after = plex.playlists().filter((p) => p.title === 'Mixtape');
    expect(after).toHaveLength(1);
    expect(after[0]?.ratingKey).toBe(created?.ratingKey);
    expect(after[0]?.items.map((i) => i.ratingKey)).toEqual(['501']);
  });

  it('takes its options from sources.<name> in the config file when listed in plugins there', async () => {
    const configDir = join(root, 'conf');
    mkdirSync(configDir);
    installMixtape(configDir, 'my-mixtape');
    writeFileSync(
      join(configDir, 'harmoniq.config.json'),
      JSON.stringify({ plugins: ['my-mixtape'], sources: { mixtape: { enabled: true, playlist: 'From Config', tracks: [{ artist: 'Ada Lovelace Band', title: 'Engine Two' }] } } }),
    );
    const { MIXTAPE_TRACKS: _, ...rest } = env;
    const r = await runCli(['--config', join(configDir, 'harmoniq.config.json'), 'sync'], rest, root);
    expect(r.stderr).not.toMatch(/EPLUGIN|ECONFIG/);
    expect(r.code).toBe(0);
    expect(plex.playlist('From Config')?.items.map((i) => i.ratingKey)).toEqual(['102']);
  });

  it('reports its own configuration problems like a built-in source does', async () => {
    installMixtape(root);
    const r = await runCli(['sync', 'mixtape'], { ...env, MIXTAPE_TRACKS: 'no dash here' }, root);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ECONFIG Invalid configuration: mixtape: MIXTAPE_TRACKS needs an artist and a title.');
  });
});
