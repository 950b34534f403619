import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LastfmEmulator, LastfmFixture, PlexEmulator, PlexFixtureTrack } from '@harmoniq/testkit';
import { runCli, useChartWorld } from './cli-harness.js';

/** Names, covers, exclusions and descriptions through `harmoniq sync`, against the Plex and Last.fm emulators over HTTP. */
let plex: PlexEmulator;
let lastfm: LastfmEmulator;
let lastfmData: LastfmFixture;
let dataDir: string;
let env: Record<string, string>;

useChartWorld('harmoniq-look-', (world, fresh) => {
  ({ plex, lastfm, lastfmData } = world);
  ({ dataDir, env } = fresh);
});

const WRITES = new Set(['POST', 'PUT', 'DELETE']);
const posterUploads = () => plex.requests.filter((r) => r.method === 'POST' && /\/posters$/.test(r.path));
const renames = () => plex.requests.filter((r) => r.method === 'PUT' && /^\/playlists\/[^/]+$/.test(r.path) && 'title' in r.query);
const state = () => JSON.parse(readFileSync(join(dataDir, 'state.json'), 'utf8')) as { playlists: Record<string, { ratingKey: string; title: string; poster?: { thumb: string } }> };

/** A chart of library tracks by distinct artists (so one artist's exclusion is one track), plus songs the library lacks. */
function chartOf(tracks: PlexFixtureTrack[], missing: { artist: string; title: string }[] = []): PlexFixtureTrack[] {
  const seen = new Set<string>();
  const picked = tracks.filter((t) => {
    const artist = t.trackArtist ?? t.artist;
    if (seen.has(artist) || artist === 'Various Artists') return false;
    seen.add(artist);
    return true;
  });
  const listed = picked.map((t) => ({ artist: t.trackArtist ?? t.artist, title: t.title }));
  // Songs the library lacks come early, where the source still reads them.
  lastfm.setData({ ...lastfmData, chart: [...listed.slice(0, 2), ...missing, ...listed.slice(2)] });
  return picked;
}

const artistOf = (t: PlexFixtureTrack) => t.trackArtist ?? t.artist;

describe('exclusions', () => {
  it('keeps excluded tracks out, fills the playlist from the next candidates, counts them and never reports them missing', async () => {
    const chart = chartOf(plex.tracks().slice(0, 200), [{ artist: 'Nobody Known', title: 'Song Not In Library' }]).slice(0, 12);
    const list = join(dataDir, 'exclude.txt');
    writeFileSync(list, `# not this one\n${artistOf(chart[2]!)} – ${chart[2]!.title}\nNobody Known - Song Not In Library\n`);
    const r = await runCli(['sync', 'lastfm-charts', '--json'], { ...env, PLAYLIST_SIZE_CHARTS: '4', EXCLUDE_ARTISTS: artistOf(chart[0]!), EXCLUDE_TRACKS_FILE: list }, dataDir);
    expect(r.code).toBe(0);
    const titles = plex.playlist('Global Top 50')!.items.map((i) => plex.tracks().find((t) => t.ratingKey === i.ratingKey)!.title);
    // Four tracks: the 2nd, 4th, 5th and 6th of the chart (the 1st and 3rd are excluded).
    expect(titles).toEqual([chart[1]!.title, chart[3]!.title, chart[4]!.title, chart[5]!.title]);

    const playlist = JSON.parse(r.stdout).sources[0].playlists[0];
    expect(playlist.counts).toMatchObject({ excluded: 3, size: 4 });
    const excluded = playlist.candidates.filter((c: { status: string }) => c.status === 'excluded');
    expect(excluded.map((c: { title: string; excluded: string }) => [c.title, c.excluded])).toEqual([
      [chart[0]!.title, `artist ${artistOf(chart[0]!)}`],
      ['Song Not In Library', 'track Nobody Known – Song Not In Library'],
      [chart[2]!.title, `track ${artistOf(chart[2]!)} – ${chart[2]!.title}`],
    ]);

    const missing = JSON.parse(readFileSync(join(dataDir, 'missing-tracks.json'), 'utf8')) as { tracks: { title: string }[] };
    expect(missing.tracks.map((t) => t.title)).not.toContain('Song Not In Library');
    const shown = await runCli(['missing', '--json'], env, dataDir);
    expect(shown.stdout).not.toContain('Song Not In Library');
    const history = JSON.parse(readFileSync(join(dataDir, 'history.json'), 'utf8')) as { runs: { playlists: { exclusions: { title: string; rule: string }[] }[] }[] };
    expect(history.runs.at(-1)!.playlists[0]!.exclusions).toHaveLength(3);
  });

  it('excludes by genre at album and artist level too, and says how many in the summary', async () => {
    const withGenre = plex.tracks().filter((t) => (t.artistGenres ?? []).length > 0);
    const genre = withGenre[0]!.artistGenres![0]!;
    chartOf(plex.tracks().slice(0, 120));
    const r = await runCli(['sync', 'lastfm-charts'], { ...env, EXCLUDE_GENRES: genre.toUpperCase() }, dataDir);
    expect(r.code).toBe(0);
    const inPlaylist = plex.playlist('Global Top 50')!.items.map((i) => plex.tracks().find((t) => t.ratingKey === i.ratingKey)!);
    expect(inPlaylist.length).toBeGreaterThan(0);
    const lower = genre.toLowerCase();
    for (const t of inPlaylist) expect([...(t.genres ?? []), ...(t.albumGenres ?? []), ...(t.artistGenres ?? [])].map((g) => g.toLowerCase())).not.toContain(lower);
    expect(r.stdout).toMatch(/Excluded by your rules: \d+ candidates? \(Global Top 50: \d+\)\./);
  });
});

