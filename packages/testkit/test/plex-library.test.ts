import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startPlexEmulator, type PlexEmulator, type PlexFixtureTrack } from '../src/index.js';
import { getJson, type PlexItem, titles } from './plex-helpers.js';

const TRACKS: PlexFixtureTrack[] = [
  { title: 'Rolling in the Deep', artist: 'Adele', album: '21', year: 2011, index: 1, durationMs: 228093, genres: ['Pop'], albumGenres: ['Pop'], artistGenres: ['Pop', 'Soul'], userRating: 10, viewCount: 48, lastViewedAt: 1766530271, mbid: '0f4bd6a3-2a6f-4c5b-8a3c-2c3f3c2b0e11' },
  { title: 'Someone Like You', artist: 'Adele', album: '21', year: 2011, index: 11, durationMs: 285000, genres: ['Pop'], albumGenres: ['Pop'], artistGenres: ['Pop', 'Soul'] },
  { title: 'What a Wonderful World', artist: 'Various Artists', trackArtist: 'Louis Armstrong', album: 'Good Morning, Vietnam', year: 1987, index: 19, durationMs: 136411, genres: ['Jazz'], albumGenres: ['Soundtrack'] },
  { title: 'Nowhere to Run', artist: 'Various Artists', trackArtist: 'Martha Reeves & The Vandellas', album: 'Good Morning, Vietnam', year: 1987, index: 2, albumGenres: ['Soundtrack'] },
  { title: 'Love of My Life', artist: 'Queen', album: 'Live Killers', year: 1979, index: 9, disc: 1, albumGenres: ['Rock'], artistGenres: ['Rock'] },
  { title: 'Bohemian Rhapsody', artist: 'Queen', album: 'Live Killers', year: 1979, index: 2, disc: 2, albumGenres: ['Rock'], artistGenres: ['Rock'] },
  { title: 'Bohemian Rhapsody', artist: 'Queen', album: 'A Night at the Opera', year: 1975, index: 11, genres: ['Rock'], albumGenres: ['Rock'], viewCount: 0, userRating: 0 },
];

