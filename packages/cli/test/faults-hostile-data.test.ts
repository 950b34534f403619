import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sampleLibrary, serve, startLastfmEmulator, startPlexEmulator, type Emulator, type EmulatorRequest, type LastfmEmulator, type PlexEmulator } from '@harmoniq/testkit';
import { runCli, tempDir } from './cli-harness.js';

/**
 * Hostile answers from services (huge strings, missing fields, wrong types, 10k-item pages), from hand-written
 * servers: a proxy in front of the Plex emulator that rewrites chosen JSON bodies, and a Last.fm that serves
 * a chart of our making. Always a clear error or graceful handling: never a crash, never a stack trace.
 */

type Json = Record<string, unknown>;
type Mutate = (body: Json, req: EmulatorRequest) => unknown;

let plex: PlexEmulator;
let lastfm: LastfmEmulator;
let proxy: Emulator;
let chartServer: Emulator;
/** What the proxy and the chart server do, set per test. */
const hostile: { plex?: { path: RegExp; query?: (q: URLSearchParams) => boolean; mutate: Mutate }; chart?: () => unknown } = {};

const mc = (body: Json) => body['MediaContainer'] as Json;
const big = (n: number) => 'x'.repeat(n);

beforeAll(async () => {
  plex = await startPlexEmulator({ tracks: sampleLibrary().slice(0, 60) });
  const named = plex.tracks().map((t) => ({ artist: t.trackArtist ?? t.artist, title: t.title }));
  lastfm = await startLastfmEmulator({ data: { chart: named.slice(0, 30) } });
  proxy = await serve(async (req) => {
    const res = await fetch(`${plex.url}${req.rawUrl}`, {
      method: req.method,
      headers: { accept: 'application/json', 'x-plex-token': String(req.headers['x-plex-token'] ?? '') },
    });
    const text = await res.text();
    const rule = hostile.plex;
    const isJson = (res.headers.get('content-type') ?? '').includes('json');
    if (!rule || !isJson || !rule.path.test(req.path) || (rule.query && !rule.query(req.query))) {
      return { status: res.status, headers: { 'content-type': res.headers.get('content-type') ?? 'text/plain' }, body: text };
    }
    const mutated = rule.mutate(JSON.parse(text) as Json, req);
    return { status: res.status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(mutated) };
  });
  chartServer = await serve(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(hostile.chart?.() ?? {}) }));
});
afterAll(async () => {
  await Promise.all([plex.close(), lastfm.close(), proxy.close(), chartServer.close()]);
});

function envFor(dataDir: string, opts: { chart?: boolean } = {}): Record<string, string> {
  return {
    PLEX_URL: proxy.url,
    PLEX_TOKEN: plex.token,
    PLEX_MUSIC_LIBRARY_NAME: 'Music',
    PLEX_TIMEOUT_MS: '5000',
    PLEX_PAGE_SIZE: '20',
    LASTFM_API_KEY: lastfm.apiKey,
    LASTFM_API_URL: opts.chart ? `${chartServer.url}/2.0/` : `${lastfm.url}/2.0/`,
    ENABLE_LASTFM_CHARTS: 'true',
    HARMONIQ_DATA_DIR: dataDir,
    HARMONIQ_RETRY_BASE_MS: '5',
    TIMEZONE: 'UTC',
  };
}

/** A run that may fail, but only the way a user can read: exit 0 or 1, one coded line, no stack, no TypeError. */
function expectGraceful(r: { code: number; stderr: string; stdout: string }): void {
  expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: expect.any(Number) });
  expect([0, 1]).toContain(r.code);
  expect(r.stderr).not.toMatch(/\n\s+at |TypeError|ReferenceError|RangeError|undefined is not|Cannot read properties/);
  if (r.code !== 0) expect(r.stderr).toMatch(/\bE[A-Z]{3,}\b/);
}

const TRACK_PAGES = { path: /^\/library\/sections\/[^/]+\/all$/, query: (q: URLSearchParams) => q.get('type') === '10' && q.get('X-Plex-Container-Size') !== '0' };