describe('renames in place', () => {
  it('renames the same playlist when its configured title changes: same ratingKey, same items, state follows', async () => {
    chartOf(plex.tracks().slice(0, 80));
    expect((await runCli(['sync', 'lastfm-charts'], { ...env, PLAYLIST_NAME_LASTFM_CHARTS: 'Charts' }, dataDir)).code).toBe(0);
    const before = plex.playlist('Charts')!;
    plex.resetRequests();
    const r = await runCli(['sync', 'lastfm-charts'], { ...env, PLAYLIST_NAME_LASTFM_CHARTS: 'Charts of {date}', HARMONIQ_CLOCK_START: '2026-12-07T10:00:00Z' }, dataDir);
    expect(r.code).toBe(0);
    expect(plex.playlists()).toHaveLength(1);
    expect(plex.playlist(before.ratingKey)).toMatchObject({ title: 'Charts of 2026-12-07', items: before.items });
    expect(renames()).toHaveLength(1);
    expect(plex.requests.filter((q) => q.method === 'DELETE' || (q.method === 'POST' && q.path === '/playlists'))).toEqual([]);
    expect(Object.values(state().playlists)[0]).toMatchObject({ ratingKey: before.ratingKey, title: 'Charts of 2026-12-07' });
  });

  it('refuses unknown placeholders and {window} outside Daily Flow at start: exit 2, one line per problem, nothing written', async () => {
    const r = await runCli(['sync', 'lastfm-charts'], { ...env, PLAYLIST_NAME_LASTFM_CHARTS: 'Top {sorce} {window}' }, dataDir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('PLAYLIST_NAME_LASTFM_CHARTS has an unknown placeholder {sorce}');
    expect(r.stderr).toContain('PLAYLIST_NAME_LASTFM_CHARTS uses {window}, which is not available here');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const summary = await runCli(['sync', 'lastfm-charts'], { ...env, PLAYLIST_SUMMARY_TEMPLATE: 'For {usr}', EXCLUDE_TRACKS_FILE: join(dataDir, 'nope.txt') }, dataDir);
    expect(summary.code).toBe(2);
    expect(summary.stderr).toContain('PLAYLIST_SUMMARY_TEMPLATE has an unknown placeholder {usr}');
    expect(summary.stderr).toMatch(/EXCLUDE_TRACKS_FILE is '.*nope\.txt', which cannot be read/);
    expect(plex.requests.filter((q) => WRITES.has(q.method))).toEqual([]);
  });
});

describe('covers', () => {
  it('gives a playlist it creates a generated JPEG cover and records it; a later run with nothing new sends no poster request', async () => {
    chartOf(plex.tracks().slice(0, 80));
    expect((await runCli(['sync', 'lastfm-charts'], env, dataDir)).code).toBe(0);
    const created = plex.playlist('Global Top 50')!;
    expect(created.poster).toMatchObject({ provider: 'upload', setBy: 'client' });
    expect(Array.from(created.poster!.bytes!.slice(0, 3))).toEqual([0xff, 0xd8, 0xff]);
    expect(Object.values(state().playlists)[0]!.poster?.thumb).toBe(created.thumb);
    plex.resetRequests();
    expect((await runCli(['sync', 'lastfm-charts'], env, dataDir)).code).toBe(0);
    expect(posterUploads()).toEqual([]);
  });

  it('keeps warm runs at their request floor: a run after one that uploaded a cover reads no more than with covers off', async () => {
    chartOf(plex.tracks().slice(0, 80));
    const warm = async (extra: Record<string, string>, dir: string): Promise<number> => {
      for (const p of plex.playlists()) plex.deletePlaylist(p.ratingKey);
      expect((await runCli(['sync', 'lastfm-charts'], { ...env, ...extra, HARMONIQ_DATA_DIR: dir }, dir)).code).toBe(0);
      plex.resetRequests();
      expect((await runCli(['sync', 'lastfm-charts'], { ...env, ...extra, HARMONIQ_DATA_DIR: dir }, dir)).code).toBe(0);
      expect(plex.requests.filter((q) => WRITES.has(q.method))).toEqual([]);
      return plex.requests.length;
    };
    const withCovers = await warm({}, dataDir);
    const without = await warm({ PLAYLIST_POSTER: 'none' }, join(dataDir, 'none'));
    expect(withCovers).toBe(without);
    expect(plex.requests.some((q) => /\/playlists\/[^/]+\/items/.test(q.path))).toBe(false);
  });

  it('never replaces a poster the user set in Plex, even when the title changes', async () => {
    chartOf(plex.tracks().slice(0, 80));
    expect((await runCli(['sync', 'lastfm-charts'], env, dataDir)).code).toBe(0);
    const key = plex.playlist('Global Top 50')!.ratingKey;
    plex.setPosterAsUser(key);
    const users = plex.playlist(key)!.poster;
    plex.resetRequests();
    const r = await runCli(['sync', 'lastfm-charts'], { ...env, PLAYLIST_NAME_LASTFM_CHARTS: 'Top Tracks' }, dataDir);
    expect(r.code).toBe(0);
    expect(plex.playlist(key)).toMatchObject({ title: 'Top Tracks', poster: users });
    expect(posterUploads()).toEqual([]);
  });

  it('uploads your own PLAYLIST_POSTER_FILE, and nothing at all with PLAYLIST_POSTER=none', async () => {
    chartOf(plex.tracks().slice(0, 80));
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const file = join(dataDir, 'mine.png');
    writeFileSync(file, png);
    expect((await runCli(['sync', 'lastfm-charts'], { ...env, PLAYLIST_POSTER_FILE: file }, dataDir)).code).toBe(0);
    expect(Buffer.from(plex.playlist('Global Top 50')!.poster!.bytes!)).toEqual(png);

    for (const p of plex.playlists()) plex.deletePlaylist(p.ratingKey);
    plex.resetRequests();
    expect((await runCli(['sync', 'lastfm-charts'], { ...env, PLAYLIST_POSTER: 'none', HARMONIQ_DATA_DIR: join(dataDir, 'off') }, dataDir)).code).toBe(0);
    expect(plex.playlist('Global Top 50')!.poster).toBeUndefined();
    expect(posterUploads()).toEqual([]);
  });

  it('a cover that cannot be uploaded is a warning: exit 0, the playlist is complete, the next run sets the cover', async () => {
    chartOf(plex.tracks().slice(0, 80));
    plex.inject({ method: 'POST', path: /\/posters$/, status: 500, times: Infinity });
    const r = await runCli(['sync', 'lastfm-charts', '--json'], env, dataDir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/The cover of 'Global Top 50' was not set: .* The playlist itself is up to date\./);
    expect(JSON.parse(r.stdout).sources[0]).toMatchObject({ ok: true, playlists: [{ action: 'created' }] });
    expect(plex.playlist('Global Top 50')!.items.length).toBeGreaterThan(0);
    expect(plex.playlist('Global Top 50')!.poster).toBeUndefined();

    plex.clearFaults();
    expect((await runCli(['sync', 'lastfm-charts'], env, dataDir)).code).toBe(0);
    expect(plex.playlist('Global Top 50')!.poster).toMatchObject({ setBy: 'client' });
  });
});

describe('descriptions', () => {
  it('follow PLAYLIST_SUMMARY_TEMPLATE, and default to the source text with the counts', async () => {
    chartOf(plex.tracks().slice(0, 80));
    expect((await runCli(['sync', 'lastfm-charts'], env, dataDir)).code).toBe(0);
    expect(plex.playlist('Global Top 50')!.summary).toMatch(/tracks found in your library\. Updated .* by Harmoniq\.$/);
    for (const p of plex.playlists()) plex.deletePlaylist(p.ratingKey);
    const r = await runCli(['sync', 'lastfm-charts'], { ...env, HARMONIQ_DATA_DIR: join(dataDir, 'b'), PLAYLIST_SUMMARY_TEMPLATE: '{source}, made on {date}.', HARMONIQ_CLOCK_START: '2026-12-07T10:00:00Z' }, dataDir);
    expect(r.code).toBe(0);
    expect(plex.playlist('Global Top 50')!.summary).toBe('Last.fm Charts, made on 2026-12-07.');
  });
});

describe('Daily Flow', () => {
  const dailyFlow = { ENABLE_LASTFM_CHARTS: 'false', ENABLE_TIME_PLAYLIST: 'true', TIME_WINDOWS: '06:00-12:00=Rock;12:00-06:00=Jazz', TIMEZONE: 'Europe/Berlin', PLAYLIST_NAME_TIME: 'Daily Flow ({window})' };
  const at = (clock: string, extra: Record<string, string> = {}) => ({ ...env, ...dailyFlow, HARMONIQ_CLOCK_START: clock, ...extra });

  it('renames itself and changes its own cover with the window: same playlist, one rename, one upload, state follows', async () => {
    expect((await runCli(['sync', 'daily-flow'], at('2026-03-10T05:58:00+01:00'), dataDir)).code).toBe(0);
    const night = plex.playlists()[0]!;
    expect(night.title).toBe('Daily Flow (12:00-06:00)');
    const nightCover = Buffer.from(night.poster!.bytes!);
    plex.resetRequests();

    const r = await runCli(['sync', 'daily-flow', '--json'], at('2026-03-10T06:01:00+01:00'), dataDir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).sources[0].playlists[0]).toMatchObject({ title: 'Daily Flow (06:00-12:00)', renamedFrom: 'Daily Flow (12:00-06:00)' });
    expect(plex.playlists()).toHaveLength(1);
    const day = plex.playlist(night.ratingKey)!;
    expect(day.title).toBe('Daily Flow (06:00-12:00)');
    expect(renames()).toHaveLength(1);
    expect(posterUploads()).toHaveLength(1);
    expect(day.poster).toMatchObject({ setBy: 'client' });
    expect(Buffer.from(day.poster!.bytes!)).not.toEqual(nightCover);
    expect(Object.values(state().playlists)[0]).toMatchObject({ ratingKey: night.ratingKey, title: 'Daily Flow (06:00-12:00)', poster: { thumb: day.thumb } });
  });

  it('keeps the poster a user set on Daily Flow when the window changes (it is renamed all the same)', async () => {
    expect((await runCli(['sync', 'daily-flow'], at('2026-03-10T05:58:00+01:00'), dataDir)).code).toBe(0);
    const key = plex.playlists()[0]!.ratingKey;
    plex.setPosterAsUser(key);
    const users = plex.playlist(key)!.poster;
    plex.resetRequests();
    expect((await runCli(['sync', 'daily-flow'], at('2026-03-10T06:01:00+01:00'), dataDir)).code).toBe(0);
    expect(plex.playlist(key)).toMatchObject({ title: 'Daily Flow (06:00-12:00)', poster: users });
    expect(posterUploads()).toEqual([]);
  });

  it('fills to its size when your exclusions keep some of its picks out (from the reserve it offers)', async () => {
    const sized = { PLAYLIST_SIZE_TIME: '10' };
    expect((await runCli(['sync', 'daily-flow'], at('2026-03-10T05:58:00+01:00', sized), dataDir)).code).toBe(0);
    const picks = plex.playlists()[0]!.items.map((i) => plex.tracks().find((t) => t.ratingKey === i.ratingKey)!);
    expect(picks).toHaveLength(10);
    const banned = artistOf(picks[0]!);
    for (const p of plex.playlists()) plex.deletePlaylist(p.ratingKey);
    // A fresh data directory: the same window, so the same picks before the exclusion.
    const r = await runCli(['sync', 'daily-flow', '--json'], at('2026-03-10T05:58:00+01:00', { ...sized, EXCLUDE_ARTISTS: banned, HARMONIQ_DATA_DIR: join(dataDir, 'again') }), dataDir);
    expect(r.code).toBe(0);
    const now = plex.playlists()[0]!.items.map((i) => plex.tracks().find((t) => t.ratingKey === i.ratingKey)!);
    expect(now).toHaveLength(10);
    expect(now.map(artistOf)).not.toContain(banned);
    const kept = picks.filter((t) => artistOf(t) !== banned).map((t) => t.ratingKey);
    expect(now.map((t) => t.ratingKey).slice(0, kept.length).sort()).toEqual([...kept].sort());
    expect(JSON.parse(r.stdout).sources[0].playlists[0].counts).toMatchObject({ excluded: picks.length - kept.length, size: 10 });
  });

  it('--dry-run says which playlist would be renamed and writes nothing', async () => {
    expect((await runCli(['sync', 'daily-flow'], at('2026-03-10T05:58:00+01:00'), dataDir)).code).toBe(0);
    plex.resetRequests();
    const r = await runCli(['sync', 'daily-flow', '--dry-run'], at('2026-03-10T06:01:00+01:00'), dataDir);
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toContain("Dry run: 'Daily Flow (12:00-06:00)' would be renamed to 'Daily Flow (06:00-12:00)' (same playlist).");
    expect(plex.requests.filter((q) => WRITES.has(q.method))).toEqual([]);
    expect(plex.playlists()[0]!.title).toBe('Daily Flow (12:00-06:00)');
  });
});

