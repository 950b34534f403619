import { describe, expect, it } from '@jest/globals';
import { defineSource, type PlaylistDraft, type PlaylistSource } from '@harmoniq/core';
import { checkSourceContract, createTestContext, libraryTrack, sourceShapeProblems } from '@harmoniq/core/testing';

const tracks = [libraryTrack({ ratingKey: 'k1', artist: 'Low', title: 'Words', viewCount: 3 }), libraryTrack({ ratingKey: 'k2', artist: 'Björk', title: 'Jóga' })];

/** A source that passes; each test breaks one thing. */
function good(): PlaylistSource<{ n: number }> {
  return defineSource<{ n: number }>({
    apiVersion: 1,
    name: 'good-source',
    description: 'Picks the most played tracks.',
    defaults: { playlist: 'Good', size: 10 },
    env: { enabled: 'ENABLE_GOOD', size: 'PLAYLIST_SIZE_GOOD' },
    parseOptions: (raw) =>
      raw === undefined || raw === null || (typeof raw === 'object' && !Array.isArray(raw) && Object.keys(raw).every((k) => k === 'n'))
        ? { ok: true, value: { n: 1 } }
        : { ok: false, errors: [{ path: 'sources.good-source', message: 'must be a section with n' }] },
    async fetch(_o, ctx) {
      return [{ key: 'default', title: ctx.common.playlist, tracks: ctx.library.tracks.map((t) => ({ artist: t.artist, title: t.title, ids: { plexRatingKey: t.ratingKey } })) }];
    },
  });
}
const ctx = () => createTestContext({ tracks });

describe('checkSourceContract', () => {
  it('passes a source that honours the contract', async () => {
    expect(await checkSourceContract(good(), { validRaw: { n: 2 }, context: ctx() })).toEqual([]);
  });

  it.each<[string, (s: PlaylistSource<{ n: number }>) => void, string]>([
    ['a wrong apiVersion', (s) => Object.assign(s, { apiVersion: 2 }), 'apiVersion must be 1, got 2'],
    ['a name that is not kebab-case', (s) => Object.assign(s, { name: 'Good_Source' }), 'name must be kebab-case, got "Good_Source"'],
    ['a two-line description', (s) => Object.assign(s, { description: 'One.\nTwo.' }), 'description must be one non-empty line'],
    ['a size of 0', (s) => Object.assign(s, { defaults: { playlist: 'Good', size: 0 } }), 'defaults.size must be a whole number from 1 to 1000'],
    ['an env name in lower case', (s) => Object.assign(s, { env: { enabled: 'enable_good' } }), 'env.enabled must be an environment variable name'],
    ['a missing fetch', (s) => Object.assign(s, { fetch: undefined }), 'fetch must be a function'],
    ['an empty displayName', (s) => Object.assign(s, { displayName: ' ' }), 'displayName, when present, must be one non-empty line'],
  ])('reports %s', async (_, breakIt, problem) => {
    const s = good();
    breakIt(s);
    expect((await checkSourceContract(s)).join('\n')).toContain(problem);
  });

  it('reports parseOptions that throws on bad input, or fails without saying why', async () => {
    const throwing = { ...good(), parseOptions: (raw: unknown) => ({ ok: true as const, value: { n: (raw as { n: number }).n } }) };
    expect(await checkSourceContract(throwing)).toEqual(expect.arrayContaining([expect.stringMatching(/^parseOptions\(undefined\) threw/), expect.stringMatching(/^parseOptions\(null\) threw/)]));
    const silent = { ...good(), parseOptions: () => ({ ok: false as const, errors: [] }) };
    expect(await checkSourceContract(silent)).toContain('parseOptions(42) failed without saying why');
  });

  it('reports valid options that are rejected', async () => {
    expect(await checkSourceContract(good(), { validRaw: { other: 1 } })).toEqual(['parseOptions rejected the valid options: sources.good-source: must be a section with n']);
  });

  it('reports what the core would reject in fetch output, and rating keys the library does not have', async () => {
    const noTitle = { ...good(), fetch: async () => [{ key: 'default', title: '', tracks: [] }] };
    expect(await checkSourceContract(noTitle, { context: ctx() })).toEqual([expect.stringContaining("fetch: Source 'good-source' returned invalid data: draft 'default' has no 'title'")]);
    const stray = { ...good(), fetch: async () => [{ key: 'default', title: 'x', tracks: [{ artist: 'A', title: 'B', ids: { plexRatingKey: 'nope' } }] }] };
    expect(await checkSourceContract(stray, { context: ctx() })).toEqual(["fetch: draft 'default' names 1 ids.plexRatingKey not in the library (e.g. 'nope')"]);
    const strayReserve = { ...good(), fetch: async () => [{ key: 'default', title: 'x', tracks: [], reserve: [{ artist: 'A', title: 'B', ids: { plexRatingKey: 'gone' } }] }] };
    expect(await checkSourceContract(strayReserve, { context: ctx() })).toEqual(["fetch: draft 'default' names 1 ids.plexRatingKey not in the library (e.g. 'gone')"]);
    const badReserve = { ...good(), fetch: async () => [{ key: 'default', title: 'x', tracks: [], reserve: [{ artist: 'A' }] }] as unknown as PlaylistDraft[] };
    expect(await checkSourceContract(badReserve, { context: ctx() })).toEqual([expect.stringContaining("draft 'default' reserve track 0 needs string 'artist' and 'title'")]);
  });

  it('calls verify (unless told not to) and checks nextChange', async () => {
    const s = { ...good(), verify: async () => Promise.reject(new Error('bad key')), nextChange: (_o: unknown, now: Date) => new Date(now.getTime() - 1) };
    const problems = await checkSourceContract(s, { context: ctx() });
    expect(problems).toContain('verify: bad key');
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^nextChange must return a Date after now/)]));
    expect(await checkSourceContract(s, { context: ctx(), verify: false })).not.toContain('verify: bad key');
  });
});

describe('sourceShapeProblems', () => {
  it.each([
    ['null', null, 'a source must be an object, got null'],
    ['an array of sources', [good()], 'a source must be an object, got an array'],
    ['a function', () => undefined, 'a source must be an object, got function'],
  ])('refuses %s', (_, value, problem) => {
    expect(sourceShapeProblems(value)).toEqual([problem]);
  });
  it('finds nothing wrong with a valid source', () => {
    expect(sourceShapeProblems(good())).toEqual([]);
  });
});

describe('createTestContext', () => {
  it('gives a fixed clock, a silent logger that records, the fake library and the common options', async () => {
    const c = createTestContext({ tracks, now: '2026-03-01T10:00:00Z', zone: 'Europe/Paris', common: { size: 3 } });
    expect(c.clock.now().toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(c.clock.zone).toBe('Europe/Paris');
    expect(c.library.byRatingKey('k1')).toMatchObject({ artist: 'Low', viewCount: 3, albumArtist: 'Low' });
    expect(c.common).toMatchObject({ size: 3, playlist: 'Test Playlist', enabled: true });
    c.logger.child('x').warn('careful');
    expect(c.logger.lines).toEqual([expect.objectContaining({ level: 'warn', message: 'careful' })]);
    expect(await c.limit(async () => 7)).toBe(7);
  });
});
