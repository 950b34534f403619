import { afterEach, describe, expect, it } from '@jest/globals';
import { sampleLibrary, startPlexEmulator, type PlexEmulator } from '@harmoniq/testkit';
import { testClient } from './helpers.js';

const TOKEN = 'sonic-secret-token-456';

let plex: PlexEmulator | undefined;
afterEach(async () => {
  await plex?.close();
  plex = undefined;
});

async function start(options: Parameters<typeof startPlexEmulator>[0] = {}) {
  plex = await startPlexEmulator({ token: TOKEN, tracks: sampleLibrary(), ...options });
  return { plex, ...testClient(plex.url, TOKEN) };
}

describe('sonic analysis in the library index', () => {
  it('marks analysed tracks and leaves the others unmarked', async () => {
    const { client, plex } = await start();
    const skip = plex.tracks()[3]!.ratingKey;
    plex.updateTrack(skip, { sonicAnalysis: false });
    const tracks = await client.listTracks(plex.sectionId);
    expect(tracks.find((t) => t.ratingKey === skip)?.sonicAnalysis).toBeUndefined();
    expect(tracks.filter((t) => t.sonicAnalysis === true)).toHaveLength(tracks.length - 1);
  });

  it('marks nothing on a server without sonic analysis', async () => {
    const { client, plex } = await start({ sonicAnalysis: false });
    const tracks = await client.listTracks(plex.sectionId);
    expect(tracks.some((t) => t.sonicAnalysis)).toBe(false);
  });
});

describe('nearest', () => {
  it('sends limit and maxDistance and returns library tracks with their distance, nearest first', async () => {
    const { client, plex } = await start();
    const seed = plex.findTrack('Miles Davis', 'So What') ?? plex.tracks()[0]!.ratingKey;
    const neighbours = await client.nearest(seed, { limit: 7, maxDistance: 0.6 });
    expect(neighbours).toHaveLength(7);
    const request = plex.requests.find((r) => r.path.endsWith('/nearest'));
    expect(request?.query).toMatchObject({ limit: '7', maxDistance: '0.6' });
    expect(neighbours.map((n) => n.track.ratingKey)).not.toContain(seed);
    for (const n of neighbours) {
      expect(n.distance).toBe(plex.sonicDistance(seed, n.track.ratingKey));
      expect(n.distance).toBeLessThanOrEqual(0.6);
      expect(n.track).toMatchObject({ title: expect.any(String), artist: expect.any(String), sonicAnalysis: true });
    }
    const distances = neighbours.map((n) => n.distance);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
  });

  it('leaves the server defaults alone when no options are given', async () => {
    const { client, plex } = await start();
    await client.nearest(plex.tracks()[0]!.ratingKey);
    const request = plex.requests.find((r) => r.path.endsWith('/nearest'));
    expect(request?.query).not.toHaveProperty('limit');
    expect(request?.query).not.toHaveProperty('maxDistance');
  });

  it('answers an empty list for an unanalysed track, an unanalysed server and a track that is gone', async () => {
    const { client, plex } = await start({ sonicAnalysis: false });
    expect(await client.nearest(plex.tracks()[0]!.ratingKey, { maxDistance: 1 })).toEqual([]);
    expect(await client.nearest('does-not-exist')).toEqual([]);
  });

  it('fails with the Plex error codes when the server refuses', async () => {
    const { client, plex } = await start();
    plex.inject({ path: /\/nearest$/, status: 401 });
    await expect(client.nearest(plex.tracks()[0]!.ratingKey)).rejects.toMatchObject({ code: 'EPLEXAUTH' });
  });
});

describe('sonic path', () => {
  it('asks computePath for the two tracks and returns the path as library tracks, each once', async () => {
    const { client, plex } = await start();
    const [a, b] = [plex.tracks()[0]!.ratingKey, plex.tracks().at(-1)!.ratingKey];
    const path = await client.sonicPath(plex.sectionId, a, b, { count: 5, maxDistance: 1 });
    const request = plex.requests.find((r) => r.path.endsWith('/computePath'));
    expect(request?.query).toMatchObject({ startID: a, endID: b, count: '5', maxDistance: '1' });
    expect(path[0]?.ratingKey).toBe(a);
    expect(path.at(-1)?.ratingKey).toBe(b);
    expect(path).toHaveLength(7);
    expect(new Set(path.map((t) => t.ratingKey)).size).toBe(path.length);
  });
});
