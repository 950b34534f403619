import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  gzipBomb,
  redirectTo,
  sampleLastfmData,
  sampleLibrary,
  serve,
  startBystander,
  startLastfmEmulator,
  startPlexEmulator,
  startRewritingProxy,
  type Emulator,
  type LastfmEmulator,
  type LastfmFixture,
  type PlexEmulator,
  type RewritingProxy,
} from '@harmoniq/testkit';
import { runCli, tempDir } from './cli-harness.js';

/**
 * Dishonest servers (docs/reliability.md, "Bounds and rules against hostile servers"): redirects to other origins,
 * incomplete views of Plex, unbounded answers. Plex is honest; a rewriting proxy in front of it (the network path)
 * or its fault table lies. Every case: a coded error for what met it, the playlist as it was, no secret elsewhere.
 */

const CHARTS = 'Global Top 50';
type Json = Record<string, unknown>;
const mc = (b: Json) => b['MediaContainer'] as Json;
const metadata = (b: Json) => (mc(b)['Metadata'] as Json[] | undefined) ?? [];

let plex: PlexEmulator;
let lastfm: LastfmEmulator;
let proxy: RewritingProxy;
let bystander: Emulator;
let chart: LastfmFixture;
let dataDir: string;
let env: Record<string, string>;

const items = () => plex.playlist(CHARTS)?.items.map((i) => i.ratingKey) ?? [];
const TRACK_PAGES = { path: /^\/library\/sections\/[^/]+\/all$/, query: (q: URLSearchParams) => q.get('type') === '10' && q.get('X-Plex-Container-Size') !== '0' };
const ITEMS = { path: /^\/playlists\/[^/]+\/items$/ };
/** A server that sends the first page and then nothing more: the listing ends short of its count. */
const firstPageOnly = (q: URLSearchParams) => (q.get('X-Plex-Container-Start') ?? '0') === '0';

beforeAll(async () => {
  plex = await startPlexEmulator({ tracks: sampleLibrary() });
  const library = plex.tracks().map((t) => ({ artist: t.trackArtist ?? t.artist, title: t.title, album: t.album }));
  chart = sampleLastfmData(library);
  lastfm = await startLastfmEmulator({ data: chart });
  proxy = await startRewritingProxy(plex.url);
  bystander = await startBystander();
});
afterAll(async () => {
  await Promise.all([plex.close(), lastfm.close(), proxy.close(), bystander.close()]);
});
beforeEach(() => {
  for (const p of plex.playlists()) plex.deletePlaylist(p.ratingKey);
  for (const e of [plex, lastfm, proxy, bystander]) {
    e.clearFaults();
    e.resetRequests();
  }
  proxy.setRules([]);
  lastfm.setData(chart);
  dataDir = tempDir('harmoniq-hostile-');
  env = {
    PLEX_URL: proxy.url,
    PLEX_TOKEN: plex.token,
    PLEX_MUSIC_LIBRARY_NAME: 'Music',
    PLEX_TIMEOUT_MS: '5000',
    PLEX_PAGE_SIZE: '100',
    LASTFM_API_KEY: lastfm.apiKey,
    LASTFM_API_URL: `${lastfm.url}/2.0/`,
    ENABLE_LASTFM_CHARTS: 'true',
    HARMONIQ_DATA_DIR: dataDir,
    HARMONIQ_RETRY_BASE_MS: '5',
    TIMEZONE: 'UTC',
  };
});

/** A failed run the way a user reads it: the code, one coded line, no stack, no secret. */
function expectCoded(r: { code: number; stderr: string; stdout: string }, code: string): void {
  expect({ code: r.code, named: r.stderr.includes(code) }).toEqual({ code: 1, named: true });
  expect(r.stderr).not.toMatch(/\n\s+at |TypeError|RangeError|Maximum call stack/);
  expect(r.stderr + r.stdout).not.toContain(plex.token);
  expect(r.stderr + r.stdout).not.toContain(lastfm.apiKey);
}

