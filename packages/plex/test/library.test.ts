import { afterEach, describe, expect, it } from '@jest/globals';
import { startPlexEmulator, type PlexEmulator, type PlexFixtureTrack } from '@harmoniq/testkit';
import { testClient } from './helpers.js';

const TOKEN = 'library-secret-token-123';

const fixtures: PlexFixtureTrack[] = [
  {
    ratingKey: 'trk-adele-1', title: 'Rolling in the Deep', artist: 'Adele', album: '21', year: 2011, index: 1, disc: 1,
    durationMs: 228093, genres: ['Pop'], albumGenres: ['Soul'], artistGenres: ['British Pop'], userRating: 10,
    viewCount: 48, lastViewedAt: 1766530271, addedAt: 1723508508, mbid: '0f4bd6a3-2a6f-4c5b-8a3c-2c3f3c2b0e11',
  },
  { ratingKey: '73894', title: 'What a Wonderful World', artist: 'Various Artists', trackArtist: 'Louis Armstrong', album: 'Good Morning, Vietnam', year: 1987, index: 19, addedAt: 1726672934 },
  { title: 'Skyfall', artist: 'Adele', album: 'Skyfall', index: 1, disc: 2, addedAt: 1700000000 },
];

let plex: PlexEmulator | undefined;
afterEach(async () => {
  await plex?.close();
  plex = undefined;
});

async function start(options: Parameters<typeof startPlexEmulator>[0] = {}) {
  plex = await startPlexEmulator({ token: TOKEN, tracks: fixtures, ...options });
  return { plex, ...testClient(plex.url, TOKEN) };
}

describe('server identity and sections', () => {
  it('reads the machineIdentifier, name and version of the server', async () => {
    const { client, plex } = await start();
    const info = await client.server();
    expect(info.machineIdentifier).toBe(plex.machineIdentifier);
    expect(typeof info.version).toBe('string');
  });

  it('lists every section with a string id', async () => {
    const { client, plex } = await start();
    const sections = await client.sections();
    expect(sections).toContainEqual({ id: plex.sectionId, title: 'Music', type: 'artist' });
    expect(sections.some((s) => s.type === 'movie')).toBe(true);
  });

  it('finds the music library by title, trimmed and case-insensitively, with its change stamps', async () => {
    const { client, plex } = await start();
    const section = await client.musicSection('  music ');
    expect(section).toMatchObject({ id: plex.sectionId, title: 'Music' });
    expect(typeof section.contentChangedAt).toBe('number');
    expect(typeof section.updatedAt).toBe('number');
    expect(typeof section.scannedAt).toBe('number');
  });

  it('reports a changed contentChangedAt after the library changes', async () => {
    const { client, plex } = await start();
    const before = await client.musicSection('Music');
    plex.addTracks([{ title: 'Hello', artist: 'Adele', album: '25' }]);
    const after = await client.musicSection('Music');
    expect(after.contentChangedAt).not.toBe(before.contentChangedAt);
  });

  it('names the music libraries that exist when the configured one is missing', async () => {
    const { client } = await start({ sectionTitle: 'Hörbücher' });
    await expect(client.musicSection('Musik')).rejects.toMatchObject({
      code: 'EPLEXLIBRARY',
      message: "Music library 'Musik' not found. Music libraries on this server: Hörbücher. Set PLEX_MUSIC_LIBRARY_NAME to one of them.",
    });
  });

  it('does not offer a movie library as a music library', async () => {
    const { client } = await start();
    await expect(client.musicSection('Movies')).rejects.toMatchObject({ code: 'EPLEXLIBRARY' });
  });
});

