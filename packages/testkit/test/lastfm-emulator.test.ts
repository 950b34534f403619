import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startLastfmEmulator, type LastfmEmulator, type LastfmFixture } from '@harmoniq/testkit';

const data: LastfmFixture = {
  chart: [
    { artist: 'Taylor Swift', title: 'Cruel Summer', playcount: 20910268, listeners: 760544, artistMbid: '20244d07-534f-4eff-b4d4-930878889970' },
    { artist: 'Joy Division', title: 'Love Will Tear Us Apart', durationS: 205, mbid: '00046764-a84c-3568-b8b1-6a8174f7ca0b' },
    { artist: 'Portishead', title: 'Glory Box' },
  ],
  geo: { 'United States': [{ artist: 'Portishead', title: 'Roads', listeners: 12 }] },
  tags: { 'trip-hop': [{ artist: 'Portishead', title: 'Glory Box' }] },
  users: {
    'Aidan-': {
      topTracks: { overall: [{ artist: 'Joy Division', title: 'Love Will Tear Us Apart', playcount: 440 }], '7day': [] },
      topArtists: { overall: [{ name: 'Queen', mbid: '5eecaf18-02ec-47af-a4f2-7831db373419', playcount: 1511 }] },
      loved: [{ artist: 'The Backseat Lovers', title: 'Davy Crochet' }],
      recent: [{ artist: 'Queen', title: 'Bohemian Rhapsody', album: 'A Night at the Opera' }],
    },
    secretive: { private: true, loved: [{ artist: 'Queen', title: 'Bohemian Rhapsody' }] },
  },
  similarArtists: { Metallica: [{ name: 'Megadeth', match: 1, mbid: 'a9044915-8be3-4c7e-b11f-9e2d2ea0a91e' }, { name: 'Pantera', match: 0.600213 }] },
  artistTopTracks: { 'Chris Cornell': [{ artist: 'Chris Cornell', title: 'You Know My Name', playcount: 2053916, listeners: 335135 }] },
  similarTracks: [
    {
      artist: 'Disturbed',
      title: 'Stricken',
      similar: [
        { artist: 'Disturbed', title: 'Down With the Sickness', match: 1, playcount: 8066450, durationS: 278, mbid: 'a8009036-b13e-4cb8-b2c7-2c3f9735b735' },
        { artist: 'Disturbed', title: 'Inside the Fire', match: 0.976467, playcount: 3983007 },
      ],
    },
  ],
};

let lastfm: LastfmEmulator;

beforeAll(async () => {
  lastfm = await startLastfmEmulator({ data, suspendedKeys: ['suspended-key'] });
});
afterAll(async () => {
  await lastfm.close();
});

async function call(params: Record<string, string>, opts: { json?: boolean; key?: string | null } = {}): Promise<{ status: number; body: Record<string, unknown>; text: string }> {
  const query = new URLSearchParams(params);
  if (opts.key !== null) query.set('api_key', opts.key ?? lastfm.apiKey);
  if (opts.json !== false) query.set('format', 'json');
  const res = await fetch(`${lastfm.url}/2.0/?${query.toString()}`);
  const text = await res.text();
  let body: Record<string, unknown> = {};
  if (opts.json !== false) body = JSON.parse(text) as Record<string, unknown>;
  return { status: res.status, body, text };
}

describe('Last.fm emulator: chart, geo and tag charts', () => {
  it('serves chart.getTopTracks in rank order with numbers as strings and "" for missing MBIDs', async () => {
    const { status, body } = await call({ method: 'chart.getTopTracks' });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      tracks: {
        track: [
          { name: 'Cruel Summer', playcount: '20910268', listeners: '760544', duration: '0', mbid: '', streamable: { '#text': '0', fulltrack: '0' },
            artist: { name: 'Taylor Swift', mbid: '20244d07-534f-4eff-b4d4-930878889970', url: 'https://www.last.fm/music/Taylor+Swift' } },
          { name: 'Love Will Tear Us Apart', duration: '205', mbid: '00046764-a84c-3568-b8b1-6a8174f7ca0b' },
          { name: 'Glory Box' },
        ],
        '@attr': { page: '1', perPage: '50', totalPages: '1', total: '3' },
      },
    });
  });

  it('pages with page and limit, and answers an empty list past the end', async () => {
    const second = await call({ method: 'chart.gettoptracks', limit: '2', page: '2' });
    expect(second.body).toMatchObject({ tracks: { track: [{ name: 'Glory Box' }], '@attr': { page: '2', perPage: '2', totalPages: '2', total: '3' } } });
    const beyond = await call({ method: 'chart.getTopTracks', limit: '2', page: '5' });
    expect(beyond.body).toMatchObject({ tracks: { track: [] } });
  });

  it.each(['0', '1001', 'abc'])('answers error 6 for limit=%s', async (limit) => {
    const { status, body } = await call({ method: 'chart.getTopTracks', limit });
    expect(status).toBe(400);
    expect(body).toEqual({ error: 6, message: 'limit param out of bounds (1-1000)' });
  });

  it('finds geo.getTopTracks by country name in any case, with ranks', async () => {
    const { body } = await call({ method: 'geo.getTopTracks', country: 'united states' });
    expect(body).toMatchObject({ tracks: { track: [{ name: 'Roads', listeners: '12', '@attr': { rank: '1' } }], '@attr': { country: 'United States', total: '1' } } });
  });

  it('answers error 6 for a country it does not know', async () => {
    const { body } = await call({ method: 'geo.getTopTracks', country: 'Atlantis' });
    expect(body).toMatchObject({ error: 6 });
  });

  it('serves tag.getTopTracks and an empty list for an unknown tag', async () => {
    expect((await call({ method: 'tag.getTopTracks', tag: 'Trip-Hop' })).body).toMatchObject({ tracks: { track: [{ name: 'Glory Box' }], '@attr': { tag: 'Trip-Hop' } } });
    expect((await call({ method: 'tag.getTopTracks', tag: 'polka' })).body).toMatchObject({ tracks: { track: [], '@attr': { total: '0' } } });
  });
});

