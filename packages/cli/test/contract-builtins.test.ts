import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LibraryTrack, PlaylistSource } from '@harmoniq/core';
import { checkSourceContract, createTestContext } from '@harmoniq/core/testing';
import {
  sampleLastfmData,
  sampleLibrary,
  sampleListenBrainzData,
  startLastfmEmulator,
  startListenBrainzEmulator,
  type LastfmEmulator,
  type ListenBrainzEmulator,
} from '@harmoniq/testkit';
import { sources as chartsSources } from '@harmoniq/plugin-lastfm-charts';
import { sources as recsSources } from '@harmoniq/plugin-lastfm-recs';
import { sources as dailyFlowSources } from '@harmoniq/plugin-daily-flow';
import { sources as listenbrainzSources } from '@harmoniq/plugin-listenbrainz';
import { customSources } from '@harmoniq/plugin-custom';
import { sources as sonicMixSources } from '@harmoniq/plugin-sonic-mix';

const LB_TOKEN = 'lb-contract-token-0123456789';

/** The testkit's sample library as the index holds it (times in milliseconds, track artist first). */
const library: LibraryTrack[] = sampleLibrary().map((t, i) => ({
  ratingKey: String(1000 + i),
  title: t.title,
  artist: t.trackArtist ?? t.artist,
  albumArtist: t.artist,
  album: t.album,
  durationMs: t.durationMs,
  genres: t.genres,
  albumGenres: t.albumGenres,
  artistGenres: t.artistGenres,
  userRating: t.userRating,
  viewCount: t.viewCount,
  lastViewedAt: t.lastViewedAt === undefined ? undefined : t.lastViewedAt * 1000,
  addedAt: t.addedAt === undefined ? undefined : t.addedAt * 1000,
}));
const libraryInput = library.map((t) => ({ artist: t.artist, title: t.title, album: t.album }));

let lastfm: LastfmEmulator;
let listenbrainz: ListenBrainzEmulator;
beforeAll(async () => {
  // A small slice keeps the Last.fm request gate (a few requests a second, as Last.fm asks) from slowing the test.
  lastfm = await startLastfmEmulator({ data: sampleLastfmData(libraryInput.slice(0, 6)) });
  const lb = sampleListenBrainzData(libraryInput);
  listenbrainz = await startListenBrainzEmulator({ tokens: { [LB_TOKEN]: 'harmoniq-user' }, users: lb.users, recordings: lb.recordings });
});
afterAll(async () => {
  await Promise.all([lastfm.close(), listenbrainz.close()]);
});

const context = () => createTestContext({ tracks: library, now: '2024-05-02T08:30:00Z', zone: 'Europe/Berlin', common: { size: 20 } });

const customDir = mkdtempSync(join(tmpdir(), 'harmoniq-contract-'));

function customBuiltins(): PlaylistSource<unknown>[] {
  const dir = customDir;
  writeFileSync(join(dir, 'pick.mjs'), 'export default (ctx) => ctx.library.tracks.slice(0, 5).map((t) => ({ artist: t.artist, title: t.title, ids: { plexRatingKey: t.ratingKey } }));\n');
  writeFileSync(join(dir, 'list.csv'), 'artist,title\nDaft Punk,One More Time\n');
  return customSources({
    entries: [{ name: 'from-module', module: join(dir, 'pick.mjs') }],
    env: { CUSTOM_1_FILE: join(dir, 'list.csv') },
    cwd: dir,
  });
}

describe('every built-in plugin honours the plugin contract', () => {
  const lastfmEnv = () => ({ LASTFM_API_KEY: lastfm.apiKey, LASTFM_USER: 'harmoniq-user', LASTFM_API_URL: `${lastfm.url}/2.0/` });
  const cases: [string, PlaylistSource<unknown>, () => Record<string, string>][] = [
    ...[...chartsSources, ...recsSources].map((s): [string, PlaylistSource<unknown>, () => Record<string, string>] => [s.name, s, lastfmEnv]),
    ...dailyFlowSources.map((s): [string, PlaylistSource<unknown>, () => Record<string, string>] => [s.name, s, () => ({})]),
    ...listenbrainzSources.map((s): [string, PlaylistSource<unknown>, () => Record<string, string>] => [
      s.name,
      s,
      () => ({ LISTENBRAINZ_USER_TOKEN: LB_TOKEN, LISTENBRAINZ_API_URL: listenbrainz.url }),
    ]),
    ...sonicMixSources.map((s): [string, PlaylistSource<unknown>, () => Record<string, string>] => [s.name, s, () => ({})]),
    ...customBuiltins().map((s): [string, PlaylistSource<unknown>, () => Record<string, string>] => [s.name, s, () => ({ CUSTOM_1_FILE: join(customDir, 'list.csv') })]),
  ];

  it('has one source per name', () => {
    const names = cases.map(([name]) => name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['lastfm-charts', 'lastfm-recs', 'daily-flow', 'listenbrainz', 'sonic-mix', 'from-module', 'custom-1']));
  });

  it.each(cases)('%s: shape, parseOptions on bad input, verify and fetch against the emulators', async (_, source, env) => {
    expect(await checkSourceContract(source, { env: env(), context: context() })).toEqual([]);
  });
});