/** A first clean run, then a changed chart so the next run wants to write. */
async function managedPlaylistThenNewChart(): Promise<string[]> {
  expect((await runCli(['sync', '--all'], env, dataDir)).code).toBe(0);
  const before = items();
  expect(before.length).toBeGreaterThan(30);
  lastfm.setData({ ...chart, chart: [...(chart.chart ?? [])].slice(20) });
  return before;
}

describe('a credential never leaves the configured origin', () => {
  it.each([301, 302, 303, 307, 308] as const)('refuses Plex redirecting with %i to another origin, sending it nothing', async (status) => {
    env.PLEX_URL = plex.url;
    plex.inject({ path: '/library/sections', ...redirectTo(`${bystander.url}/library/sections`, status), times: Infinity });
    const r = await runCli(['sync', '--all'], env, dataDir);
    expectCoded(r, 'EREDIRECT');
    expect(r.stderr).toContain(new URL(bystander.url).origin);
    expect(bystander.requests).toHaveLength(0);
    expect(plex.playlists()).toHaveLength(0);
  });

  it('follows a redirect that stays on the same origin', async () => {
    env.PLEX_URL = plex.url;
    plex.inject({ path: '/library/sections', ...redirectTo('/library/sections/all', 307), times: Infinity });
    expect((await runCli(['sync', '--all'], env, dataDir)).code).toBe(0);
    expect(items().length).toBeGreaterThan(30);
  });

  it('refuses Last.fm redirecting elsewhere: the API key is not sent there and Plex is untouched', async () => {
    lastfm.inject({ path: '/2.0/', ...redirectTo(`${bystander.url}/2.0/?from=lastfm`, 302), times: Infinity });
    const r = await runCli(['sync', '--all'], env, dataDir);
    expectCoded(r, 'EREDIRECT');
    expect(bystander.requests).toHaveLength(0);
    expect(plex.playlists()).toHaveLength(0);
  });

  it('refuses a notification webhook redirecting elsewhere: the report goes nowhere else, the sync is unaffected', async () => {
    const hook = await serve(() => ({ status: 307, headers: { location: `${bystander.url}/collect` }, body: '' }));
    try {
      const r = await runCli(['sync', '--all'], { ...env, NOTIFY_WEBHOOK_URL: `${hook.url}/hooks/secret-path-4242`, NOTIFY_ON: 'always' }, dataDir);
      expect(r.code).toBe(0);
      expect(hook.requests).toHaveLength(1);
      expect(bystander.requests).toHaveLength(0);
      expect(r.stderr).not.toContain('secret-path-4242');
    } finally {
      await hook.close();
    }
  });
});