describe('Plex emulator: library listing and media queries', () => {
  let plex: PlexEmulator;
  const all = (query: string): string => `/library/sections/${plex.sectionId}/all?${query}`;
  beforeAll(async () => {
    plex = await startPlexEmulator({ tracks: TRACKS });
  });
  afterAll(() => plex.close());

  it('lists tracks with type=10, each with string ratingKey and its own ancestor fields', async () => {
    const { body, headers } = await getJson(plex, all('type=10'));
    const mc = body.MediaContainer;
    expect(mc).toMatchObject({ size: 7, totalSize: 7, offset: 0, viewGroup: 'track', librarySectionID: 3 });
    expect(headers.get('x-plex-container-total-size')).toBe('7');
    expect(headers.get('x-plex-container-start')).toBe('0');
    const first = mc.Metadata?.[0] as PlexItem;
    expect(first).toMatchObject({
      ratingKey: expect.any(String), key: `/library/metadata/${first.ratingKey}`, type: 'track', title: 'Rolling in the Deep',
      grandparentTitle: 'Adele', parentTitle: '21', parentYear: 2011, index: 1, parentIndex: 1, duration: 228093,
      parentRatingKey: expect.any(String), grandparentRatingKey: expect.any(String), userRating: 10, viewCount: 48, lastViewedAt: 1766530271,
      Genre: [{ id: expect.any(Number), filter: expect.stringMatching(/^genre=\d+$/), tag: 'Pop' }],
    });
    expect(first).not.toHaveProperty('originalTitle');
    expect(first).not.toHaveProperty('Guid');
  });

  it('puts the track artist in originalTitle only when it differs from the album artist', async () => {
    const { body } = await getJson(plex, all('type=10&title=wonderful'));
    expect(body.MediaContainer.Metadata?.[0]).toMatchObject({ grandparentTitle: 'Various Artists', originalTitle: 'Louis Armstrong' });
  });

  it('omits viewCount, lastViewedAt and userRating when absent or 0', async () => {
    const { body } = await getJson(plex, all('type=10&album.title=opera'));
    const t = body.MediaContainer.Metadata?.[0] as PlexItem;
    expect(t).not.toHaveProperty('viewCount');
    expect(t).not.toHaveProperty('userRating');
    expect(t).not.toHaveProperty('lastViewedAt');
  });

  it('adds Guid mbid:// entries only with includeGuids=1', async () => {
    const { body } = await getJson(plex, all('type=10&includeGuids=1&title==Rolling in the Deep'));
    expect(body.MediaContainer.Metadata?.[0]?.Guid).toEqual([{ id: 'mbid://0f4bd6a3-2a6f-4c5b-8a3c-2c3f3c2b0e11' }]);
  });

  it('pages by headers or by query, reporting offset, size and totalSize', async () => {
    const byHeader = await getJson(plex, all('type=10'), { 'X-Plex-Container-Start': '2', 'X-Plex-Container-Size': '3' });
    expect(byHeader.body.MediaContainer).toMatchObject({ offset: 2, size: 3, totalSize: 7 });
    expect(byHeader.headers.get('x-plex-container-start')).toBe('2');
    const byQuery = await getJson(plex, all('type=10&X-Plex-Container-Start=6&X-Plex-Container-Size=3'));
    expect(byQuery.body.MediaContainer).toMatchObject({ offset: 6, size: 1, totalSize: 7 });
    expect(titles(byHeader.body)).toEqual(titles((await getJson(plex, all('type=10'))).body).slice(2, 5));
  });

  it('answers only the total for X-Plex-Container-Size=0, with no Metadata', async () => {
    const { body, headers } = await getJson(plex, all('type=10&X-Plex-Container-Start=0&X-Plex-Container-Size=0'));
    expect(body.MediaContainer).toMatchObject({ size: 0, totalSize: 7 });
    expect(body.MediaContainer).not.toHaveProperty('Metadata');
    expect(headers.get('x-plex-container-total-size')).toBe('7');
  });

  it('filters title by case-insensitive substring, and by equality in both == forms', async () => {
    expect(titles((await getJson(plex, all('type=10&title=BOHEMIAN'))).body)).toEqual(['Bohemian Rhapsody', 'Bohemian Rhapsody']);
    expect(titles((await getJson(plex, all('type=10&title==bohemian'))).body)).toEqual([]);
    expect(titles((await getJson(plex, all('type=10&title%3D=someone like you'))).body)).toEqual(['Someone Like You']);
    expect(titles((await getJson(plex, all(`type=10&${new URLSearchParams({ 'title=': 'Love of My Life' })}`))).body)).toEqual(['Love of My Life']);
  });

  it('scopes filters to the artist and the album', async () => {
    expect(titles((await getJson(plex, all('type=10&artist.title=queen&album.title=live'))).body)).toEqual(['Love of My Life', 'Bohemian Rhapsody']);
    expect(titles((await getJson(plex, all('type=10&artist.title=Louis Armstrong'))).body)).toEqual([]);
  });

  it('filters by genre tag ids at each level, with comma as OR', async () => {
    const genres = (await getJson(plex, `/library/sections/${plex.sectionId}/genre?type=10`)).body.MediaContainer.Directory ?? [];
    const id = (tag: string): string => String(genres.find((g) => g.title === tag)?.key);
    expect(genres[0]).toMatchObject({ fastKey: expect.stringContaining('genre='), key: expect.any(String), type: 'genre' });
    expect(titles((await getJson(plex, all(`type=10&track.genre=${id('Jazz')}`))).body)).toEqual(['What a Wonderful World']);
    expect(titles((await getJson(plex, all(`type=10&album.genre=${id('Soundtrack')}`))).body)).toHaveLength(2);
    expect(titles((await getJson(plex, all(`type=10&genre=${id('Jazz')},${id('Pop')}`))).body)).toHaveLength(3);
    // Unqualified genre also matches the album's genres (tracks without their own).
    expect(titles((await getJson(plex, all(`type=10&genre=${id('Rock')}`))).body)).toHaveLength(3);
    const artistSoul = (await getJson(plex, `/library/sections/${plex.sectionId}/genre?type=8`)).body.MediaContainer.Directory?.find((g) => g.title === 'Soul');
    expect(titles((await getJson(plex, all(`type=10&artist.genre=${String(artistSoul?.key)}`))).body)).toHaveLength(2);
  });

  it('ignores unknown filters', async () => {
    expect(titles((await getJson(plex, all('type=10&grandparentTitle=Adele&mood=happy'))).body)).toHaveLength(7);
  });

  it('sorts and limits, limit capping totalSize', async () => {
    const sorted = await getJson(plex, all('type=10&sort=titleSort:desc'));
    expect(titles(sorted.body)[0]).toBe('What a Wonderful World');
    const limited = await getJson(plex, all('type=10&sort=duration:desc&limit=2'));
    expect(limited.body.MediaContainer).toMatchObject({ size: 2, totalSize: 2 });
    expect(titles(limited.body)).toEqual(['Someone Like You', 'Rolling in the Deep']);
  });

  it('lists albums (type 9) and artists (type 8) with their own genres', async () => {
    const albums = await getJson(plex, all('type=9'));
    expect(albums.body.MediaContainer).toMatchObject({ viewGroup: 'album', totalSize: 4 });
    expect(albums.body.MediaContainer.Metadata?.find((a) => a.title === '21')).toMatchObject({ type: 'album', parentTitle: 'Adele', year: 2011, Genre: [{ tag: 'Pop' }] });
    const artists = await getJson(plex, all('type=8'));
    expect(artists.body.MediaContainer.Metadata?.find((a) => a.title === 'Adele')?.Genre).toEqual([
      expect.objectContaining({ tag: 'Pop' }), expect.objectContaining({ tag: 'Soul' }),
    ]);
    expect(titles((await getJson(plex, all(''))).body)).toContain('Queen');
  });

  it('serves several items from /library/metadata/{ids} in the order asked, skipping unknown ids', async () => {
    const [a, b] = [plex.findTrack('Queen', 'Love of My Life'), plex.findTrack('Louis Armstrong', 'What a Wonderful World')];
    const { body } = await getJson(plex, `/library/metadata/${b},nope,${a}`);
    expect(titles(body)).toEqual(['What a Wonderful World', 'Love of My Life']);
    expect(body.MediaContainer.Metadata?.[0]).toMatchObject({ librarySectionID: 3, originalTitle: 'Louis Armstrong' });
    expect((await getJson(plex, '/library/metadata/nope')).status).toBe(404);
  });

  it('hoists shared parent fields onto the container for an album’s children', async () => {
    const key = plex.findTrack('Adele', 'Rolling in the Deep') ?? '';
    const track = (await getJson(plex, `/library/metadata/${key}`)).body.MediaContainer.Metadata?.[0] as PlexItem;
    const { body } = await getJson(plex, `/library/metadata/${String(track.parentRatingKey)}/children`);
    expect(body.MediaContainer).toMatchObject({ grandparentTitle: 'Adele', parentTitle: '21', parentIndex: 1, size: 2 });
    expect(titles(body)).toEqual(['Rolling in the Deep', 'Someone Like You']);
    for (const item of body.MediaContainer.Metadata ?? []) {
      expect(item).not.toHaveProperty('grandparentTitle');
      expect(item).not.toHaveProperty('parentTitle');
    }
    // Discs differ on the live album, so parentIndex stays on each item there.
    const live = (await getJson(plex, `/library/metadata/${plex.findTrack('Queen', 'Love of My Life') ?? ''}`)).body.MediaContainer.Metadata?.[0] as PlexItem;
    const liveChildren = (await getJson(plex, `/library/metadata/${String(live.parentRatingKey)}/children`)).body.MediaContainer;
    expect(liveChildren).not.toHaveProperty('parentIndex');
    expect(liveChildren.Metadata?.map((m) => m.parentIndex)).toEqual([1, 2]);
  });

  it('lists an artist’s albums as children, with the artist hoisted', async () => {
    const track = (await getJson(plex, `/library/metadata/${plex.findTrack('Queen', 'Love of My Life') ?? ''}`)).body.MediaContainer.Metadata?.[0] as PlexItem;
    const { body } = await getJson(plex, `/library/metadata/${String(track.grandparentRatingKey)}/children`);
    expect(body.MediaContainer).toMatchObject({ parentTitle: 'Queen', viewGroup: 'album' });
    expect(titles(body).sort()).toEqual(['A Night at the Opera', 'Live Killers']);
    expect((await getJson(plex, '/library/metadata/nope/children')).status).toBe(404);
  });
});

