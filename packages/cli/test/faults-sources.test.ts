import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  sampleLastfmData,
  sampleLibrary,
  sampleListenBrainzData,
  startLastfmEmulator,
  startListenBrainzEmulator,
  startPlexEmulator,
  type Emulator,
  type FaultRule,
  type LastfmEmulator,
  type ListenBrainzEmulator,
  type ListenBrainzSample,
  type PlexEmulator,
} from '@harmoniq/testkit';
import { runCli, tempDir } from './cli-harness.js';

/** A failing source never affects another: two sources, one service broken, the other's playlist is updated, exit 1. */

const CHARTS = 'Global Top 50';
const LB = 'ListenBrainz Recommendations';
const LB_TOKEN = 'lb-token-for-fault-tests-0001';
let plex: PlexEmulator;
let lastfm: LastfmEmulator;
let listenbrainz: ListenBrainzEmulator;
let library: Array<{ artist: string; title: string; album?: string }>;
let lbData: ListenBrainzSample;
let dataDir: string;
let env: Record<string, string>;

const items = (title: string) => plex.playlist(title)?.items.map((i) => i.ratingKey);

/** The ListenBrainz data with the best recommendations gone, so its playlist changes. */
function shiftedListenBrainz(): ListenBrainzSample['users'] {
  const users = structuredClone(lbData.users);
  const user = users['harmoniq-user']!;
  user.recommendations = (user.recommendations ?? []).slice(30);
  return users;
}

beforeAll(async () => {
  plex = await startPlexEmulator({ tracks: sampleLibrary() });
  library = plex.tracks().map((t) => ({ artist: t.trackArtist ?? t.artist, title: t.title, album: t.album }));
  lbData = sampleListenBrainzData(library);
  lastfm = await startLastfmEmulator({ data: sampleLastfmData(library) });
  listenbrainz = await startListenBrainzEmulator({ tokens: { [LB_TOKEN]: 'harmoniq-user' }, users: lbData.users, recordings: lbData.recordings });
});
afterAll(async () => {
  await Promise.all([plex.close(), lastfm.close(), listenbrainz.close()]);
});
beforeEach(async () => {
  for (const p of plex.playlists()) plex.deletePlaylist(p.ratingKey);
  for (const e of [plex, lastfm, listenbrainz]) e.clearFaults();
  lastfm.setData(sampleLastfmData(library));
  listenbrainz.setUsers(lbData.users);
  dataDir = tempDir('harmoniq-sources-');
  env = {
    PLEX_URL: plex.url,
    PLEX_TOKEN: plex.token,
    PLEX_MUSIC_LIBRARY_NAME: 'Music',
    PLEX_TIMEOUT_MS: '400',
    LASTFM_API_KEY: lastfm.apiKey,
    LASTFM_API_URL: `${lastfm.url}/2.0/`,
    ENABLE_LASTFM_CHARTS: 'true',
    LISTENBRAINZ_USER_TOKEN: LB_TOKEN,
    LISTENBRAINZ_API_URL: listenbrainz.url,
    ENABLE_LISTENBRAINZ_RECS: 'true',
    HARMONIQ_DATA_DIR: dataDir,
    HARMONIQ_RETRY_BASE_MS: '5',
    TIMEZONE: 'UTC',
  };
  const first = await runCli(['sync', '--all'], env, dataDir);
  expect(first.code).toBe(0);
  expect(items(CHARTS)?.length).toBeGreaterThan(0);
  expect(items(LB)?.length).toBeGreaterThan(0);
});

const html = (status: number) => `<html><head><title>Error</title></head><body><h1>${status}</h1></body></html>`;
type Fault = [string, Omit<FaultRule, 'path'>, RegExp];
const SERVER_ERROR: Fault = ['HTTP 500 on every call', { status: 500, headers: { 'content-type': 'text/html' }, body: html(500), times: Infinity }, /500|failed/i];
// The Last.fm client waits 1 s, 2 s… between its own retries (not configurable from the CLI), so its slow
// faults are represented by one; ListenBrainz runs the whole list.
const LASTFM_FAULTS: Fault[] = [
  SERVER_ERROR,
  ['its "invalid API key" error (403, error 10)', { status: 403, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: 10, message: 'Invalid API key - You must be granted a valid key by last.fm' }), times: Infinity }, /key/i],
];
const LISTENBRAINZ_FAULTS: Fault[] = [
  SERVER_ERROR,
  ['503 with Retry-After on every call', { status: 503, headers: { 'content-type': 'text/html', 'retry-after': '0' }, body: html(503), times: Infinity }, /503|failed/i],
  ['a timeout', { hang: true, times: Infinity }, /timed out|timeout|reach/i],
  ['a socket reset', { reset: true, times: Infinity }, /reset|reach|failed/i],
  ['a truncated JSON body', { truncate: true, times: Infinity }, /JSON|cannot read|not valid/i],
  ['a 401 for the token', { status: 401, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 401, error: 'Invalid authorization token.' }), times: Infinity }, /token/i],
];

describe.each([
  ['Last.fm', () => lastfm as Emulator, CHARTS, LB, /ELASTFM/, LASTFM_FAULTS],
  ['ListenBrainz', () => listenbrainz as Emulator, LB, CHARTS, /ELB/, LISTENBRAINZ_FAULTS],
] as const)('%s broken', (_service, broken, brokenTitle, healthyTitle, code, faults) => {
  it.each(faults)('by %s: the other playlist is updated, this one kept, exit 1, one line', async (_name, rule, why) => {
    const keptBefore = items(brokenTitle);
    const healthyBefore = items(healthyTitle);
    // Give the healthy source something new to say.
    if (healthyTitle === CHARTS) lastfm.setData({ chart: library.slice(100, 160) });
    else listenbrainz.setUsers(shiftedListenBrainz());
    broken().inject({ ...rule, path: '*' });

    const r = await runCli(['sync', '--all'], env, dataDir);
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 1 });
    expect(items(brokenTitle)).toEqual(keptBefore);
    expect(items(healthyTitle)).not.toEqual(healthyBefore);
    expect(items(healthyTitle)!.length).toBeGreaterThan(0);
    const lines = r.stderr.split('\n').filter((l) => code.test(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(why);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
