import { describe, it, expect } from '@jest/globals';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LibraryTrack, PlaylistDraft } from '@harmoniq/core';
import { dailyFlowSource, HISTORY_FILE, sources, type DailyFlowOptions } from '@harmoniq/plugin-daily-flow';
import { freshDataDir, genreTracks, messages, testContext } from './context.js';

const EXAMPLE = '06:00-11:00=Chillout,Acoustic;11:00-17:00=Pop,Rock;17:00-22:00=Electronic,Dance;22:00-06:00=Ambient';

const LIBRARY: LibraryTrack[] = [
  ...genreTracks('Chillout', 60, { artists: 30 }),
  ...genreTracks('Acoustic', 40, { artists: 20 }),
  ...genreTracks('Pop', 50, { artists: 25 }),
  ...genreTracks('Rock', 50, { artists: 25 }),
  ...genreTracks('Electronic', 40, { artists: 20 }),
  ...genreTracks('Dance', 40, { artists: 20 }),
  ...genreTracks('Ambient', 30, { artists: 15 }),
];

function options(timeWindows: string, config: Record<string, unknown> = {}): DailyFlowOptions {
  const result = dailyFlowSource.parseOptions(config, { TIME_WINDOWS: timeWindows });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

async function run(
  at: string,
  o: { windows?: string; config?: Record<string, unknown>; tracks?: LibraryTrack[]; dataDir?: string; zone?: string; size?: number } = {},
) {
  const ctx = testContext({ at, tracks: o.tracks ?? LIBRARY, dataDir: o.dataDir, zone: o.zone, size: o.size });
  const drafts = await dailyFlowSource.fetch(options(o.windows ?? EXAMPLE, o.config), ctx);
  const draft = drafts[0] as PlaylistDraft;
  const keys = draft.tracks.map((t) => t.ids?.plexRatingKey ?? '');
  return { ctx, drafts, draft, keys };
}

function genreOf(key: string): string {
  return key.replace(/-\d+$/, '');
}

describe('Daily Flow source', () => {
  it('is exported for the CLI registry', () => {
    expect(sources).toEqual([dailyFlowSource]);
    expect(dailyFlowSource).toMatchObject({ apiVersion: 1, name: 'daily-flow' });
  });

  it('fills the playlist from the active window, with library rating keys, without any request', async () => {
    const { ctx, drafts, draft, keys } = await run('2026-11-24T07:00:00Z');
    expect(drafts).toHaveLength(1);
    expect(draft).toMatchObject({ key: 'default', title: 'Daily Flow', size: 30 });
    expect(draft.summary).toBe('Daily Flow: Chillout, Acoustic for 06:00-11:00 on 2026-11-24 (UTC).');
    expect(draft.keepExisting).toBeUndefined();
    expect(keys).toHaveLength(30);
    expect(new Set(keys).size).toBe(30);
    for (const track of draft.tracks) {
      const libraryTrack = ctx.library.byRatingKey(track.ids?.plexRatingKey ?? '');
      expect(libraryTrack).toBeDefined();
      expect(track).toMatchObject({ artist: libraryTrack?.artist, title: libraryTrack?.title });
      expect(['chillout', 'acoustic']).toContain(genreOf(track.ids?.plexRatingKey ?? ''));
      expect(track.note).toMatch(/^(Chillout|Acoustic), window 06:00-11:00$/);
    }
    expect(ctx.requests).toEqual([]);
    expect(messages(ctx.logger, 'info')).toEqual([
      'Active window: 06:00-11:00 (genres: Chillout, Acoustic)',
      "Found 100 matching tracks, selecting 30 for 'Daily Flow'",
    ]);
  });

  it.each([
    ['2026-11-24T12:00:00Z', ['pop', 'rock']],
    ['2026-11-24T18:00:00Z', ['electronic', 'dance']],
    ['2026-11-24T23:30:00Z', ['ambient']],
    ['2026-11-25T03:00:00Z', ['ambient']],
  ])('at %s takes only %j', async (at, genres) => {
    const { keys } = await run(at);
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys.map(genreOf))).toEqual(new Set(genres));
  });

  it('evaluates the windows in the clock zone', async () => {
    // 05:30 UTC is 06:30 in Berlin.
    const { keys } = await run('2026-11-24T05:30:00Z', { zone: 'Europe/Berlin' });
    expect(new Set(keys.map(genreOf))).toEqual(new Set(['chillout', 'acoustic']));
  });

  it('uses the playlist title and size the core resolved', async () => {
    const ctx = testContext({ at: '2026-11-24T07:00:00Z', tracks: LIBRARY, size: 12 });
    ctx.common.playlist = 'Morning Mood';
    const [draft] = await dailyFlowSource.fetch(options(EXAMPLE), ctx);
    expect(draft).toMatchObject({ title: 'Morning Mood', size: 12 });
    expect(draft?.tracks).toHaveLength(12);
    expect(messages(ctx.logger, 'info')).toContain("Found 100 matching tracks, selecting 12 for 'Morning Mood'");
  });

  describe('determinism', () => {
    it('gives the same playlist when re-run inside the same window', async () => {
      const dataDir = freshDataDir();
      const first = await run('2026-11-24T06:05:00Z', { dataDir });
      const again = await run('2026-11-24T10:55:00Z', { dataDir });
      const elsewhere = await run('2026-11-24T08:00:00Z');
      expect(again.keys).toEqual(first.keys);
      expect(elsewhere.keys).toEqual(first.keys);
    });

    it('keeps a window that crosses midnight the same after midnight', async () => {
      const dataDir = freshDataDir();
      const evening = await run('2026-11-24T22:30:00Z', { dataDir, size: 10 });
      const night = await run('2026-11-25T04:00:00Z', { dataDir, size: 10 });
      expect(night.keys).toEqual(evening.keys);
    });

    it('gives a different playlist on the next day', async () => {
      const today = await run('2026-11-24T07:00:00Z');
      const tomorrow = await run('2026-11-25T07:00:00Z');
      expect(tomorrow.keys).not.toEqual(today.keys);
      expect(new Set(tomorrow.keys.map(genreOf))).toEqual(new Set(['chillout', 'acoustic']));
    });

    it('gives a different playlist in the next window, even with the same genres', async () => {
      const windows = '06:00-11:00=Chillout;11:00-17:00=Chillout';
      const morning = await run('2026-11-24T07:00:00Z', { windows, size: 10 });
      const afternoon = await run('2026-11-24T12:00:00Z', { windows, size: 10 });
      expect(afternoon.keys).not.toEqual(morning.keys);
    });

    it('does not reshuffle the day when a track is added to the library', async () => {
      const before = await run('2026-11-24T07:00:00Z', { size: 10 });
      const added = [...LIBRARY, ...genreTracks('Jazz', 5)];
      const after = await run('2026-11-24T07:00:00Z', { size: 10, tracks: added });
      expect(after.keys).toEqual(before.keys);
    });
  });

  describe('avoiding the previous window', () => {
    const windows = '06:00-11:00=Chillout;11:00-17:00=Chillout';

    it("leaves out the previous window's tracks, and keeps doing so on a re-run", async () => {
      const dataDir = freshDataDir();
      const morning = await run('2026-11-24T07:00:00Z', { windows, dataDir, size: 20 });
      const afternoon = await run('2026-11-24T12:00:00Z', { windows, dataDir, size: 20 });
      const rerun = await run('2026-11-24T16:00:00Z', { windows, dataDir, size: 20 });
      expect(afternoon.keys.filter((k) => morning.keys.includes(k))).toEqual([]);
      expect(rerun.keys).toEqual(afternoon.keys);
    });

    it('repeats tracks only when too few others match, and says so', async () => {
      const dataDir = freshDataDir();
      const tracks = genreTracks('Chillout', 30, { artists: 30 });
      const morning = await run('2026-11-24T07:00:00Z', { windows, dataDir, size: 20, tracks });
      const afternoon = await run('2026-11-24T12:00:00Z', { windows, dataDir, size: 20, tracks });
      expect(afternoon.keys).toHaveLength(20);
      expect(afternoon.keys.filter((k) => morning.keys.includes(k))).toHaveLength(10);
      expect(afternoon.keys.slice(0, 10).some((k) => morning.keys.includes(k))).toBe(false);
      expect(messages(afternoon.ctx.logger, 'info')).toContain(
        "10 of them were in the previous window's playlist too: too few other tracks match",
      );
    });

    it('keeps the history in a JSON file written without leftovers', async () => {
      const dataDir = freshDataDir();
      const { keys } = await run('2026-11-24T07:00:00Z', { windows, dataDir, size: 5 });
      const history: unknown = JSON.parse(readFileSync(join(dataDir, HISTORY_FILE), 'utf8'));
      expect(history).toEqual({ current: { occurrence: '2026-11-24 06:00-11:00', ratingKeys: keys } });
      expect(readdirSync(dataDir)).toEqual([HISTORY_FILE]);
    });

    it('starts afresh, with a warning, when the history file is damaged', async () => {
      const dataDir = freshDataDir();
      writeFileSync(join(dataDir, HISTORY_FILE), '{ not json');
      const { ctx, keys } = await run('2026-11-24T07:00:00Z', { windows, dataDir, size: 5 });
      expect(keys).toHaveLength(5);
      expect(messages(ctx.logger, 'warn')[0]).toContain('is not valid Daily Flow history');
    });
  });

  describe('selection', () => {
    it('takes at most three tracks per artist by default', async () => {
      const tracks = genreTracks('Chillout', 40, { artists: 2 });
      const { ctx, keys } = await run('2026-11-24T07:00:00Z', { tracks });
      expect(keys).toHaveLength(6);
      expect(messages(ctx.logger, 'info')).toContain('At most 3 tracks per artist: the playlist has 6 tracks instead of 30');
    });

    it('offers its next picks as a reserve (for tracks your exclusions keep out): new tracks, at most the size, same per-artist cap', async () => {
      const tracks = genreTracks('Chillout', 40, { artists: 8 });
      const { draft, keys } = await run('2026-11-24T07:00:00Z', { tracks, config: { maxPerArtist: 4 } });
      expect(keys).toHaveLength(30);
      const reserve = (draft.reserve ?? []).map((t) => t.ids?.plexRatingKey);
      expect(reserve).toHaveLength(2);
      expect(reserve.filter((k) => keys.includes(k ?? ''))).toEqual([]);
      const perArtist = new Map<string, number>();
      for (const t of [...draft.tracks, ...(draft.reserve ?? [])]) perArtist.set(t.artist, (perArtist.get(t.artist) ?? 0) + 1);
      expect(Math.max(...perArtist.values())).toBeLessThanOrEqual(4);
      const plenty = await run('2026-11-24T07:00:00Z', { tracks: genreTracks('Chillout', 100, { artists: 50 }) });
      expect(plenty.draft.reserve).toHaveLength(30);
    });

    it('takes the per-artist cap from the options', async () => {
      const tracks = genreTracks('Chillout', 40, { artists: 2 });
      const { draft } = await run('2026-11-24T07:00:00Z', { tracks, config: { maxPerArtist: 5 } });
      const perArtist = new Map<string, number>();
      for (const t of draft.tracks) perArtist.set(t.artist, (perArtist.get(t.artist) ?? 0) + 1);
      expect([...perArtist.values()]).toEqual([5, 5]);
    });

    it('matches spelling variants of a genre', async () => {
      const tracks = [
        ...genreTracks('Hip Hop', 2, { prefix: 'a' }),
        ...genreTracks('hiphop', 2, { prefix: 'b' }),
        ...genreTracks('HIP-HOP', 2, { prefix: 'c' }),
        ...genreTracks('R&B', 2, { prefix: 'd' }),
        ...genreTracks('Rhythm and Blues', 2, { prefix: 'e' }),
        ...genreTracks('Rock', 2, { prefix: 'f' }),
      ];
      const { keys } = await run('2026-11-24T07:00:00Z', { windows: '06:00-11:00=Hip-Hop,RnB', tracks });
      expect(keys.map(genreOf).sort()).toEqual(['a', 'a', 'b', 'b', 'c', 'c', 'd', 'd', 'e', 'e']);
    });

    it('matches the genres an alias stands for', async () => {
      const tracks = [...genreTracks('Chillout', 3), ...genreTracks('Downtempo', 3), ...genreTracks('Rock', 3)];
      const { keys } = await run('2026-11-24T07:00:00Z', {
        windows: '06:00-11:00=Chill',
        config: { aliases: { chill: ['Chillout', 'Downtempo'] } },
        tracks,
      });
      expect(new Set(keys.map(genreOf))).toEqual(new Set(['chillout', 'downtempo']));
      expect(keys).toHaveLength(6);
    });

    it("finds tracks whose genre is only on their album or their artist", async () => {
      const tracks = [
        ...genreTracks('Jazz', 2, { level: 'album', prefix: 'album' }),
        ...genreTracks('Jazz', 2, { level: 'artist', prefix: 'artist' }),
        ...genreTracks('Rock', 2, { level: 'album', prefix: 'rock' }),
      ];
      const { draft } = await run('2026-11-24T07:00:00Z', { windows: '06:00-11:00=Jazz', tracks });
      expect(draft.tracks.map((t) => t.ids?.plexRatingKey).sort()).toEqual(['album-1', 'album-2', 'artist-1', 'artist-2']);
      expect(draft.tracks.find((t) => t.ids?.plexRatingKey === 'album-1')?.note).toBe('Jazz (album genre), window 06:00-11:00');
      expect(draft.tracks.find((t) => t.ids?.plexRatingKey === 'artist-1')?.note).toBe('Jazz (artist genre), window 06:00-11:00');
    });

    it('applies the window extras: excluded genres, minimum rating, not played recently, own size', async () => {
      const now = Date.parse('2026-11-24T07:00:00Z');
      const day = 86_400_000;
      const tracks: LibraryTrack[] = [
        { ratingKey: 'ok-1', title: 'a', artist: 'A', genres: ['Jazz'], userRating: 8, lastViewedAt: now - 30 * day },
        { ratingKey: 'ok-2', title: 'b', artist: 'B', genres: ['Jazz'], userRating: 10 },
        { ratingKey: 'ok-3', title: 'c', artist: 'C', genres: ['Jazz'], userRating: 6 },
        { ratingKey: 'metal', title: 'd', artist: 'D', genres: ['Jazz'], artistGenres: ['Metal'], userRating: 10 },
        { ratingKey: 'low', title: 'e', artist: 'E', genres: ['Jazz'], userRating: 4 },
        { ratingKey: 'unrated', title: 'f', artist: 'F', genres: ['Jazz'] },
        { ratingKey: 'recent', title: 'g', artist: 'G', genres: ['Jazz'], userRating: 10, lastViewedAt: now - 2 * day },
      ];
      const config = { windows: [{ start: '06:00', end: '11:00', genres: ['Jazz'], exclude: ['metal'], minRating: 6, notPlayedDays: 7, size: 2 }] };
      const ctx = testContext({ at: '2026-11-24T07:00:00Z', tracks });
      const [draft] = await dailyFlowSource.fetch(options('', config), ctx);
      expect(draft?.size).toBe(2);
      expect(draft?.tracks).toHaveLength(2);
      for (const t of draft?.tracks ?? []) expect(['ok-1', 'ok-2', 'ok-3']).toContain(t.ids?.plexRatingKey);
      expect(messages(ctx.logger, 'info')).toContain("Found 3 matching tracks, selecting 2 for 'Daily Flow'");
    });

    it.each([
      ['rated', (t: LibraryTrack) => t.userRating === 10],
      ['rarely-played', (t: LibraryTrack) => t.viewCount === 0],
    ] as const)('prefers %s tracks when asked', async (prefer, favoured) => {
      const tracks = Array.from({ length: 100 }, (_, i): LibraryTrack => ({
        ratingKey: `t-${i}`,
        title: `t${i}`,
        artist: `A${i}`,
        genres: ['Jazz'],
        ...(i % 10 === 0 ? { userRating: 10, viewCount: 0 } : { viewCount: 50 }),
      }));
      const pick = async (p: string) =>
        (await run('2026-11-24T07:00:00Z', { windows: '06:00-11:00=Jazz', tracks, size: 10, config: { prefer: p } })).draft.tracks
          .map((t) => tracks.find((x) => x.ratingKey === t.ids?.plexRatingKey))
          .filter((t): t is LibraryTrack => t !== undefined && favoured(t)).length;
      expect(await pick(prefer)).toBeGreaterThan(await pick('none'));
    });
  });

  describe('when nothing is to be done', () => {
    it('leaves the playlist as it is in a gap between windows, naming the next window', async () => {
      const { ctx, drafts } = await run('2026-11-24T23:10:00Z', { windows: '06:00-11:00=Chillout;18:00-23:00=Rock' });
      expect(drafts).toEqual([
        { key: 'default', title: 'Daily Flow', tracks: [], keepExisting: { reason: 'no Daily Flow window is active at 23:10' } },
      ]);
      expect(messages(ctx.logger, 'info')).toEqual([
        'No Daily Flow window is active at 23:10; the playlist is left as it is. Next window: 06:00-11:00',
      ]);
    });

    it('warns when a window matches nothing, listing the closest genres in the library', async () => {
      const tracks = [...genreTracks('Chillwave', 3), ...genreTracks('Chillout', 3), ...genreTracks('Death Metal', 3)];
      const { ctx, draft } = await run('2026-11-24T07:00:00Z', { windows: '06:00-11:00=Chill', tracks });
      expect(draft.tracks).toEqual([]);
      expect(draft.keepExisting).toBeUndefined();
      const [warning] = messages(ctx.logger, 'warn');
      expect(warning).toMatch(/^No tracks match window 06:00-11:00 \(genres: Chill\)\. Closest genres in your library: Chill(out|wave), Chill(out|wave), Death Metal$/);
    });

    it('says so when the genres match but the filters leave nothing', async () => {
      const tracks = genreTracks('Jazz', 3);
      const config = { windows: [{ start: '06:00', end: '11:00', genres: ['Jazz'], minRating: 8 }] };
      const ctx = testContext({ at: '2026-11-24T07:00:00Z', tracks });
      await dailyFlowSource.fetch(options('', config), ctx);
      expect(messages(ctx.logger, 'warn')[0]).toContain('3 tracks have the genres of window 06:00-11:00 (genres: Jazz), but none passes its filters');
    });

    it('rejects a clock zone that does not exist', async () => {
      const ctx = testContext({ at: '2026-11-24T07:00:00Z', tracks: LIBRARY, zone: 'Mars/Olympus_Mons' });
      await expect(dailyFlowSource.fetch(options(EXAMPLE), ctx)).rejects.toMatchObject({ code: 'ECONFIG' });
    });
  });
});
