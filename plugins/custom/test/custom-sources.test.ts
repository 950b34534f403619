import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { createTestContext, libraryTrack } from '@harmoniq/core/testing';
import { customSources, type CustomOptions } from '@harmoniq/plugin-custom';

const dir = mkdtempSync(join(tmpdir(), 'harmoniq-custom-unit-'));
writeFileSync(join(dir, 'source.mjs'), `export default {
  apiVersion: 1,
  parseOptions: (raw) => typeof raw.genre === 'string' ? { ok: true, value: raw } : { ok: false, errors: [{ path: 'genre', message: 'is required' }] },
  async fetch(o, ctx) { return [{ key: 'by-genre', title: 'Genre: ' + o.genre, tracks: ctx.library.tracks.filter((t) => t.genres?.includes(o.genre)).map((t) => ({ artist: t.artist, title: t.title, ids: { plexRatingKey: t.ratingKey } })) }]; },
};\n`);
writeFileSync(join(dir, 'one-draft.mjs'), 'export default (ctx, o) => ({ tracks: [{ artist: "Low", title: "Words" }], summary: "only " + o.what });\n');
writeFileSync(join(dir, 'nonsense.mjs'), 'export default () => 42;\n');
writeFileSync(join(dir, 'list.m3u'), '#EXTINF:1,Low - Words\n');

const library = [libraryTrack({ ratingKey: 'a', artist: 'Low', title: 'Words', genres: ['Slowcore'] }), libraryTrack({ ratingKey: 'b', artist: 'Björk', title: 'Jóga', genres: ['Art Pop'] })];