describe('Last.fm emulator: user methods', () => {
  it('serves user.getTopTracks case-insensitively with the user in @attr', async () => {
    const { body } = await call({ method: 'user.getTopTracks', user: 'AIDAN-', period: 'overall' });
    expect(body).toMatchObject({
      toptracks: { track: [{ name: 'Love Will Tear Us Apart', playcount: '440', '@attr': { rank: '1' }, artist: { name: 'Joy Division' } }], '@attr': { user: 'Aidan-', page: '1', total: '1' } },
    });
  });

  it('keeps periods apart and falls back to overall for a period without data', async () => {
    expect((await call({ method: 'user.getTopTracks', user: 'aidan-', period: '7day' })).body).toMatchObject({ toptracks: { track: [] } });
    expect((await call({ method: 'user.getTopTracks', user: 'aidan-', period: '12month' })).body).toMatchObject({ toptracks: { track: [{ playcount: '440' }] } });
  });

  it('serves user.getTopArtists with string playcounts and ranks', async () => {
    const { body } = await call({ method: 'user.getTopArtists', user: 'aidan-' });
    expect(body).toMatchObject({ topartists: { artist: [{ name: 'Queen', playcount: '1511', mbid: '5eecaf18-02ec-47af-a4f2-7831db373419', '@attr': { rank: '1' }, streamable: '0' }], '@attr': { user: 'Aidan-' } } });
  });

  it('serves user.getLovedTracks with dates', async () => {
    const { body } = await call({ method: 'user.getLovedTracks', user: 'aidan-' });
    expect(body).toMatchObject({ lovedtracks: { track: [{ name: 'Davy Crochet', mbid: '', artist: { name: 'The Backseat Lovers', mbid: '' }, date: { uts: expect.any(String) } }], '@attr': { user: 'Aidan-' } } });
  });

  it('names the artist with #text in user.getRecentTracks', async () => {
    const { body } = await call({ method: 'user.getRecentTracks', user: 'aidan-' });
    expect(body).toMatchObject({ recenttracks: { track: [{ name: 'Bohemian Rhapsody', artist: { '#text': 'Queen' }, album: { '#text': 'A Night at the Opera' } }] } });
  });

  it('serves user.getInfo', async () => {
    const { body } = await call({ method: 'user.getInfo', user: 'aidan-' });
    expect(body).toMatchObject({ user: { name: 'Aidan-', playcount: '440', type: 'user' } });
  });

  it.each(['user.getTopTracks', 'user.getTopArtists', 'user.getLovedTracks', 'user.getRecentTracks', 'user.getInfo'])(
    'answers HTTP 404 with error 6 for an unknown user in %s',
    async (method) => {
      const { status, body } = await call({ method, user: 'nobody-here' });
      expect(status).toBe(404);
      expect(body).toMatchObject({ error: 6, message: 'User not found' });
    },
  );

  it('answers error 17 for the loved tracks of a private profile', async () => {
    const { body } = await call({ method: 'user.getLovedTracks', user: 'secretive' });
    expect(body).toMatchObject({ error: 17 });
  });
});