describe('a name given in Plex', () => {
  it('stays until the configured title changes: no rename back, then one rename in place to the new title', async () => {
    chartOf(plex.tracks().slice(0, 80));
    expect((await runCli(['sync', 'lastfm-charts'], env, dataDir)).code).toBe(0);
    const key = plex.playlist('Global Top 50')!.ratingKey;
    // The user renames it in Plex, as Plex Web does.
    const put = await fetch(`${env.PLEX_URL}/playlists/${key}?title=${encodeURIComponent('My Top Songs')}`, { method: 'PUT', headers: { 'X-Plex-Token': env.PLEX_TOKEN! } });
    expect(put.ok).toBe(true);
    chartOf(plex.tracks().slice(10, 90));
    plex.resetRequests();
    const again = await runCli(['sync', 'lastfm-charts', '--json'], env, dataDir);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).sources[0].playlists[0].action).toBe('updated');
    expect(plex.playlist(key)!.title).toBe('My Top Songs');
    expect(renames()).toEqual([]);

    const dry = await runCli(['sync', 'lastfm-charts', '--dry-run'], { ...env, PLAYLIST_NAME_LASTFM_CHARTS: 'Charts' }, dataDir);
    expect(dry.stdout + dry.stderr).toContain("Dry run: 'My Top Songs' would be renamed to 'Charts' (same playlist).");
    expect((await runCli(['sync', 'lastfm-charts'], { ...env, PLAYLIST_NAME_LASTFM_CHARTS: 'Charts' }, dataDir)).code).toBe(0);
    expect(plex.playlist(key)!.title).toBe('Charts');
    expect(plex.playlists()).toHaveLength(1);
    expect(renames()).toHaveLength(1);
  });
});

