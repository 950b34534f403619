import { afterEach, describe, it, expect } from '@jest/globals';
import {
  sampleListenBrainzData,
  startListenBrainzEmulator,
  type ListenBrainzEmulator,
  type ListenBrainzPlaylistFixture,
  type ListenBrainzUserFixture,
} from '@harmoniq/testkit';
import { listenbrainzSource } from '@harmoniq/plugin-listenbrainz';
import { TOKEN, USER, makeContext, mbid, options, recordingsFor } from './helpers.js';

const running: ListenBrainzEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

function playlist(n: number, sourcePatch: string, date: string, recordings: number[], extra: Partial<ListenBrainzPlaylistFixture> = {}): ListenBrainzPlaylistFixture {
  return { mbid: mbid(0xf000 + n), sourcePatch, title: `${sourcePatch} for rob, ${date.slice(0, 10)}`, date, recordingMbids: recordings.map(mbid), ...extra };
}

const range = (from: number, count: number): number[] => Array.from({ length: count }, (_, i) => from + i);

/** Two weeks of weekly playlists, a daily one, and a yearly one the source must ignore. */
const PLAYLISTS: ListenBrainzPlaylistFixture[] = [
  playlist(1, 'weekly-jams', '2024-05-27T00:05:00Z', range(1, 10)),
  playlist(2, 'weekly-jams', '2024-06-03T00:05:00Z', range(11, 10)),
  playlist(3, 'weekly-exploration', '2024-06-03T00:06:00Z', range(21, 10), { identifierAsString: true }),
  playlist(4, 'weekly-exploration', '2024-05-27T00:06:00Z', range(31, 10)),
  playlist(5, 'daily-jams', '2024-06-09T11:00:00Z', range(41, 10)),
  playlist(6, 'top-discoveries-for-year', '2024-06-09T12:00:00Z', range(51, 10)),
];

async function emulator(user: ListenBrainzUserFixture = { playlists: PLAYLISTS }, unknownFrom?: number): Promise<ListenBrainzEmulator> {
  const recordings = recordingsFor(1, 60).filter((r) => unknownFrom === undefined || parseInt(r.mbid.slice(-12), 16) < unknownFrom);
  const emu = await startListenBrainzEmulator({ tokens: { [TOKEN]: USER }, users: { [USER]: user }, recordings });
  running.push(emu);
  return emu;
}

const ALL_MODES = { LISTENBRAINZ_USER: USER, LISTENBRAINZ_MODES: 'recommendations,weekly-jams,weekly-exploration,daily-jams' };