describe('hostile Plex library pages', () => {
  const cases: Array<[string, Mutate]> = [
    ['100 KB titles and artists', (b) => ((mc(b)['Metadata'] as Json[]).forEach((m) => ((m['title'] = big(100_000)), (m['grandparentTitle'] = big(100_000)))), b)],
    ['items without ratingKey or title', (b) => ((mc(b)['Metadata'] as Json[]).forEach((m, i) => (i % 2 ? delete m['ratingKey'] : delete m['title'])), b)],
    ['wrong types everywhere', (b) => ((mc(b)['Metadata'] as Json[]).forEach((m) => ((m['ratingKey'] = 12), (m['title'] = { a: 1 }), (m['duration'] = 'long'), (m['Guid'] = 'x'))), (mc(b)['totalSize'] = 'many'), b)],
    ['Metadata as an object, not a list', (b) => ((mc(b)['Metadata'] = { nope: true }), b)],
    ['MediaContainer as a string', () => ({ MediaContainer: 'hello' })],
    ['a JSON array instead of an object', () => [1, 2, 3]],
    ['a null body', () => null],
  ];
  it.each(cases)('%s: a clear error or a usable index, never a crash', async (_name, mutate) => {
    hostile.plex = { ...TRACK_PAGES, mutate };
    const dir = tempDir('harmoniq-hostile-');
    const r = await runCli(['sync', '--all'], envFor(dir), dir);
    hostile.plex = undefined;
    expectGraceful(r);
  });

  it('a page of 10,000 items where 20 were asked for is read without a crash', async () => {
    hostile.plex = {
      ...TRACK_PAGES,
      mutate: (b) => {
        const items = mc(b)['Metadata'] as Json[];
        const first = items[0] ?? {};
        mc(b)['Metadata'] = Array.from({ length: 10_000 }, (_, i) => ({ ...first, ratingKey: String(900_000 + i), title: `Filler ${i}` }));
        return b;
      },
    };
    const dir = tempDir('harmoniq-hostile-');
    const r = await runCli(['sync', '--all'], envFor(dir), dir);
    hostile.plex = undefined;
    expectGraceful(r);
  });
});

describe('hostile Plex playlist items', () => {
  const ITEMS = { path: /^\/playlists\/[^/]+\/items$/ };
  const cases: Array<[string, Mutate]> = [
    ['items without playlistItemID', (b) => ((mc(b)['Metadata'] as Json[] | undefined)?.forEach((m) => delete m['playlistItemID']), b)],
    ['10,000 items', (b) => ((mc(b)['Metadata'] = Array.from({ length: 10_000 }, (_, i) => ({ ratingKey: String(800_000 + i), playlistItemID: i + 1, title: 't', type: 'track' }))), (mc(b)['totalSize'] = 10_000), b)],
    ['items of the wrong type', (b) => ((mc(b)['Metadata'] = 'items'), b)],
  ];
  it.each(cases)('%s: the playlist is left complete and the run says why', async (_name, mutate) => {
    const dir = tempDir('harmoniq-hostile-');
    expect((await runCli(['sync', '--all'], envFor(dir), dir)).code).toBe(0);
    const title = 'Global Top 50';
    const before = plex.playlist(title)!.items.map((i) => i.ratingKey);
    lastfm.setData({ chart: plex.tracks().slice(30, 60).map((t) => ({ artist: t.trackArtist ?? t.artist, title: t.title })) });
    hostile.plex = { ...ITEMS, mutate };
    const r = await runCli(['sync', '--all'], envFor(dir), dir);
    hostile.plex = undefined;
    expectGraceful(r);
    const after = plex.playlist(title)!.items.map((i) => i.ratingKey);
    expect(after.length).toBeGreaterThan(0);
    expect(new Set(after).size).toBe(after.length);
    expect(before.every((k) => after.includes(k)) || after.length >= before.length).toBe(true);
    plex.deletePlaylist(plex.playlist(title)!.ratingKey);
    lastfm.setData({ chart: plex.tracks().slice(0, 30).map((t) => ({ artist: t.trackArtist ?? t.artist, title: t.title })) });
  });
});

describe('a hostile Last.fm chart', () => {
  const track = (name: unknown, artist: unknown) => ({ name, artist: { name: artist }, playcount: '12', listeners: 'x', '@attr': { rank: 'one' } });
  const cases: Array<[string, () => unknown]> = [
    ['a single track as an object, not a list', () => ({ tracks: { track: track('Hello', 'Adele'), '@attr': { page: '1', totalPages: '1' } } })],
    ['names missing or of the wrong type', () => ({ tracks: { track: [track(undefined, 'Adele'), track(7, null), track({}, []), { artist: 'flat' }, null, 'x'] } })],
    ['1 MB names', () => ({ tracks: { track: [track(big(1_000_000), big(1_000_000))] } })],
    ['10,000 tracks', () => ({ tracks: { track: Array.from({ length: 10_000 }, (_, i) => track(`Song ${i}`, `Artist ${i}`)), '@attr': { page: '1', totalPages: '1', total: '10000' } } })],
    ['paging numbers that are not numbers', () => ({ tracks: { track: [track('Hello', 'Adele')], '@attr': { page: 'NaN', totalPages: '-1', perPage: 'x' } } })],
    ['no "tracks" at all', () => ({ something: 'else' })],
    ['an error object with a 200 and a 5 KB message', () => ({ error: 6, message: big(5000) })],
  ];
  it.each(cases)('%s: a clear error or a kept/updated playlist, never a crash', async (_name, chart) => {
    hostile.chart = chart;
    const dir = tempDir('harmoniq-hostile-');
    const r = await runCli(['sync', '--all'], envFor(dir, { chart: true }), dir);
    hostile.chart = undefined;
    expectGraceful(r);
    for (const p of plex.playlists()) plex.deletePlaylist(p.ratingKey);
  });
});
