import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sampleLibrary, startPlexEmulator, type PlexEmulator, type PlexFixtureTrack } from '../src/index.js';
import { getJson, type PlexItem } from './plex-helpers.js';

const genreOf = (t: PlexFixtureTrack): string => t.genres?.[0] ?? t.albumGenres?.[0] ?? t.artistGenres?.[0] ?? '';

describe('Plex emulator: sonic analysis', () => {
  let plex: PlexEmulator;
  let tracks: (PlexFixtureTrack & { ratingKey: string })[];
  let jazz: string;
  let unanalysed: string;
  beforeAll(async () => {
    const library = sampleLibrary();
    // One track the server has not analysed yet (a partly analysed library).
    library[0] = { ...library[0]!, sonicAnalysis: false };
    plex = await startPlexEmulator({ tracks: library });
    tracks = plex.tracks();
    jazz = tracks.find((t) => genreOf(t) === 'Jazz')!.ratingKey;
    unanalysed = tracks[0]!.ratingKey;
  });
  afterAll(() => plex.close());

  const nearest = async (key: string, query = ''): Promise<PlexItem[]> => {
    const { status, body } = await getJson(plex, `/library/metadata/${key}/nearest${query}`);
    expect(status).toBe(200);
    return body.MediaContainer.Metadata ?? [];
  };

  it('marks analysed tracks with musicAnalysisVersion "1" and leaves it off the others', async () => {
    const { body } = await getJson(plex, `/library/metadata/${jazz},${unanalysed}`);
    const [a, b] = body.MediaContainer.Metadata ?? [];
    expect(a).toMatchObject({ ratingKey: jazz, musicAnalysisVersion: '1' });
    expect(b).toMatchObject({ ratingKey: unanalysed });
    expect(b).not.toHaveProperty('musicAnalysisVersion');
  });

  it('answers nearest tracks nearest first, each with a distance within the defaults (limit 50, maxDistance 0.25), the seed left out', async () => {
    const items = await nearest(jazz);
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(50);
    const distances = items.map((i) => i.distance as number);
    expect(distances.every((d) => typeof d === 'number' && d > 0 && d <= 0.25)).toBe(true);
    expect([...distances].sort((x, y) => x - y)).toEqual(distances);
    expect(items.map((i) => i.ratingKey)).not.toContain(jazz);
    expect(items.map((i) => i.ratingKey)).not.toContain(unanalysed);
    expect(items[0]).toMatchObject({ type: 'track', musicAnalysisVersion: '1', librarySectionID: 3 });
    expect(distances[0]).toBe(plex.sonicDistance(jazz, items[0]!.ratingKey));
  });

  it('keeps to limit and maxDistance', async () => {
    const wide = await nearest(jazz, '?limit=500&maxDistance=1');
    expect(wide.length).toBe(tracks.length - 2);
    const few = await nearest(jazz, '?limit=3&maxDistance=1');
    expect(few.map((i) => i.ratingKey)).toEqual(wide.slice(0, 3).map((i) => i.ratingKey));
    const close = await nearest(jazz, '?limit=500&maxDistance=0.08');
    expect(close.every((i) => (i.distance as number) <= 0.08)).toBe(true);
    expect(close.length).toBeLessThan(wide.length);
  });

  it('clusters tracks of one genre: the closest neighbours share the seed genre, other genres lie further away', async () => {
    const byKey = new Map(tracks.map((t) => [t.ratingKey, t]));
    const wide = await nearest(jazz, '?limit=500&maxDistance=1');
    const same = wide.filter((i) => genreOf(byKey.get(i.ratingKey)!) === 'Jazz').map((i) => i.distance as number);
    const other = wide.filter((i) => genreOf(byKey.get(i.ratingKey)!) !== 'Jazz').map((i) => i.distance as number);
    const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(same.length).toBeGreaterThan(3);
    expect(mean(same)).toBeLessThan(mean(other) / 2);
    expect(wide.slice(0, 3).every((i) => genreOf(byKey.get(i.ratingKey)!) === 'Jazz')).toBe(true);
  });

  it('leaves out the seed album or artist when asked (excludeParentID, excludeGrandparentID)', async () => {
    const { body } = await getJson(plex, `/library/metadata/${jazz}`);
    const seed = body.MediaContainer.Metadata![0]!;
    const noAlbum = await nearest(jazz, `?limit=500&maxDistance=1&excludeParentID=${seed.parentRatingKey as string}`);
    expect(noAlbum.some((i) => i.parentRatingKey === seed.parentRatingKey)).toBe(false);
    const noArtist = await nearest(jazz, `?limit=500&maxDistance=1&excludeGrandparentID=${seed.grandparentRatingKey as string}`);
    expect(noArtist.some((i) => i.grandparentRatingKey === seed.grandparentRatingKey)).toBe(false);
  });

  it('answers an unanalysed seed with an empty container, not an error; an unknown one with 404', async () => {
    const { status, body } = await getJson(plex, `/library/metadata/${unanalysed}/nearest?maxDistance=1`);
    expect(status).toBe(200);
    expect(body.MediaContainer).toMatchObject({ size: 0 });
    expect(body.MediaContainer).not.toHaveProperty('Metadata');
    expect((await getJson(plex, '/library/metadata/999999/nearest')).status).toBe(404);
    expect((await getJson(plex, `/library/metadata/${jazz}/nearest?limit=x`)).status).toBe(400);
  });

  it('computes a path between two tracks: start first, end last, count steps in between, each step close to the last', async () => {
    const far = tracks.find((t) => genreOf(t) === 'Metal' || genreOf(t) === 'Rock')!.ratingKey;
    const { status, body } = await getJson(plex, `/library/sections/${plex.sectionId}/computePath?startID=${jazz}&endID=${far}&count=6&maxDistance=1`);
    expect(status).toBe(200);
    const keys = (body.MediaContainer.Metadata ?? []).map((i) => i.ratingKey);
    expect(keys[0]).toBe(jazz);
    expect(keys.at(-1)).toBe(far);
    expect(keys.length).toBe(8);
    expect(new Set(keys).size).toBe(keys.length);
    const steps = keys.slice(1).map((k, i) => plex.sonicDistance(keys[i]!, k));
    expect(Math.max(...steps)).toBeLessThan(plex.sonicDistance(jazz, far));
    expect((await getJson(plex, `/library/sections/${plex.sectionId}/computePath?startID=${jazz}`)).status).toBe(400);
    const none = await getJson(plex, `/library/sections/${plex.sectionId}/computePath?startID=${unanalysed}&endID=${far}`);
    expect(none.body.MediaContainer.Metadata).toBeUndefined();
  });

  it('gives the same vectors in every run: distances depend on the tracks, not on ratingKeys or order', async () => {
    const reversed = await startPlexEmulator({ tracks: [...sampleLibrary()].reverse() });
    try {
      const a = tracks[5]!;
      const b = tracks[40]!;
      const ra = reversed.findTrack(a.artist, a.title)!;
      const rb = reversed.findTrack(b.artist, b.title)!;
      expect(reversed.sonicDistance(ra, rb)).toBe(plex.sonicDistance(a.ratingKey, b.ratingKey));
    } finally {
      await reversed.close();
    }
  });
});

describe('Plex emulator: a server without sonic analysis', () => {
  let plex: PlexEmulator;
  beforeAll(async () => {
    plex = await startPlexEmulator({ tracks: sampleLibrary().slice(0, 20), sonicAnalysis: false });
  });
  afterAll(() => plex.close());

  it('serves no musicAnalysisVersion and answers nearest with an empty list', async () => {
    const key = plex.tracks()[0]!.ratingKey;
    const list = await getJson(plex, `/library/sections/${plex.sectionId}/all?type=10`);
    expect((list.body.MediaContainer.Metadata ?? []).some((i) => 'musicAnalysisVersion' in i)).toBe(false);
    const { status, body } = await getJson(plex, `/library/metadata/${key}/nearest?maxDistance=1`);
    expect(status).toBe(200);
    expect(body.MediaContainer.size).toBe(0);
  });
});