describe('listenbrainz generated-playlist modes', () => {
  it('builds one draft per mode from the newest playlist of each kind', async () => {
    const emu = await emulator({ playlists: PLAYLISTS, recommendations: range(1, 5).map((n) => ({ mbid: mbid(n), score: 1 })) });
    const drafts = await listenbrainzSource.fetch(options(emu.url, ALL_MODES), makeContext());

    expect(drafts.map((d) => [d.key, d.title])).toEqual([
      ['recommendations', 'ListenBrainz Recommendations'],
      ['weekly-jams', 'ListenBrainz Weekly Jams'],
      ['weekly-exploration', 'ListenBrainz Weekly Exploration'],
      ['daily-jams', 'ListenBrainz Daily Jams'],
    ]);
    const mbidsOf = (i: number): (string | undefined)[] => drafts[i]?.tracks.map((t) => t.ids?.mbid) ?? [];
    expect(mbidsOf(1)).toEqual(range(11, 10).map(mbid));
    expect(mbidsOf(2)).toEqual(range(21, 10).map(mbid));
    expect(mbidsOf(3)).toEqual(range(41, 10).map(mbid));
    expect(drafts.every((d) => d.keepExisting === undefined)).toBe(true);
    const fetched = emu.requests.filter((r) => r.path.startsWith('/1/playlist/')).map((r) => r.path);
    expect(fetched.sort()).toEqual([mbid(0xf002), mbid(0xf003), mbid(0xf005)].map((m) => `/1/playlist/${m}`).sort());
  });

  it('takes names, album, duration and artist MBIDs from the playlist tracks themselves', async () => {
    const emu = await emulator();
    const [draft] = await listenbrainzSource.fetch(options(emu.url, { LISTENBRAINZ_USER: USER, LISTENBRAINZ_MODES: 'daily-jams' }), makeContext());
    expect(draft?.tracks[0]).toEqual({
      artist: `Artist ${41 % 7}`,
      title: 'Song 41',
      durationMs: 200_040,
      ids: { mbid: mbid(41), artistMbids: [expect.stringMatching(/^[0-9a-f-]{36}$/)] },
      note: '#1 in daily-jams for rob, 2024-06-09',
    });
    expect(draft?.summary).toBe('daily-jams for rob, 2024-06-09, from ListenBrainz');
    expect(emu.requests.some((r) => r.path.startsWith('/1/metadata/'))).toBe(false);
  });

  it('reads track identifiers given as a single string as well as an array', async () => {
    const emu = await emulator();
    const drafts = await listenbrainzSource.fetch(
      options(emu.url, { LISTENBRAINZ_USER: USER, LISTENBRAINZ_MODES: 'weekly-jams,weekly-exploration' }),
      makeContext(),
    );
    expect(drafts.map((d) => d.tracks.length)).toEqual([10, 10]);
    expect(drafts[1]?.tracks.map((t) => t.ids?.mbid)).toEqual(range(21, 10).map(mbid));
  });

  it('uses the titles given per mode', async () => {
    const emu = await emulator();
    const opts = options(emu.url, { LISTENBRAINZ_USER: USER }, { modes: ['weekly-jams'], titles: { 'weekly-jams': 'My Jams' } });
    const [draft] = await listenbrainzSource.fetch(opts, makeContext());
    expect(draft).toMatchObject({ key: 'weekly-jams', title: 'My Jams' });
  });

  it('skips playlist tracks ListenBrainz cannot name, after asking the metadata endpoint', async () => {
    const emu = await emulator({ playlists: PLAYLISTS }, 45);
    const ctx = makeContext();
    const [draft] = await listenbrainzSource.fetch(options(emu.url, { LISTENBRAINZ_USER: USER, LISTENBRAINZ_MODES: 'daily-jams' }), ctx);
    expect(draft?.tracks.map((t) => t.title)).toEqual(['Song 41', 'Song 42', 'Song 43', 'Song 44']);
    const lookup = emu.requests.find((r) => r.path === '/1/metadata/recording/');
    expect(lookup?.query.recording_mbids?.split(',')).toHaveLength(6);
    expect(ctx.logger.lines.some((l) => l.message.includes('Skipped 6 tracks'))).toBe(true);
  });

  it('keeps the existing playlist of a mode ListenBrainz has not generated yet', async () => {
    const emu = await emulator({ playlists: PLAYLISTS.filter((p) => p.sourcePatch !== 'daily-jams') });
    const drafts = await listenbrainzSource.fetch(options(emu.url, { LISTENBRAINZ_USER: USER, LISTENBRAINZ_MODES: 'weekly-jams,daily-jams' }), makeContext());
    expect(drafts[0]?.tracks).toHaveLength(10);
    expect(drafts[1]).toEqual({
      key: 'daily-jams',
      title: 'ListenBrainz Daily Jams',
      tracks: [],
      keepExisting: { reason: 'ListenBrainz has no Daily Jams playlist for rob yet' },
    });
  });

  it('lists created-for playlists once for all modes, and pages until every kind is found', async () => {
    const filler = range(100, 150).map((n) => playlist(n, 'top-missed-recordings-for-year', `2024-06-08T${String(n % 24).padStart(2, '0')}:00:00Z`, [1]));
    const emu = await emulator({ playlists: [...filler, ...PLAYLISTS.map((p) => ({ ...p, date: p.date.replace('2024-06', '2024-04') }))] });
    await listenbrainzSource.fetch(options(emu.url, { LISTENBRAINZ_USER: USER, LISTENBRAINZ_MODES: 'weekly-jams,daily-jams' }), makeContext());
    const listings = emu.requests.filter((r) => r.path.endsWith('/playlists/createdfor'));
    expect(listings.map((r) => r.query.offset)).toEqual(['0', '100']);
  });

  it('keeps one mode\'s playlist when its fetch fails, and still refreshes the others', async () => {
    const emu = await emulator();
    emu.inject({ path: `/1/playlist/${mbid(0xf003)}`, status: 500, body: '{"code": 500, "error": "Internal server error"}', times: Infinity });
    const ctx = makeContext({ retries: 1 });
    const drafts = await listenbrainzSource.fetch(options(emu.url, { LISTENBRAINZ_USER: USER, LISTENBRAINZ_MODES: 'weekly-jams,weekly-exploration' }), ctx);
    expect(drafts[0]?.tracks).toHaveLength(10);
    expect(drafts[1]).toMatchObject({ key: 'weekly-exploration', tracks: [], keepExisting: { reason: expect.stringContaining('ELB: ListenBrainz failed to answer') } });
    expect(ctx.logger.lines.some((l) => l.level === 'error' && l.message.startsWith('Weekly Exploration:'))).toBe(true);
  });

  it('fails the whole source when every mode fails', async () => {
    const emu = await emulator();
    emu.inject({ path: '/1/user/*', status: 502, times: Infinity });
    await expect(
      listenbrainzSource.fetch(options(emu.url, { LISTENBRAINZ_USER: USER, LISTENBRAINZ_MODES: 'weekly-jams,daily-jams' }), makeContext({ retries: 0 })),
    ).rejects.toMatchObject({ code: 'ELB', message: expect.stringContaining('HTTP 502') });
  });

  it('fails the whole source for an unknown user even when other modes could work', async () => {
    const emu = await emulator();
    await expect(listenbrainzSource.fetch(options(emu.url, { ...ALL_MODES, LISTENBRAINZ_USER: 'ghost' }), makeContext())).rejects.toMatchObject({
      code: 'ELBUSER',
    });
  });

  it('works end to end on the testkit sample data', async () => {
    const library = range(1, 80).map((n) => ({ artist: `Band ${n % 9}`, title: `Track ${n}`, album: `Album ${n % 5}` }));
    const sample = sampleListenBrainzData(library);
    const emu = await startListenBrainzEmulator({ tokens: { [TOKEN]: 'harmoniq-user' }, users: sample.users, recordings: sample.recordings });
    running.push(emu);
    const drafts = await listenbrainzSource.fetch(options(emu.url, { LISTENBRAINZ_MODES: ALL_MODES.LISTENBRAINZ_MODES }), makeContext());

    const named = new Set(sample.recordings.map((r) => r.mbid));
    const user = sample.users['harmoniq-user'];
    const newest = (patch: string): string[] =>
      [...(user?.playlists ?? [])].filter((p) => p.sourcePatch === patch).sort((a, b) => b.date.localeCompare(a.date))[0]?.recordingMbids ?? [];
    const expected = {
      recommendations: (user?.recommendations ?? []).map((r) => r.mbid).filter((m) => named.has(m)),
      'weekly-jams': newest('weekly-jams'),
      'weekly-exploration': newest('weekly-exploration'),
      'daily-jams': newest('daily-jams'),
    };
    expect(expected.recommendations.length).toBeLessThan(user?.recommendations?.length ?? 0);
    expect(Object.fromEntries(drafts.map((d) => [d.key, d.tracks.map((t) => t.ids?.mbid)]))).toEqual(expected);
    expect(drafts.every((d) => d.keepExisting === undefined && d.tracks.every((t) => t.artist !== '' && t.title !== ''))).toBe(true);
  });
});
