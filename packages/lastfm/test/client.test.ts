import { afterEach, describe, expect, it } from '@jest/globals';
import { DATA, harness, KEY, type Harness } from './fixtures.js';

let h: Harness;
afterEach(async () => {
  await h.close();
});

describe('Last.fm client methods', () => {
  it('sends GET with method, api_key and format=json to the base URL, with an identifiable User-Agent', async () => {
    h = await harness();
    await h.client.chartTopTracks({ limit: 3 });
    const req = h.emu.requests[0];
    expect(req).toMatchObject({ method: 'GET', path: '/2.0/' });
    expect(req?.query).toMatchObject({ method: 'chart.getTopTracks', api_key: KEY, format: 'json', limit: '3', page: '1' });
    expect(req?.headers['user-agent']).toBe('harmoniq-test/0.1');
  });

  it('reads chart tracks with string numbers as numbers, "" MBIDs as absent and duration 0 as unknown', async () => {
    h = await harness();
    const tracks = await h.client.chartTopTracks({ limit: 3 });
    expect(tracks[0]).toEqual({
      artist: 'Taylor Swift',
      title: 'Cruel Summer',
      artistMbid: '20244d07-534f-4eff-b4d4-930878889970',
      playcount: 20910268,
      listeners: 760544,
      url: 'https://www.last.fm/music/Taylor+Swift/_/Cruel+Summer',
    });
    expect(tracks[1]).toMatchObject({ artist: 'Chappell Roan', durationMs: 218_000 });
    expect(tracks[2]).toMatchObject({ mbid: 'a1b2c3d4-0000-4000-8000-000000000001' });
  });

  it('reads geo and tag charts with their ranks', async () => {
    h = await harness();
    expect(await h.client.geoTopTracks('germany')).toEqual([
      expect.objectContaining({ artist: 'Kraftwerk', title: 'Das Model', listeners: 42, durationMs: 220_000, rank: 1 }),
    ]);
    const tags = await h.client.tagTopTracks('indie');
    expect(tags.map((t) => [t.title, t.rank])).toEqual([['Cut Your Hair', 1], ['Debaser', 2]]);
    expect(tags[1]?.durationMs).toBeUndefined();
  });

  it('reads a user\'s top tracks and top artists for a period', async () => {
    h = await harness();
    const top = await h.client.userTopTracks('rj', 'overall');
    expect(top[0]).toMatchObject({ artist: 'Joy Division', title: 'Love Will Tear Us Apart', playcount: 440, durationMs: 205_000, rank: 1, mbid: '00046764-a84c-3568-b8b1-6a8174f7ca0b' });
    expect((await h.client.userTopTracks('rj', '7day')).map((t) => t.playcount)).toEqual([12]);
    expect(h.emu.requests.at(-1)?.query).toMatchObject({ user: 'rj', period: '7day' });
    const artists = await h.client.userTopArtists('rj', 'overall');
    expect(artists[0]).toEqual(expect.objectContaining({ name: 'Queen', playcount: 1511, rank: 1, mbid: '5eecaf18-02ec-47af-a4f2-7831db373419' }));
    expect(artists[1]?.mbid).toBeUndefined();
  });

  it('reads loved tracks with their date and recent tracks whose artist is "#text"', async () => {
    h = await harness();
    const loved = await h.client.userLovedTracks('rj');
    expect(loved[0]).toMatchObject({ artist: 'The Backseat Lovers', title: 'Davy Crochet', mbid: '59da79dd-aed6-447c-951c-070f6b8446a1' });
    expect(loved[0]?.artistMbid).toBeUndefined();
    expect(typeof loved[0]?.date).toBe('number');
    const recent = await h.client.userRecentTracks('rj');
    expect(recent[0]).toMatchObject({ artist: 'Portishead', title: 'Glory Box', album: 'Dummy' });
  });

  it('reads user info', async () => {
    h = await harness();
    const user = await h.client.userInfo('RJ');
    expect(user).toMatchObject({ name: 'rj', registeredAt: 1262304000_000 });
    expect(user.country).toBeUndefined();
  });

  it('reads similar artists with string match values', async () => {
    h = await harness();
    expect(await h.client.artistSimilar('Metallica')).toEqual([
      expect.objectContaining({ name: 'Megadeth', match: 1, mbid: 'a9044915-8be3-4c7e-b11f-9e2d2ea0a91e' }),
      expect.objectContaining({ name: 'Pantera', match: 0.600213 }),
    ]);
    expect(h.emu.requests[0]?.query).toMatchObject({ method: 'artist.getSimilar', artist: 'Metallica', autocorrect: '1' });
  });

  it('reads an artist\'s top tracks', async () => {
    h = await harness();
    expect(await h.client.artistTopTracks('Chris Cornell')).toEqual([
      expect.objectContaining({ artist: 'Chris Cornell', title: 'You Know My Name', playcount: 2053916, listeners: 335135, rank: 1 }),
    ]);
  });

  it('reads similar tracks, whose numbers are JSON numbers and whose missing MBIDs are absent keys', async () => {
    h = await harness();
    const similar = await h.client.trackSimilar('Disturbed', 'Stricken');
    expect(similar[0]).toMatchObject({ title: 'Down With the Sickness', match: 1, playcount: 8066450, durationMs: 278_000, mbid: 'a8009036-b13e-4cb8-b2c7-2c3f9735b735' });
    expect(similar[1]).toMatchObject({ title: 'Inside the Fire', match: 0.976467 });
    expect(similar[1]?.mbid).toBeUndefined();
    expect(similar[1]?.durationMs).toBeUndefined();
  });

  it('answers an empty list, not an error, for an unknown artist or track', async () => {
    h = await harness();
    await expect(h.client.artistSimilar('Nobody At All')).resolves.toEqual([]);
    await expect(h.client.artistTopTracks('Nobody At All')).resolves.toEqual([]);
    await expect(h.client.trackSimilar('Nobody At All', 'Nothing')).resolves.toEqual([]);
  });
});