function parse(source: ReturnType<typeof customSources>[number], env: Record<string, string> = {}, raw?: unknown) {
  return source.parseOptions(raw, env);
}
function options(source: ReturnType<typeof customSources>[number], env: Record<string, string> = {}): CustomOptions {
  const r = parse(source, env);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('customSources: which playlists exist', () => {
  it('makes one source per config entry, then one per N of the numbered variables, in order', () => {
    const env = { CUSTOM_10_FILE: 'b.csv', CUSTOM_2_MODULE: 'a.mjs', PLAYLIST_NAME_CUSTOM_3: 'Only a name', ENABLE_CUSTOM_4: '  ', OTHER_1_FILE: 'x' };
    const sources = customSources({ entries: [{ name: 'Forgotten Gems', module: '/x/gems.mjs' }, { name: 'late-night', file: '/x/late.csv' }], env, cwd: dir });
    expect(sources.map((s) => s.name)).toEqual(['forgotten-gems', 'late-night', 'custom-2', 'custom-3', 'custom-10']);
  });

  it('uses the entry for defaults and turns a custom playlist on by being written down', () => {
    const [gems, plain, off] = customSources({
      entries: [{ name: 'Forgotten Gems', module: '/x/gems.mjs' }, { name: 'late-night', file: '/x/late.csv', playlist: 'Late', size: 12 }, { name: 'off', file: '/x/a.csv', enabled: false }],
      env: {},
      cwd: dir,
    });
    expect(gems?.defaults).toEqual({ playlist: 'Forgotten Gems', size: 50, enabled: true });
    expect(plain?.defaults).toEqual({ playlist: 'Late', size: 12, enabled: true });
    expect(off?.defaults.enabled).toBe(false);
    expect(gems?.env).toBeUndefined();
    expect(gems?.description).toBe('Custom playlist from the module gems.mjs.');
    expect(plain?.description).toBe('Custom playlist from the track list late.csv.');
  });

  it('gives custom-<N> its numbered variables, also for a config entry named custom-<N>, where the environment wins', () => {
    const [entry, fromEnv] = customSources({ entries: [{ name: 'custom-1', file: join(dir, 'list.m3u') }], env: { CUSTOM_1_MODULE: './source.mjs', CUSTOM_2_FILE: 'list.m3u' }, cwd: dir });
    expect(entry?.env).toEqual({ enabled: 'ENABLE_CUSTOM_1', playlist: 'PLAYLIST_NAME_CUSTOM_1', size: 'PLAYLIST_SIZE_CUSTOM_1' });
    expect(fromEnv?.defaults).toEqual({ playlist: 'Custom 2', size: 50, enabled: true });
    expect(options(entry!, { CUSTOM_1_MODULE: './source.mjs' })).toMatchObject({ kind: 'module', specifier: join(dir, 'source.mjs'), setting: 'CUSTOM_1_MODULE' });
    expect(options(entry!)).toMatchObject({ kind: 'file', path: join(dir, 'list.m3u'), setting: 'custom[0].file' });
  });
});

describe('custom parseOptions', () => {
  const [one] = customSources({ entries: [], env: { CUSTOM_1_MODULE: 'x.mjs' }, cwd: dir });

  it('resolves environment paths from the current folder and keeps package names as they are', () => {
    expect(options(one!, { CUSTOM_1_MODULE: 'lib/gems.js' })).toMatchObject({ specifier: join(dir, 'lib/gems.js') });
    expect(options(one!, { CUSTOM_1_MODULE: '@me/gems' })).toMatchObject({ specifier: '@me/gems', label: '@me/gems (CUSTOM_1_MODULE)' });
    expect(options(one!, { CUSTOM_1_FILE: '../up.csv' })).toMatchObject({ kind: 'file', path: join(dir, '..', 'up.csv') });
  });

  it.each([
    [{}, 'CUSTOM_1_MODULE', 'needs CUSTOM_1_MODULE or CUSTOM_1_FILE'],
    [{ CUSTOM_1_MODULE: 'a.mjs', CUSTOM_1_FILE: 'a.csv' }, 'CUSTOM_1_MODULE', 'CUSTOM_1_MODULE and CUSTOM_1_FILE are both set'],
    [{ CUSTOM_1_MODULE: 'a.mjs', CUSTOM_1_OPTIONS: '[1]' }, 'CUSTOM_1_OPTIONS', 'must be a JSON object'],
  ])('reports %j as a problem at %s', (env, path, message) => {
    const r = parse(one!, env);
    expect(r).toEqual({ ok: false, errors: [{ path, message: expect.stringContaining(message) }] });
  });

  it('reports a sources.<name> section that is not a section', () => {
    expect(parse(one!, { CUSTOM_1_MODULE: 'a.mjs' }, 'text')).toEqual({ ok: false, errors: [{ path: 'sources.custom-1', message: "sources.custom-1 must be a section of options, got 'text'" }] });
  });

  it('declares its options like every source: module, file and the module\'s settings, with the numbered variables', () => {
    const [named] = customSources({ entries: [{ name: 'gems', module: '/m.mjs' }], env: {}, cwd: dir });
    expect(Object.fromEntries(Object.entries(one!.options ?? {}).map(([k, o]) => [k, o.env]))).toEqual({ module: 'CUSTOM_1_MODULE', file: 'CUSTOM_1_FILE', settings: 'CUSTOM_1_OPTIONS' });
    expect(Object.values(named!.options ?? {}).map((o) => o.env)).toEqual([undefined, undefined, undefined]);
  });

  it('reads sources.<name>.module like any option, over the entry, resolved from the config file\'s folder', () => {
    const [s] = customSources({ entries: [{ name: 'gems', module: 'old.mjs' }], env: {}, cwd: '/elsewhere', baseDir: dir });
    expect(parse(s!, {}, { module: 'new.mjs', months: 2 })).toEqual({
      ok: true,
      value: expect.objectContaining({ kind: 'module', specifier: join(dir, 'new.mjs'), setting: 'sources.gems.module', settings: { months: 2 } }),
    });
  });

  it('CUSTOM_<N>_OPTIONS wins over sources.<name> as the environment does everywhere, saying what it ignores', () => {
    const [s] = customSources({ entries: [{ name: 'custom-1', module: '/m.mjs', perArtist: 1 }], env: {}, cwd: dir });
    const r = parse(s!, { CUSTOM_1_OPTIONS: '{"months": 9}' }, { months: 4, extra: true });
    expect(r).toEqual({ ok: true, value: expect.objectContaining({ settings: { perArtist: 1, months: 9 } }), warnings: ['CUSTOM_1_OPTIONS is set, so sources.custom-1 is ignored'] });
  });

  it('hands the module the entry\'s own keys, then sources.<name>, then CUSTOM_<N>_OPTIONS', () => {
    const [s] = customSources({ entries: [{ name: 'custom-1', module: '/m.mjs', playlist: 'P', months: 3, perArtist: 1 }], env: {}, cwd: dir });
    expect(options(s!, { CUSTOM_1_OPTIONS: '{"months": 9}' })).toMatchObject({ settings: { months: 9, perArtist: 1 } });
    const r = parse(s!, {}, { perArtist: 4 });
    expect(r.ok && r.value.kind === 'module' && r.value.settings).toEqual({ months: 3, perArtist: 4 });
  });
});

describe('custom fetch', () => {
  const ctx = () => createTestContext({ tracks: library, common: { playlist: 'Mine' } });
  const entry = (fields: Record<string, unknown>) => customSources({ entries: [{ name: 'x', ...fields }], env: {}, cwd: dir })[0]!;

  it('runs a module that is a full source with its own validated options and drafts', async () => {
    const s = entry({ module: join(dir, 'source.mjs'), genre: 'Slowcore' });
    expect(await s.fetch(options(s), ctx())).toEqual([{ key: 'by-genre', title: 'Genre: Slowcore', tracks: [{ artist: 'Low', title: 'Words', ids: { plexRatingKey: 'a' } }] }]);
  });

  it('fails with ECONFIG when that source rejects its options', async () => {
    const s = entry({ module: join(dir, 'source.mjs') });
    await expect(s.fetch(options(s), ctx())).rejects.toMatchObject({ code: 'ECONFIG', message: expect.stringContaining('rejected its options: genre: is required') });
  });

  it('fills in the key and title of a single draft a function returns', async () => {
    const s = entry({ module: join(dir, 'one-draft.mjs'), what: 'this' });
    expect(await s.fetch(options(s), ctx())).toEqual([{ key: 'default', title: 'Mine', summary: 'only this', tracks: [{ artist: 'Low', title: 'Words' }] }]);
  });

  it('fails with ESOURCEOUTPUT naming the module when a function returns something else', async () => {
    const s = entry({ module: join(dir, 'nonsense.mjs') });
    await expect(s.fetch(options(s), ctx())).rejects.toMatchObject({ code: 'ESOURCEOUTPUT', message: expect.stringContaining('nonsense.mjs (custom[0].module) returned number') });
  });

  it('reads a track list file into one draft titled after the playlist', async () => {
    const s = entry({ file: join(dir, 'list.m3u') });
    const [draft] = await s.fetch(options(s), ctx());
    expect(draft).toMatchObject({ key: 'default', title: 'Mine', tracks: [{ artist: 'Low', title: 'Words', durationMs: 1000 }] });
    expect(draft?.summary).toBe('From list.m3u.');
  });

  it('loads a module given as a package name through the importer it is given', async () => {
    const asked: string[] = [];
    const [s] = customSources({
      entries: [{ name: 'pkg', module: '@me/gems' }],
      env: {},
      cwd: dir,
      importModule: async (name) => {
        asked.push(name);
        return { default: () => [{ artist: 'Björk', title: 'Jóga' }] };
      },
    });
    expect((await s!.fetch(options(s!), ctx()))[0]?.tracks).toEqual([{ artist: 'Björk', title: 'Jóga' }]);
    expect(asked).toEqual(['@me/gems']);
  });
});