describe('reading the tracks of the music library', () => {
  it('counts the tracks with one request for no items', async () => {
    const { client, plex } = await start();
    await expect(client.countTracks(plex.sectionId)).resolves.toBe(3);
    expect(plex.requests.filter((r) => r.path.endsWith('/all'))).toHaveLength(1);
  });

  it('maps every track field, with string ratingKeys and times in milliseconds', async () => {
    const { client, plex } = await start();
    const tracks = await client.listTracks(plex.sectionId);
    const adele = tracks.find((t) => t.ratingKey === 'trk-adele-1');
    expect(adele).toMatchObject({
      title: 'Rolling in the Deep', artist: 'Adele', albumArtist: 'Adele', album: '21', year: 2011, trackNumber: 1,
      discNumber: 1, durationMs: 228093, userRating: 10, viewCount: 48, lastViewedAt: 1766530271000, addedAt: 1723508508000,
      guids: expect.arrayContaining(['mbid://0f4bd6a3-2a6f-4c5b-8a3c-2c3f3c2b0e11']),
    });
    expect(tracks.find((t) => t.ratingKey === '73894')).toMatchObject({ artist: 'Louis Armstrong', albumArtist: 'Various Artists', viewCount: 0 });
    const skyfall = tracks.find((t) => t.title === 'Skyfall');
    expect(skyfall).toMatchObject({ discNumber: 2 });
    expect(skyfall?.userRating).toBeUndefined();
    expect(tracks.every((t) => typeof t.ratingKey === 'string' && typeof t.albumRatingKey === 'string' && typeof t.artistRatingKey === 'string')).toBe(true);
  });

  it('fills in genres of the track, its album and its artist', async () => {
    const { client, plex } = await start();
    const tracks = await client.listTracks(plex.sectionId);
    expect(tracks.find((t) => t.ratingKey === 'trk-adele-1')).toMatchObject({ genres: ['Pop'], albumGenres: ['Soul'], artistGenres: ['British Pop'] });
    const paths = plex.requests.filter((r) => r.path.endsWith('/all')).map((r) => r.query['type']);
    expect(new Set(paths)).toEqual(new Set(['8', '9', '10']));
  });

  it('gives the tracks of a listing one frozen genre list per distinct list, shared across pages', async () => {
    const album = (n: number): PlexFixtureTrack => ({ title: `Song ${n}`, artist: 'The Shared', album: 'One Album', index: n, genres: ['Rock', 'Indie'], albumGenres: ['Rock'], artistGenres: ['Indie'] });
    const { plex } = await start({ tracks: [album(1), album(2), album(3), album(4), album(5)] });
    // Pages of two: names and lists are shared across pages, not only within one.
    const tracks = await testClient(plex.url, TOKEN, { pageSize: 2 }).client.listTracks(plex.sectionId);
    expect(tracks).toHaveLength(5);
    for (const t of tracks) {
      expect(t.genres).toBe(tracks[0]!.genres);
      expect(t.albumGenres).toBe(tracks[0]!.albumGenres);
      expect(t.artistGenres).toBe(tracks[0]!.artistGenres);
    }
    expect(tracks[0]).toMatchObject({ genres: ['Rock', 'Indie'], albumGenres: ['Rock'], artistGenres: ['Indie'] });
    // Frozen as decoded tracks' lists are: sorting one in place would change every track's.
    expect(Object.isFrozen(tracks[0]!.genres)).toBe(true);
    expect(() => (tracks[0]!.genres as string[]).sort()).toThrow(TypeError);
  });

  it('still finds album and artist genres on servers older than PMS 1.40 (no track genres)', async () => {
    const { client, plex } = await start({ trackGenres: false });
    const tracks = await client.listTracks(plex.sectionId);
    const adele = tracks.find((t) => t.ratingKey === 'trk-adele-1');
    expect(adele?.genres).toBeUndefined();
    expect(adele).toMatchObject({ albumGenres: ['Soul'], artistGenres: ['British Pop'] });
  });

  it('reads a large library through a server that caps its pages, reporting progress per page', async () => {
    const many = Array.from({ length: 2345 }, (_, i): PlexFixtureTrack => ({ title: `Song ${i}`, artist: `Artist ${i % 40}`, album: `Album ${i % 200}` }));
    plex = await startPlexEmulator({ token: TOKEN, tracks: many, maxPageSize: 500 });
    const { client } = testClient(plex.url, TOKEN);
    const progress: { done: number; total: number }[] = [];
    const tracks = await client.listTracks(plex.sectionId, (p) => progress.push(p));
    expect(tracks).toHaveLength(2345);
    expect(new Set(tracks.map((t) => t.ratingKey)).size).toBe(2345);
    expect(progress.at(-1)).toEqual({ done: 2345, total: 2345 });
    expect(progress).toHaveLength(5);
    const asked = plex.requests.filter((r) => r.query['type'] === '10').map((r) => r.headers['x-plex-container-size']);
    expect(asked.every((size) => size === '1000')).toBe(true);
  });

  it('asks for small pages when configured to', async () => {
    plex = await startPlexEmulator({ token: TOKEN, tracks: fixtures });
    const { client } = testClient(plex.url, TOKEN, { pageSize: 2 });
    const tracks = await client.listTracks(plex.sectionId);
    expect(tracks).toHaveLength(3);
    expect(plex.requests.filter((r) => r.query['type'] === '10')).toHaveLength(2);
  });
});