describe('paging', () => {
  it('follows @attr pages until it has the items asked for', async () => {
    h = await harness();
    const chart = Array.from({ length: 25 }, (_, i) => ({ artist: `Artist ${i}`, title: `Song ${i}` }));
    h.emu.setData({ ...DATA, chart });
    const tracks = await h.client.chartTopTracks({ limit: 22, pageSize: 10 });
    expect(tracks.map((t) => t.title)).toEqual(chart.slice(0, 22).map((t) => t.title));
    expect(h.emu.requests.map((r) => r.query['page'])).toEqual(['1', '2', '3']);
  });

  it('stops at the last page @attr reports, even when more items were asked for', async () => {
    h = await harness();
    const chart = Array.from({ length: 12 }, (_, i) => ({ artist: `Artist ${i}`, title: `Song ${i}` }));
    h.emu.setData({ ...DATA, chart });
    expect(await h.client.chartTopTracks({ limit: 100, pageSize: 10 })).toHaveLength(12);
    expect(h.emu.requests).toHaveLength(2);
  });
});

describe('in-run cache', () => {
  it('sends an identical request once per client, even when asked concurrently', async () => {
    h = await harness();
    await Promise.all([h.client.artistSimilar('Metallica'), h.client.artistSimilar('metallica'), h.client.artistSimilar('Metallica')]);
    await h.client.artistSimilar('Metallica');
    expect(h.emu.requests).toHaveLength(1);
    expect(h.client.requestCount()).toBe(1);
  });

  it('sends requests that differ in a parameter separately', async () => {
    h = await harness();
    await h.client.userTopTracks('rj', 'overall');
    await h.client.userTopTracks('rj', '7day');
    expect(h.emu.requests).toHaveLength(2);
  });
});