describe('the config file', () => {
  it("applies the global exclude (a tracks file of ratingKeys beside it), a source's exclude added to it, and the source's own poster and description", async () => {
    const chart = chartOf(plex.tracks().slice(0, 200)).slice(0, 8);
    writeFileSync(join(dataDir, 'keys.txt'), `${chart[3]!.ratingKey}\n`);
    writeFileSync(
      join(dataDir, 'harmoniq.config.json'),
      JSON.stringify({
        exclude: { artists: [artistOf(chart[0]!)], tracksFile: 'keys.txt' },
        sources: { 'lastfm-charts': { poster: 'none', summaryTemplate: 'Charts for you ({source}).', exclude: { artists: [artistOf(chart[1]!)] } } },
      }),
    );
    const r = await runCli(['sync', 'lastfm-charts', '--json'], { ...env, PLAYLIST_SIZE_CHARTS: '3' }, dataDir);
    expect(r.code).toBe(0);
    const playlist = plex.playlist('Global Top 50')!;
    expect(playlist.items.map((i) => plex.tracks().find((t) => t.ratingKey === i.ratingKey)!.title)).toEqual([chart[2]!.title, chart[4]!.title, chart[5]!.title]);
    expect(playlist.summary).toBe('Charts for you (Last.fm Charts).');
    expect(playlist.poster).toBeUndefined();
    expect(posterUploads()).toEqual([]);
    expect(JSON.parse(r.stdout).sources[0].playlists[0].counts).toMatchObject({ excluded: 3, size: 3 });
  });
});