describe('Plex emulator: options and library changes', () => {
  it('uses the default page size when the client sends none, and caps pages at maxPageSize', async () => {
    const plex = await startPlexEmulator({ tracks: TRACKS, defaultPageSize: 2, maxPageSize: 3 });
    try {
      expect((await getJson(plex, `/library/sections/3/all?type=10`)).body.MediaContainer).toMatchObject({ size: 2, totalSize: 7 });
      expect((await getJson(plex, `/library/sections/3/all?type=10&X-Plex-Container-Size=1000`)).body.MediaContainer).toMatchObject({ size: 3, totalSize: 7 });
    } finally {
      await plex.close();
    }
  });

  it('serves no track-level Genre when trackGenres is false, still filtering through the album', async () => {
    const plex = await startPlexEmulator({ tracks: TRACKS, trackGenres: false });
    try {
      const { body } = await getJson(plex, `/library/sections/3/all?type=10`);
      expect((body.MediaContainer.Metadata ?? []).some((t) => 'Genre' in t)).toBe(false);
      const genres = (await getJson(plex, `/library/sections/3/genre?type=10`)).body.MediaContainer.Directory ?? [];
      const rock = genres.find((g) => g.title === 'Rock');
      expect(titles((await getJson(plex, `/library/sections/3/all?type=10&genre=${String(rock?.key)}`)).body)).toHaveLength(3);
    } finally {
      await plex.close();
    }
  });

  it('moves the section’s contentChangedAt and updatedAt when tracks change, not when playlists do', async () => {
    const plex = await startPlexEmulator({ tracks: TRACKS });
    const stamps = async (): Promise<unknown[]> => {
      const music = (await getJson(plex, '/library/sections')).body.MediaContainer.Directory?.find((d) => d.type === 'artist');
      return [music?.contentChangedAt, music?.updatedAt];
    };
    try {
      const s0 = await stamps();
      plex.createPlaylist('Mine', [plex.findTrack('Adele', 'Someone Like You') ?? '']);
      expect(await stamps()).toEqual(s0);
      const [key] = plex.addTracks([{ title: 'Hello', artist: 'Adele', album: '25', year: 2015 }]);
      const s1 = await stamps();
      expect(s1[0]).not.toEqual(s0[0]);
      expect(s1[1]).not.toEqual(s0[1]);
      plex.updateTrack(key ?? '', { title: 'Hello (Live)' });
      const s2 = await stamps();
      expect(s2).not.toEqual(s1);
      expect(titles((await getJson(plex, '/library/sections/3/all?type=10&title=hello')).body)).toEqual(['Hello (Live)']);
      plex.removeTrack(key ?? '');
      expect(await stamps()).not.toEqual(s2);
      expect(titles((await getJson(plex, '/library/sections/3/all?type=10&title=hello')).body)).toEqual([]);
    } finally {
      await plex.close();
    }
  });

  it('gives the same ratingKeys and bodies for the same options', async () => {
    const [a, b] = [await startPlexEmulator({ tracks: TRACKS }), await startPlexEmulator({ tracks: TRACKS })];
    try {
      const path = '/library/sections/3/all?type=10&includeGuids=1';
      expect((await getJson(a, path)).body).toEqual((await getJson(b, path)).body);
      expect(a.tracks()).toEqual(b.tracks());
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('keeps ratingKeys given by fixtures, even non-numeric ones', async () => {
    const plex = await startPlexEmulator({ tracks: [{ ...TRACKS[0], ratingKey: 'abc-1' } as PlexFixtureTrack, { ...TRACKS[1], ratingKey: '1000' } as PlexFixtureTrack] });
    try {
      expect(plex.tracks().map((t) => t.ratingKey)).toEqual(['abc-1', '1000']);
      expect(titles((await getJson(plex, '/library/metadata/abc-1')).body)).toEqual(['Rolling in the Deep']);
    } finally {
      await plex.close();
    }
  });
});
