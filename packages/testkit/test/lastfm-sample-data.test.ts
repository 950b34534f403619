import { describe, expect, it } from '@jest/globals';
import { sampleLastfmData, sampleListenBrainzData, startLastfmEmulator, type LastfmTrackFixture } from '@harmoniq/testkit';

function library(size: number): { artist: string; title: string; album: string }[] {
  const out: { artist: string; title: string; album: string }[] = [];
  for (let i = 0; i < size; i += 1) {
    const artist = i % 13 === 0 ? `Artist ${i % 400} feat. Guest ${i % 7}` : `Artist ${i % 400}`;
    const title = i % 5 === 0 ? `Don't Stop ${i}` : `Song ${i}`;
    out.push({ artist, title, album: `Album ${i % 900}` });
  }
  return out;
}

const lib = library(3000);
const key = (t: { artist: string; title: string }): string => `${t.artist}\u0000${t.title}`;
const libraryKeys = new Set(lib.map(key));

function allTracks(data: ReturnType<typeof sampleLastfmData>): LastfmTrackFixture[] {
  const user = data.users?.['harmoniq-user'];
  return [
    ...(data.chart ?? []),
    ...Object.values(data.geo ?? {}).flat(),
    ...Object.values(data.tags ?? {}).flat(),
    ...Object.values(user?.topTracks ?? {}).flat(),
    ...(user?.loved ?? []),
    ...(user?.recent ?? []),
    ...Object.values(data.artistTopTracks ?? {}).flat(),
    ...(data.similarTracks ?? []).flatMap((s) => s.similar),
  ];
}

describe('sampleLastfmData', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(sampleLastfmData(lib, { seed: 7 })).toEqual(sampleLastfmData(lib, { seed: 7 }));
    expect(sampleLastfmData(lib, { seed: 7 }).chart).not.toEqual(sampleLastfmData(lib, { seed: 8 }).chart);
  });

  it('gives harmoniq-user top artists, top tracks, loved and recent tracks', () => {
    const user = sampleLastfmData(lib).users?.['harmoniq-user'];
    expect(user?.topArtists?.overall?.length).toBe(50);
    expect(user?.topTracks?.overall?.length).toBeGreaterThanOrEqual(50);
    expect(user?.loved?.length).toBeGreaterThan(0);
    expect(user?.recent?.length).toBeGreaterThan(0);
  });

  it('links top artists to similar artists and artist top tracks, and top tracks to similar tracks', () => {
    const data = sampleLastfmData(lib);
    const top = data.users?.['harmoniq-user']?.topArtists?.overall ?? [];
    const first = top[0]?.name ?? '';
    expect(data.similarArtists?.[first]?.length).toBeGreaterThan(5);
    const similarName = data.similarArtists?.[first]?.[0]?.name ?? '';
    expect(data.artistTopTracks?.[similarName]?.length).toBeGreaterThan(0);
    const seed = data.users?.['harmoniq-user']?.topTracks?.overall?.[0];
    expect(data.similarTracks?.find((s) => s.artist === seed?.artist && s.title === seed?.title)?.similar.length).toBeGreaterThan(5);
  });

  it('mostly uses library tracks, with some missing and some respelled', () => {
    const tracks = allTracks(sampleLastfmData(lib, { missing: 15 }));
    const exact = tracks.filter((t) => libraryKeys.has(key(t))).length;
    expect(exact / tracks.length).toBeGreaterThan(0.6);
    const absent = new Set(tracks.filter((t) => !libraryKeys.has(key(t))).map(key));
    expect(absent.size).toBeGreaterThan(15);
    const titles = tracks.map((t) => t.title);
    expect(titles.some((t) => /Remaster/.test(t))).toBe(true);
    expect(titles.some((t) => t.includes('\u2019'))).toBe(true);
    expect(titles.some((t) => /\(feat\. /.test(t))).toBe(true);
  });

  it('leaves some MBIDs and durations out, as Last.fm does', () => {
    const chart = sampleLastfmData(lib).chart ?? [];
    expect(chart.some((t) => t.mbid === undefined)).toBe(true);
    expect(chart.some((t) => t.durationS === undefined)).toBe(true);
    expect(chart.some((t) => t.mbid !== undefined)).toBe(true);
  });

  it('copes with tiny and empty libraries and scales to 100k tracks', () => {
    expect(sampleLastfmData(lib.slice(0, 3)).chart?.length).toBeGreaterThan(0);
    expect(() => sampleLastfmData([])).not.toThrow();
    expect(sampleLastfmData(library(100_000), { seed: 2 }).chart?.length).toBe(100);
    expect(sampleListenBrainzData(library(100_000), { seed: 2 }).recordings.length).toBeGreaterThan(100);
  });

  it('is served by the emulator as a working recommendation graph', async () => {
    const lastfm = await startLastfmEmulator({ data: sampleLastfmData(lib) });
    try {
      const base = `${lastfm.url}/2.0/?format=json&api_key=${lastfm.apiKey}`;
      const top = (await (await fetch(`${base}&method=user.getTopArtists&user=harmoniq-user&limit=1`)).json()) as { topartists: { artist: { name: string }[] } };
      const name = top.topartists.artist[0]?.name ?? '';
      const similar = (await (await fetch(`${base}&method=artist.getSimilar&artist=${encodeURIComponent(name)}`)).json()) as { similarartists: { artist: { name: string }[] } };
      expect(similar.similarartists.artist.length).toBeGreaterThan(0);
      const other = similar.similarartists.artist[0]?.name ?? '';
      const tracks = (await (await fetch(`${base}&method=artist.getTopTracks&artist=${encodeURIComponent(other)}`)).json()) as { toptracks: { track: unknown[] } };
      expect(tracks.toptracks.track.length).toBeGreaterThan(0);
    } finally {
      await lastfm.close();
    }
  });
});
