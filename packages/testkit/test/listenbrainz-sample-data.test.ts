import { describe, expect, it } from '@jest/globals';
import { sampleListenBrainzData, startListenBrainzEmulator } from '@harmoniq/testkit';

const lib = Array.from({ length: 2000 }, (_, i) => ({ artist: `Artist ${i % 150}`, title: i % 4 === 0 ? `It's Track ${i}` : `Track ${i}`, album: `Album ${i % 300}` }));
const libraryKeys = new Set(lib.map((t) => `${t.artist}\u0000${t.title}`));

describe('sampleListenBrainzData', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(sampleListenBrainzData(lib, { seed: 4 })).toEqual(sampleListenBrainzData(lib, { seed: 4 }));
    expect(sampleListenBrainzData(lib, { seed: 4 }).recordings).not.toEqual(sampleListenBrainzData(lib, { seed: 5 }).recordings);
  });

  it('gives harmoniq-user recommendations and the usual created-for playlists', () => {
    const user = sampleListenBrainzData(lib).users['harmoniq-user'];
    expect(user?.recommendations?.length).toBe(100);
    expect(user?.recommendations?.some((r) => r.latestListenedAt === null)).toBe(true);
    expect(user?.recommendations?.some((r) => typeof r.latestListenedAt === 'string')).toBe(true);
    expect(new Set(user?.playlists?.map((p) => p.sourcePatch))).toEqual(new Set(['weekly-jams', 'weekly-exploration', 'daily-jams']));
    expect(user?.playlists?.some((p) => p.identifierAsString)).toBe(true);
    expect(user?.playlists?.[0]?.title).toMatch(/^Weekly Jams for harmoniq-user, week of \d{4}-\d{2}-\d{2} Mon$/);
  });

  it('describes most recommended recordings, mostly library tracks, some missing, a few without metadata', () => {
    const data = sampleListenBrainzData(lib, { missing: 10 });
    const byMbid = new Map(data.recordings.map((r) => [r.mbid, r]));
    const recs = data.users['harmoniq-user']?.recommendations ?? [];
    const described = recs.filter((r) => byMbid.has(r.mbid));
    expect(recs.length - described.length).toBe(2);
    const inLibrary = described.filter((r) => { const rec = byMbid.get(r.mbid); return rec !== undefined && libraryKeys.has(`${rec.artist}\u0000${rec.title}`); });
    expect(inLibrary.length / described.length).toBeGreaterThan(0.6);
    expect(inLibrary.length).toBeLessThan(described.length);
  });

  it('is served by the emulator end to end', async () => {
    const data = sampleListenBrainzData(lib);
    const lb = await startListenBrainzEmulator({ users: data.users, recordings: data.recordings });
    try {
      const headers = { Authorization: 'Token lb-test-token' };
      const list = (await (await fetch(`${lb.url}/1/user/harmoniq-user/playlists/createdfor`, { headers })).json()) as { playlists: { playlist: { identifier: string } }[] };
      expect(list.playlists).toHaveLength(5);
      const mbid = list.playlists[0]?.playlist.identifier.split('/').pop() ?? '';
      const playlist = (await (await fetch(`${lb.url}/1/playlist/${mbid}`, { headers })).json()) as { playlist: { track: { title?: string }[] } };
      expect(playlist.playlist.track.every((t) => typeof t.title === 'string')).toBe(true);
      expect((await fetch(`${lb.url}/1/cf/recommendation/user/quiet-user/recording`, { headers })).status).toBe(204);
    } finally {
      await lb.close();
    }
  });
});