describe('Last.fm emulator: artist and track methods', () => {
  it('serves artist.getSimilar with string matches and only the artist in @attr', async () => {
    const { body } = await call({ method: 'artist.getSimilar', artist: 'metallica', limit: '5' });
    expect(body).toEqual({
      similarartists: {
        artist: [
          expect.objectContaining({ name: 'Megadeth', match: '1', mbid: 'a9044915-8be3-4c7e-b11f-9e2d2ea0a91e', streamable: '0' }),
          expect.objectContaining({ name: 'Pantera', match: '0.600213', mbid: '' }),
        ],
        '@attr': { artist: 'Metallica' },
      },
    });
  });

  it('looks artists up by MBID too', async () => {
    const { body } = await call({ method: 'artist.getSimilar', mbid: 'a9044915-8be3-4c7e-b11f-9e2d2ea0a91e' });
    expect(body).toMatchObject({ similarartists: { artist: [], '@attr': { artist: 'Megadeth' } } });
  });

  it.each(['artist.getSimilar', 'artist.getTopTracks'])('answers HTTP 200 with error 6 for an unknown artist in %s', async (method) => {
    const { status, body } = await call({ method, artist: 'No Such Band 123' });
    expect(status).toBe(200);
    expect(body).toEqual({ error: 6, message: 'The artist you supplied could not be found', links: [] });
  });

  it('serves artist.getTopTracks with paging and the artist in @attr', async () => {
    const { body } = await call({ method: 'artist.getTopTracks', artist: 'CHRIS CORNELL' });
    expect(body).toMatchObject({
      toptracks: { track: [{ name: 'You Know My Name', playcount: '2053916', listeners: '335135', streamable: '0', '@attr': { rank: '1' } }], '@attr': { artist: 'Chris Cornell', page: '1', perPage: '50', total: '1' } },
    });
  });

  it('serves track.getSimilar with JSON numbers and no mbid key where unknown', async () => {
    const { body } = await call({ method: 'track.getSimilar', artist: 'disturbed', track: 'STRICKEN' });
    const tracks = (body['similartracks'] as { track: Record<string, unknown>[] }).track;
    expect(tracks[0]).toMatchObject({ name: 'Down With the Sickness', playcount: 8066450, match: 1, duration: 278, mbid: 'a8009036-b13e-4cb8-b2c7-2c3f9735b735' });
    expect(tracks[1]).toMatchObject({ name: 'Inside the Fire', match: 0.976467, duration: 0 });
    expect(tracks[1]).not.toHaveProperty('mbid');
    expect(body).toMatchObject({ similartracks: { '@attr': { artist: 'Disturbed' } } });
  });

  it('answers an empty similar-track list for an unknown track', async () => {
    const { status, body } = await call({ method: 'track.getSimilar', artist: 'Fake Artist', track: 'Nope' });
    expect(status).toBe(200);
    expect(body).toEqual({ similartracks: { track: [], '@attr': { artist: 'Fake Artist' } } });
  });
});

describe('Last.fm emulator: keys, methods and formats', () => {
  it('answers 403 with error 10 without an api_key or with a wrong one', async () => {
    for (const key of [null, 'wrong-key']) {
      const { status, body } = await call({ method: 'chart.getTopTracks' }, { key });
      expect(status).toBe(403);
      expect(body).toMatchObject({ error: 10, message: 'Invalid API key - You must be granted a valid key by last.fm' });
    }
  });

  it('answers 403 with error 26 for a suspended key', async () => {
    const { status, body } = await call({ method: 'chart.getTopTracks' }, { key: 'suspended-key' });
    expect(status).toBe(403);
    expect(body).toMatchObject({ error: 26, message: 'API Key Suspended - This application is not allowed to make requests to the web services' });
  });

  it('answers error 3 for an unknown method', async () => {
    const { body } = await call({ method: 'user.getRecommendedArtists', user: 'aidan-' });
    expect(body).toEqual({ error: 3, message: 'Invalid Method - No method with that name in this package', links: [] });
  });

  it('answers XML inside <lfm status="ok"> without format=json', async () => {
    const { status, text } = await call({ method: 'artist.getSimilar', artist: 'Metallica' }, { json: false });
    expect(status).toBe(200);
    expect(text).toContain('<lfm status="ok"><similarartists artist="Metallica"><artist><name>Megadeth</name>');
    expect(text).toContain('<image size="small">');
  });

  it('answers XML errors without format=json', async () => {
    const { status, text } = await call({ method: 'chart.getTopTracks' }, { json: false, key: 'wrong' });
    expect(status).toBe(403);
    expect(text).toContain('<lfm status="failed"><error code="10">');
  });

  it('serves new data after setData and records what was asked', async () => {
    lastfm.setData({ chart: [{ artist: 'New', title: 'Song' }] });
    lastfm.resetRequests();
    const { body } = await call({ method: 'chart.getTopTracks' });
    expect(body).toMatchObject({ tracks: { track: [{ name: 'Song' }] } });
    expect(lastfm.requests[0]?.query).toMatchObject({ method: 'chart.getTopTracks', format: 'json' });
    lastfm.setData(data);
  });
});