describe('an incomplete view of Plex never drives a write', () => {
  it('keeps the playlist when its items answer is shorter than Plex counts, and repairs it next run', async () => {
    const before = await managedPlaylistThenNewChart();
    proxy.setRules([{ ...ITEMS, rewrite: (b, req) => ((mc(b)['Metadata'] = firstPageOnly(req.query) ? metadata(b).slice(0, 30) : []), b) }]);
    expectCoded(await runCli(['sync', '--all'], env, dataDir), 'EPLEXINCOMPLETE');
    expect(items()).toEqual(before);

    proxy.setRules([]);
    expect((await runCli(['sync', '--all'], env, dataDir)).code).toBe(0);
    expect(items().length).toBeGreaterThan(30);
    expect(new Set(items()).size).toBe(items().length);
    expect(items()).not.toEqual(before);
  });

  it('keeps the playlist when the items answer lies consistently (totalSize and leafCount) about a shorter list', async () => {
    const before = await managedPlaylistThenNewChart();
    proxy.setRules([
      {
        ...ITEMS,
        rewrite: (b) => {
          const m = mc(b);
          m['Metadata'] = metadata(b).slice(0, 30);
          m['totalSize'] = m['size'] = m['leafCount'] = 30;
          return b;
        },
      },
    ]);
    expectCoded(await runCli(['sync', '--all'], env, dataDir), 'EPLEXINCOMPLETE');
    expect(items()).toEqual(before);
  });

  it('keeps the playlist when the items answer repeats entries', async () => {
    const before = await managedPlaylistThenNewChart();
    proxy.setRules([{ ...ITEMS, rewrite: (b) => ((mc(b)['Metadata'] = [...metadata(b).slice(0, 25), ...metadata(b).slice(0, 25)]), b) }]);
    expectCoded(await runCli(['sync', '--all'], env, dataDir), 'EPLEXINCOMPLETE');
    expect(items()).toEqual(before);
  });

  it.each([
    ['repeats ratingKeys', (page: Json[]) => [...page.slice(0, Math.ceil(page.length / 2)), ...page.slice(0, Math.floor(page.length / 2))]],
    ['is shorter than its count', (page: Json[], q: URLSearchParams) => (firstPageOnly(q) ? page : [])],
  ])('keeps every playlist when the library listing %s, caches nothing, and the next run is clean', async (_, cut) => {
    const before = await managedPlaylistThenNewChart();
    proxy.setRules([{ ...TRACK_PAGES, rewrite: (b, req) => ((mc(b)['Metadata'] = cut(metadata(b), req.query)), b) }]);
    expectCoded(await runCli(['sync', '--all', '--refresh-library'], env, dataDir), 'EPLEXINCOMPLETE');
    expect(items()).toEqual(before);

    proxy.setRules([]);
    expect((await runCli(['sync', '--all'], env, dataDir)).code).toBe(0);
    expect(new Set(items()).size).toBe(items().length);
    expect(items()).not.toEqual(before);
  });
});

describe('every answer is bounded', () => {
  it('stops reading a body larger than HARMONIQ_MAX_BODY_MB', async () => {
    proxy.setRules([{ ...TRACK_PAGES, rewrite: (b) => ((mc(b)['padding'] = 'x'.repeat(3 * 1024 * 1024)), b) }]);
    const r = await runCli(['sync', '--all'], { ...env, HARMONIQ_MAX_BODY_MB: '1' }, dataDir);
    expectCoded(r, 'ELIMIT');
    expect(r.stderr).toContain('HARMONIQ_MAX_BODY_MB');
  });

  it('stops a gzip bomb at the bound, counting bytes after decompression', async () => {
    env.PLEX_URL = plex.url;
    plex.inject({ path: /^\/library\/sections\/[^/]+\/all$/, ...gzipBomb(48 * 1024 * 1024), times: Infinity });
    const r = await runCli(['sync', '--all'], { ...env, HARMONIQ_MAX_BODY_MB: '4' }, dataDir);
    expectCoded(r, 'ELIMIT');
    expect(r.stderr).toContain('after decompression');
  });

  it('refuses a listing whose count is beyond PLEX_MAX_ITEMS instead of paging forever', async () => {
    let n = 0;
    proxy.setRules([
      {
        ...TRACK_PAGES,
        rewrite: (b) => {
          mc(b)['totalSize'] = 1e12;
          for (const m of metadata(b)) m['ratingKey'] = `fresh-${(n += 1)}`;
          return b;
        },
      },
    ]);
    const r = await runCli(['sync', '--all'], env, dataDir);
    expectCoded(r, 'ELIMIT');
    expect(r.stderr).toContain('PLEX_MAX_ITEMS');
    expect(plex.playlists()).toHaveLength(0);
  });

  it('refuses JSON nested deeper than the bound with a coded error, not a stack overflow', async () => {
    proxy.setRules([
      {
        ...TRACK_PAGES,
        rewrite: (b) => {
          const first = metadata(b)[0];
          if (first) first['Genre'] = '@@deep@@';
          const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
          return { response: { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(b).replace('"@@deep@@"', deep) } };
        },
      },
    ]);
    const r = await runCli(['sync', '--all'], env, dataDir);
    expectCoded(r, 'EPLEXRESPONSE');
    expect(r.stderr).toContain('nested more than 64 levels');
  });
});
