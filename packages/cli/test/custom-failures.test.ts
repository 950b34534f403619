import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { PlexEmulator } from '@harmoniq/testkit';
import { runCli, spawnCli } from './cli-harness.js';
import { useGemsWorld } from './gems-world.js';
import { writeFiles } from './fixtures/plugin-fixtures.js';

let plex: PlexEmulator;
let env: Record<string, string>;
let dir: string;

interface Report {
  exitCode: number;
  sources: { source: string; ok: boolean; error?: { code: string; message: string; hint?: string }; playlists: { title: string; action: string }[] }[];
}

const MODULES = {
  'good.mjs': "export default (ctx) => ctx.library.tracks.filter((t) => t.artist === 'Copper Sun').map((t) => ({ artist: t.artist, title: t.title, ids: { plexRatingKey: t.ratingKey } }));\n",
  'syntax.mjs': 'export default {\n  apiVersion: 1,\n  fetch( {\n};\n',
  'shape.mjs': 'export const tracks = [];\nexport const name = "nothing to see";\n',
  'throws.mjs': "export default async () => { throw new Error('the mixtape ate the tape'); };\n",
  'old-api.mjs': "export default { apiVersion: 2, parseOptions: () => ({ ok: true, value: {} }), fetch: async () => [] };\n",
  'commonjs.cjs': "module.exports = () => [{ artist: 'Echo Field', title: 'Slow Burn' }];\n",
  'list.csv': 'Artist,Title\nDust Choir,Barely Known\nNobody,Nothing\n',
  'broken.json': '[{"artist": "Dust Choir", "title": }]',
};

useGemsWorld('harmoniq-custom-', (world) => {
  ({ plex, dir } = world);
  writeFiles(dir, MODULES);
  env = {
    ...world.env,
    CUSTOM_1_MODULE: './good.mjs',
    CUSTOM_2_MODULE: './missing.mjs',
    CUSTOM_3_MODULE: './syntax.mjs',
    CUSTOM_4_MODULE: './shape.mjs',
    CUSTOM_5_MODULE: './throws.mjs',
    CUSTOM_6_FILE: './list.csv',
    CUSTOM_7_MODULE: './old-api.mjs',
    CUSTOM_8_FILE: './broken.json',
    CUSTOM_9_MODULE: './commonjs.cjs',
  };
});

describe('a broken custom module fails its own playlist only', () => {
  it('syncs the good ones, reports each broken one naming its file, and exits 1 (spawned bin)', async () => {
    const r = await spawnCli(['sync', '--all', '--json'], env, dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    const by = (name: string) => report.sources.find((s) => s.source === name);
    expect(by('custom-1')).toMatchObject({ ok: true, playlists: [{ title: 'Custom 1', action: 'created' }] });
    expect(by('custom-6')).toMatchObject({ ok: true, playlists: [{ title: 'Custom 6', action: 'created' }] });
    expect(plex.playlist('Custom 1')?.items.map((i) => i.ratingKey)).toEqual(['301']);
    expect(plex.playlist('Custom 6')?.items.map((i) => i.ratingKey)).toEqual(['401']);

    expect(by('custom-2')?.error).toMatchObject({ code: 'EPLUGINLOAD', message: `Cannot load the custom module ${join(dir, 'missing.mjs')} (CUSTOM_2_MODULE): no such file.` });
    expect(by('custom-3')?.error).toMatchObject({ code: 'EPLUGINLOAD', message: expect.stringContaining(`${join(dir, 'syntax.mjs')} (CUSTOM_3_MODULE): SyntaxError`) });
    expect(by('custom-3')?.error?.hint).toContain(`node --check ${join(dir, 'syntax.mjs')}`);
    expect(by('custom-4')?.error).toMatchObject({ code: 'EPLUGINSHAPE', message: expect.stringContaining("shape.mjs (CUSTOM_4_MODULE) is not a valid source: it exports 'name', 'tracks' but no source or function") });
    expect(by('custom-5')?.error).toMatchObject({ code: 'ESOURCE', message: expect.stringContaining('throws.mjs (CUSTOM_5_MODULE) failed in fetch: the mixtape ate the tape') });
    expect(by('custom-7')?.error).toMatchObject({ code: 'EPLUGINAPI', message: expect.stringContaining('old-api.mjs (CUSTOM_7_MODULE) was written for plugin API version 2') });
    expect(by('custom-8')?.error).toMatchObject({ code: 'ECUSTOMFILE', message: expect.stringContaining(`${join(dir, 'broken.json')} (CUSTOM_8_FILE) is not valid JSON`) });
    // CommonJS works too: module.exports arrives as the default export.
    expect(by('custom-9')).toMatchObject({ ok: true, playlists: [{ title: 'Custom 9', action: 'created' }] });
    expect(plex.playlist('Custom 9')?.items.map((i) => i.ratingKey)).toEqual(['501']);
    for (const n of [2, 3, 4, 5, 7, 8]) expect(plex.playlist(`Custom ${n}`)).toBeUndefined();
    expect(r.stderr).not.toMatch(/EINTERNAL|\n\s+at /);
  });

  it('lists broken modules in `harmoniq sources` as problems, and still lists every source', async () => {
    const r = await runCli(['sources', '--json'], env, dir);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { name: string; enabled: boolean; ready: boolean; problems: string[] }[];
    const row = (name: string) => rows.find((x) => x.name === name);
    expect(row('lastfm-charts')).toBeDefined();
    expect(row('custom-1')).toMatchObject({ enabled: true, ready: true, problems: [] });
    expect(row('custom-6')).toMatchObject({ ready: true });
    expect(row('custom-2')?.problems).toEqual([`CUSTOM_2_MODULE: EPLUGINLOAD Cannot load the custom module ${join(dir, 'missing.mjs')}: no such file.`]);
    expect(row('custom-3')?.problems[0]).toMatch(/^CUSTOM_3_MODULE: EPLUGINLOAD .*SyntaxError/);
    expect(row('custom-4')?.problems[0]).toMatch(/^CUSTOM_4_MODULE: EPLUGINSHAPE/);
    expect(row('custom-8')?.problems[0]).toMatch(/^CUSTOM_8_FILE: ECUSTOMFILE/);
    // A module that only fails when it runs looks fine until then.
    expect(row('custom-5')).toMatchObject({ ready: true });
  });

  it('syncs a good custom playlist alone while others are broken', async () => {
    const r = await runCli(['sync', 'custom-1'], env, dir);
    expect(r.code).toBe(0);
    expect(plex.playlist('Custom 1')?.items).toHaveLength(1);
  });

  it('stops with ECONFIG before any request when a custom playlist has both a module and a file', async () => {
    plex.resetRequests();
    const r = await runCli(['sync', 'custom-1'], { ...env, CUSTOM_1_FILE: './list.csv' }, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ECONFIG');
    expect(r.stderr).toContain('CUSTOM_1_MODULE and CUSTOM_1_FILE are both set');
    expect(plex.requests).toEqual([]);
  });

  it('leaves a custom playlist out when ENABLE_CUSTOM_<N> is false', async () => {
    const only = { ...env, ENABLE_CUSTOM_2: 'false', ENABLE_CUSTOM_3: 'false', ENABLE_CUSTOM_4: 'false', ENABLE_CUSTOM_5: 'false', ENABLE_CUSTOM_7: 'false', ENABLE_CUSTOM_8: 'false' };
    const r = await runCli(['sync', '--all', '--json'], only, dir);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Report).sources.map((s) => s.source)).toEqual(['custom-1', 'custom-6', 'custom-9']);
  });
});
