import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '@harmoniq/core';
import { createMemoryLogger, loadLibrary, type LoadedLibrary } from '@harmoniq/core/pipeline';
import { generateLibrary, startPlexEmulator, type PlexEmulator } from '@harmoniq/testkit';
import { testClient } from './helpers.js';

const TOKEN = 'refresh-secret-token-123';
let plex: PlexEmulator | undefined;
afterEach(async () => {
  await plex?.close();
  plex = undefined;
});

type Random = () => number;
const pick = <T>(r: Random, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;

/** One random change set of the kinds a library sees: adds, edits, removals (single or a whole album), moves. */
function change(emu: PlexEmulator, r: Random, round: number): string {
  const tracks = emu.tracks();
  const done: string[] = [];
  const adds = Math.floor(r() * 12);
  if (adds > 0) {
    emu.addTracks(generateLibrary({ tracks: adds, seed: 1000 + round }).map((t) => ({ ...t, album: `${t.album} (New ${round})` })));
    done.push(`+${adds}`);
  }
  const touched = new Set<string>();
  const fresh = () => {
    for (;;) {
      const t = pick(r, tracks);
      if (!touched.has(t.ratingKey as string)) {
        touched.add(t.ratingKey as string);
        return t;
      }
    }
  };
  for (let i = Math.floor(r() * 4); i > 0; i -= 1) {
    const t = fresh();
    emu.updateTrack(t.ratingKey as string, r() < 0.5 ? { title: `${t.title} (Edit ${round})`, userRating: 8 } : { viewCount: (t.viewCount ?? 0) + 3 });
    done.push('~1');
  }
  for (let i = Math.floor(r() * 3); i > 0; i -= 1) {
    // A move to another album of the same artist (the album exists, so its genres are known).
    const t = fresh();
    const other = tracks.find((o) => o.artist === t.artist && o.album !== t.album);
    if (other) {
      emu.updateTrack(t.ratingKey as string, { album: other.album, year: other.year, albumGenres: other.albumGenres });
      done.push('>1');
    }
  }
  const removal = r();
  if (removal < 0.35) {
    for (let i = 1 + Math.floor(r() * 3); i > 0; i -= 1) emu.removeTrack(fresh().ratingKey as string);
    done.push('-few');
  } else if (removal < 0.6) {
    // A whole album deleted.
    const album = pick(r, tracks);
    const gone = tracks.filter((t) => t.artist === album.artist && t.album === album.album && !touched.has(t.ratingKey as string));
    for (const t of gone) emu.removeTrack(t.ratingKey as string);
    done.push(`-album(${gone.length})`);
  }
  return done.join(' ');
}

describe('incremental library refresh', () => {
  it('gives the same index as a full listing over many random change sets, usually for far fewer requests', async () => {
    const r = seededRandom(17);
    plex = await startPlexEmulator({ token: TOKEN, tracks: generateLibrary({ tracks: 600, seed: 5 }) });
    const emu = plex;
    const dataDir = mkdtempSync(join(tmpdir(), 'harmoniq-refresh-'));
    const load = (refresh: boolean, dir = dataDir): Promise<LoadedLibrary> =>
      loadLibrary({ reader: testClient(emu.url, TOKEN, { pageSize: 25 }).client, sectionTitle: 'Music', dataDir: dir, logger: createMemoryLogger(), refresh });

    await load(false);
    let partial = 0;
    const rounds = 24;
    for (let round = 1; round <= rounds; round += 1) {
      const what = change(emu, r, round);
      emu.resetRequests();
      const incremental = await load(false);
      const requests = emu.requests.length;
      const full = await load(true, mkdtempSync(join(tmpdir(), 'harmoniq-refresh-full-')));
      expect({ round, what, tracks: incremental.tracks }).toEqual({ round, what, tracks: full.tracks });
      if (incremental.refreshed) {
        partial += 1;
        // Cheaper than a full listing: ~24 track pages at 25 a page, plus albums and artists (and the 3 checks).
        expect({ round, what, requests: requests < 3 + 26 }).toEqual({ round, what, requests: true });
      }
    }
    // Most change sets are refreshed partially; the rest fall back to a full listing (and are still identical).
    expect(partial).toBeGreaterThanOrEqual(rounds / 2);
  }, 240_000);

  it('lists only what changed: adds and edits cost one filtered listing and one count besides the library check', async () => {
    plex = await startPlexEmulator({ token: TOKEN, tracks: generateLibrary({ tracks: 2000, seed: 9 }) });
    const emu = plex;
    const dataDir = mkdtempSync(join(tmpdir(), 'harmoniq-refresh-'));
    const load = () => loadLibrary({ reader: testClient(emu.url, TOKEN, { pageSize: 100 }).client, sectionTitle: 'Music', dataDir, logger: createMemoryLogger() });
    await load();
    const [first, second] = emu.tracks();
    emu.addTracks(generateLibrary({ tracks: 15, seed: 99 }).map((t) => ({ ...t, artist: first?.artist ?? t.artist, album: first?.album ?? t.album })));
    emu.updateTrack(second?.ratingKey as string, { userRating: 6, title: 'Renamed' });
    emu.resetRequests();
    const loaded = await load();
    expect(loaded.refreshed).toEqual({ added: 15, updated: 1, removed: 0, requests: 2 });
    const listings = emu.requests.filter((q) => q.path.endsWith('/all'));
    // The library's count, the tracks updated since, then the count of those added since: the listing already
    // holds all 15, so they are not listed again. Their album and artist are known, so no parent request.
    expect(listings.map((q) => [Object.keys(q.query).filter((k) => k.endsWith('>>')), q.query['X-Plex-Container-Size']])).toEqual([
      [[], '0'],
      [['updatedAt>>'], '100'],
      [['addedAt>>'], '0'],
    ]);
    expect(emu.requests).toHaveLength(5);
    expect(loaded.tracks.find((t) => t.ratingKey === second?.ratingKey)?.title).toBe('Renamed');
  });

  it('lists the tracks added since when Plex did not stamp them updated, and still gives the full listing\'s index', async () => {
    plex = await startPlexEmulator({ token: TOKEN, tracks: generateLibrary({ tracks: 1500, seed: 11 }), stampsUpdatedOnAdd: false });
    const emu = plex;
    const dataDir = mkdtempSync(join(tmpdir(), 'harmoniq-refresh-'));
    const load = (refresh = false, dir = dataDir) =>
      loadLibrary({ reader: testClient(emu.url, TOKEN, { pageSize: 100 }).client, sectionTitle: 'Music', dataDir: dir, logger: createMemoryLogger(), refresh });
    await load();
    const [first, second] = emu.tracks();
    if (!first || !second) throw new Error('the generated library is empty');
    // Into an album the index knows, with its genres (album and artist genres are not what this test is about);
    // without an addedAt of their own, so the emulator stamps them added now, as a scan does.
    const { artist, album, genres, albumGenres, artistGenres } = first;
    emu.addTracks(generateLibrary({ tracks: 12, seed: 98 }).map(({ addedAt: _, ...t }) => ({ ...t, artist, album, genres, albumGenres, artistGenres })));
    emu.updateTrack(second.ratingKey as string, { viewCount: 9 });
    emu.resetRequests();
    const loaded = await load();
    expect(loaded.refreshed).toEqual({ added: 12, updated: 1, removed: 0, requests: 3 });
    const listings = emu.requests.filter((q) => q.path.endsWith('/all'));
    // The updated listing holds only the edit: the count of added tracks says 12 more, so they are listed.
    expect(listings.map((q) => [Object.keys(q.query).filter((k) => k.endsWith('>>')), q.query['X-Plex-Container-Size']])).toEqual([
      [[], '0'],
      [['updatedAt>>'], '100'],
      [['addedAt>>'], '0'],
      [['addedAt>>'], '100'],
    ]);
    expect(loaded.tracks).toEqual((await load(true, mkdtempSync(join(tmpdir(), 'harmoniq-refresh-full-')))).tracks);
  });

  it('asks for new albums and artists by their keys, together, and gives them the genres a full listing gives', async () => {
    plex = await startPlexEmulator({ token: TOKEN, tracks: generateLibrary({ tracks: 2000, seed: 9 }) });
    const emu = plex;
    const dataDir = mkdtempSync(join(tmpdir(), 'harmoniq-refresh-'));
    const load = (refresh = false) =>
      loadLibrary({ reader: testClient(emu.url, TOKEN, { pageSize: 100 }).client, sectionTitle: 'Music', dataDir, logger: createMemoryLogger(), refresh });
    await load();
    const added = generateLibrary({ tracks: 12, seed: 77 }).map((t, i) => ({
      ...t,
      artist: `Newcomer ${i % 2}`,
      album: `First Record ${i % 3}`,
      albumGenres: [`Genre ${i % 3}`],
      artistGenres: [`Scene ${i % 2}`],
    }));
    emu.addTracks(added);
    emu.resetRequests();
    const loaded = await load();
    expect(loaded.refreshed?.added).toBe(12);
    const parents = emu.requests.filter((q) => q.path.startsWith('/library/metadata/'));
    expect(parents).toHaveLength(1);
    // Six new albums (each artist's own) and two new artists in the one request, and no listing of albums or artists.
    expect(parents[0]?.path.split('/')[3]?.split(',')).toHaveLength(8);
    expect(emu.requests.filter((q) => q.path.endsWith('/all') && ['8', '9'].includes(String(q.query['type'])))).toHaveLength(0);
    const full = await load(true);
    const genresOf = (l: LoadedLibrary) => l.tracks.filter((t) => t.album?.startsWith('First Record')).map((t) => [t.ratingKey, t.albumGenres, t.artistGenres]);
    expect(genresOf(loaded)).toHaveLength(12);
    expect(genresOf(loaded)).toEqual(genresOf(full));
    expect(genresOf(loaded).every(([, album, artist]) => album !== undefined && artist !== undefined)).toBe(true);
  });

  it('falls back to a full listing when finding scattered removals would cost more than a full listing', async () => {
    plex = await startPlexEmulator({ token: TOKEN, tracks: generateLibrary({ tracks: 300, seed: 3 }) });
    const emu = plex;
    const dataDir = mkdtempSync(join(tmpdir(), 'harmoniq-refresh-'));
    const logger = createMemoryLogger();
    const load = (refresh = false, dir = dataDir) =>
      loadLibrary({ reader: testClient(emu.url, TOKEN, { pageSize: 10 }).client, sectionTitle: 'Music', dataDir: dir, logger, refresh });
    await load();
    const tracks = emu.tracks();
    const gone = tracks.filter((_, i) => i % 11 === 5);
    for (const t of gone) emu.removeTrack(t.ratingKey as string);
    emu.resetRequests();
    const loaded = await load();
    expect(loaded.refreshed).toBeUndefined();
    expect(logger.lines.map((l) => l.message).join('\n')).toMatch(/cannot prove complete \(more than \d+ requests\); listing it all/);
    // The search stops at its budget (a full listing: 30 track pages, albums, artists), then the full listing follows.
    expect(emu.requests.filter((q) => q.query['X-Plex-Container-Size'] === '0').length).toBeLessThanOrEqual(1 + 31);
    expect(loaded.tracks).toEqual((await load(true, mkdtempSync(join(tmpdir(), 'harmoniq-refresh-full-')))).tracks);
    expect(loaded.tracks).toHaveLength(tracks.length - gone.length);
  });
});
