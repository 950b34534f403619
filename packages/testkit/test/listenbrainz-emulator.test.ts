import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startListenBrainzEmulator, type ListenBrainzEmulator, type ListenBrainzUserFixture } from '@harmoniq/testkit';

const GLORY_BOX = 'e97f805a-ab48-4c52-855e-07049142113d';
const HARLEQUIN = '684bedbb-78d7-4946-9038-5402d5fa83b0';
const UNKNOWN_REC = 'a6081bc1-2a76-4984-b21f-38bc3dcca3a5';
const WEEKLY = '4a0c7b8e-5d0b-4c7e-9d6f-1b2a3c4d5e6f';
const DAILY = '00000000-0000-0000-0000-000000000000';
const OLD_FORM = '00000000-0000-0000-0000-000000000002';

const users: Record<string, ListenBrainzUserFixture> = {
  example: {
    recommendations: [
      { mbid: GLORY_BOX, score: 9.345, latestListenedAt: '2021-12-17T05:32:11.000Z' },
      { mbid: UNKNOWN_REC, score: 6.998, latestListenedAt: null },
      { mbid: HARLEQUIN, score: 1.5 },
    ],
    playlists: [
      { mbid: WEEKLY, sourcePatch: 'weekly-exploration', title: 'Weekly Exploration for example, week of 2024-06-03 Mon', date: '2024-06-03T00:04:11.118Z', recordingMbids: [HARLEQUIN, UNKNOWN_REC] },
      { mbid: DAILY, sourcePatch: 'daily-jams', title: 'Daily Jams for example, 2024-06-05 Wed', date: '2024-06-05T11:01:46.635Z', recordingMbids: [GLORY_BOX] },
      { mbid: OLD_FORM, sourcePatch: 'weekly-jams', title: 'Weekly Jams for example, week of 2023-03-13 Mon', date: '2023-03-13T00:05:12.000Z', recordingMbids: [GLORY_BOX], identifierAsString: true },
    ],
  },
  nothing: { recommendations: null },
  emptied: { recommendations: [] },
};

let lb: ListenBrainzEmulator;
const auth = { Authorization: 'Token lb-test-token' };

beforeAll(async () => {
  lb = await startListenBrainzEmulator({
    users,
    recordings: [
      { mbid: GLORY_BOX, title: 'Glory Box', artist: 'Portishead', album: 'Dummy', lengthMs: 306173, artistMbids: ['8f6bd1e4-fbe1-4f50-aa9b-94c450ec0f11'] },
      { mbid: HARLEQUIN, title: 'Requiem for My Harlequin', artist: 'Poets of the Fall feat. Someone' },
    ],
    rateLimit: { limit: 10_000, windowSeconds: 10 },
  });
});
afterAll(async () => {
  await lb.close();
});

async function get(path: string, headers: Record<string, string> = auth): Promise<{ status: number; text: string; body: unknown; headers: Headers }> {
  const res = await fetch(`${lb.url}${path}`, { headers });
  const text = await res.text();
  return { status: res.status, text, body: text ? (JSON.parse(text) as unknown) : undefined, headers: res.headers };
}

describe('ListenBrainz emulator: authorization and validate-token', () => {
  it('validates a token from the header, and from ?token= for backward compatibility', async () => {
    const valid = { code: 200, message: 'Token valid.', valid: true, user_name: 'harmoniq-user' };
    expect(await get('/1/validate-token')).toMatchObject({ status: 200, body: valid });
    expect(await get('/1/validate-token?token=lb-test-token', {})).toMatchObject({ status: 200, body: valid });
  });

  it('answers 200 with valid:false for an unknown token, and 400 without any token', async () => {
    expect(await get('/1/validate-token', { Authorization: 'Token nope' })).toMatchObject({ status: 200, body: { code: 200, message: 'Token invalid.', valid: false } });
    expect(await get('/1/validate-token', {})).toMatchObject({ status: 400, body: { code: 400, error: 'You need to provide an Authorization token.' } });
  });

  it('answers 401 to an invalid token even where authorization is optional', async () => {
    const res = await get('/1/user/example/playlists/createdfor', { Authorization: 'Token wrong-token' });
    expect(res).toMatchObject({ status: 401, body: { code: 401, error: 'Invalid authorization token.' } });
  });

  it('answers 401 to an Authorization header without a space', async () => {
    const res = await get('/1/cf/recommendation/user/example/recording', { Authorization: 'lb-test-token' });
    expect(res).toMatchObject({ status: 401, body: { code: 401, error: 'Provided Authorization header is invalid.' } });
  });

  it('serves public endpoints without any Authorization header', async () => {
    expect((await get('/1/user/example/playlists/createdfor', {})).status).toBe(200);
  });
});

describe('ListenBrainz emulator: collaborative-filtering recommendations', () => {
  it('serves the payload with latest_listened_at, null when never listened', async () => {
    const { status, body } = await get('/1/cf/recommendation/user/example/recording');
    expect(status).toBe(200);
    expect(body).toEqual({
      payload: {
        model_id: expect.any(String), model_url: null, entity: 'recording', user_name: 'example', last_updated: expect.any(Number),
        count: 3, total_mbid_count: 3, offset: 0,
        mbids: [
          { recording_mbid: GLORY_BOX, score: 9.345, latest_listened_at: '2021-12-17T05:32:11.000Z' },
          { recording_mbid: UNKNOWN_REC, score: 6.998, latest_listened_at: null },
          { recording_mbid: HARLEQUIN, score: 1.5, latest_listened_at: null },
        ],
      },
    });
  });

  it('pages with count and offset', async () => {
    const { body } = await get('/1/cf/recommendation/user/example/recording?count=1&offset=1');
    expect(body).toMatchObject({ payload: { count: 1, offset: 1, total_mbid_count: 3, mbids: [{ recording_mbid: UNKNOWN_REC }] } });
  });

  it('clamps count to 1000', async () => {
    const many = Array.from({ length: 1200 }, (_, i) => ({ mbid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, score: 1200 - i }));
    lb.setUsers({ ...users, example: { recommendations: many } });
    try {
      const { body } = await get('/1/cf/recommendation/user/example/recording?count=5000');
      expect(body).toMatchObject({ payload: { count: 1000, total_mbid_count: 1200 } });
    } finally {
      lb.setUsers(users);
    }
  });

  it.each(['count=-1', 'offset=-5', 'count=ten'])('answers 400 for %s', async (query) => {
    const { status, body } = await get(`/1/cf/recommendation/user/example/recording?${query}`);
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 400, error: expect.stringContaining('should be a non-negative integer') });
  });

  it('answers 404 for an unknown user', async () => {
    expect(await get('/1/cf/recommendation/user/x/recording')).toMatchObject({ status: 404, body: { code: 404, error: 'Cannot find user: x' } });
  });

  it('answers 204 with an empty body when there are no recommendations or the list is empty', async () => {
    for (const user of ['nothing', 'emptied', 'harmoniq-user']) {
      const res = await get(`/1/cf/recommendation/user/${user}/recording`);
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
    }
  });
});

describe('ListenBrainz emulator: created-for playlists', () => {
  it('lists playlists newest first, without tracks, with source_patch in the JSPF extension', async () => {
    const { status, body } = await get('/1/user/example/playlists/createdfor');
    expect(status).toBe(200);
    expect(body).toMatchObject({ playlist_count: 3, offset: 0, count: 25 });
    const playlists = (body as { playlists: { playlist: Record<string, unknown> }[] }).playlists.map((p) => p.playlist);
    expect(playlists.map((p) => p['identifier'])).toEqual([DAILY, WEEKLY, OLD_FORM].map((m) => `https://listenbrainz.org/playlist/${m}`));
    expect(playlists[0]).toMatchObject({
      title: 'Daily Jams for example, 2024-06-05 Wed', creator: 'troi-bot', annotation: 'Daily jams playlist!', date: '2024-06-05T11:01:46.635000+00:00', track: [],
      extension: { 'https://musicbrainz.org/doc/jspf#playlist': { created_for: 'example', creator: 'troi-bot', public: true, additional_metadata: { algorithm_metadata: { source_patch: 'daily-jams' } } } },
    });
    expect(playlists[1]).toMatchObject({
      extension: { 'https://musicbrainz.org/doc/jspf#playlist': { additional_metadata: { algorithm_metadata: { source_patch: 'weekly-exploration' }, expires_at: '2024-06-17T00:04:11.118000+00:00' } } },
    });
  });

  it('pages with count and offset', async () => {
    const { body } = await get('/1/user/example/playlists/createdfor?count=1&offset=1');
    expect(body).toMatchObject({ playlist_count: 3, offset: 1, count: 1, playlists: [{ playlist: { identifier: `https://listenbrainz.org/playlist/${WEEKLY}` } }] });
  });

  it('answers 404 for an unknown user', async () => {
    expect(await get('/1/user/ghost/playlists/createdfor')).toMatchObject({ status: 404, body: { code: 404, error: 'Cannot find user: ghost' } });
  });
});

describe('ListenBrainz emulator: playlist with tracks', () => {
  it('serves tracks with an identifier array and metadata where known', async () => {
    const { status, body } = await get(`/1/playlist/${WEEKLY}`);
    expect(status).toBe(200);
    const tracks = (body as { playlist: { track: Record<string, unknown>[] } }).playlist.track;
    expect(tracks[0]).toMatchObject({
      identifier: [`https://musicbrainz.org/recording/${HARLEQUIN}`], title: 'Requiem for My Harlequin', creator: 'Poets of the Fall feat. Someone',
      extension: { 'https://musicbrainz.org/doc/jspf#track': { added_by: 'troi-bot', artist_identifiers: [expect.stringMatching(/^https:\/\/musicbrainz.org\/artist\//), expect.any(String)] } },
    });
    expect(tracks[0]).not.toHaveProperty('album');
    expect(tracks[1]).toEqual({ identifier: [`https://musicbrainz.org/recording/${UNKNOWN_REC}`], extension: expect.any(Object) });
  });

  it('includes album and duration when known', async () => {
    const { body } = await get(`/1/playlist/${DAILY}`);
    expect(body).toMatchObject({ playlist: { track: [{ title: 'Glory Box', creator: 'Portishead', album: 'Dummy', duration: 306173 }] } });
  });

  it('serves the old single-string identifier form when asked to', async () => {
    const { body } = await get(`/1/playlist/${OLD_FORM}`);
    expect(body).toMatchObject({ playlist: { track: [{ identifier: `https://musicbrainz.org/recording/${GLORY_BOX}` }] } });
  });

  it('leaves metadata out with fetch_metadata=false', async () => {
    const { body } = await get(`/1/playlist/${DAILY}?fetch_metadata=false`);
    const track = (body as { playlist: { track: Record<string, unknown>[] } }).playlist.track[0];
    expect(track).not.toHaveProperty('title');
    expect(track).toMatchObject({ identifier: [`https://musicbrainz.org/recording/${GLORY_BOX}`] });
  });

  it('answers 400 for an id that is not a UUID and 404 for a missing playlist', async () => {
    expect(await get('/1/playlist/not-a-uuid')).toMatchObject({ status: 400, body: { code: 400, error: 'Provided playlist ID is invalid.' } });
    const missing = '11111111-2222-3333-4444-555555555555';
    expect(await get(`/1/playlist/${missing}`)).toMatchObject({ status: 404, body: { code: 404, error: `Cannot find playlist: ${missing}` } });
  });
});

describe('ListenBrainz emulator: recording metadata', () => {
  it('answers an object keyed by MBID, leaving unknown MBIDs out', async () => {
    const { status, body } = await get(`/1/metadata/recording/?recording_mbids=${GLORY_BOX},${UNKNOWN_REC}&inc=artist%20release`);
    expect(status).toBe(200);
    expect(Object.keys(body as object)).toEqual([GLORY_BOX]);
    expect(body).toMatchObject({
      [GLORY_BOX]: {
        recording: { name: 'Glory Box', length: 306173, rels: [] },
        artist: { name: 'Portishead', artist_credit_id: expect.any(Number), artists: [{ name: 'Portishead', join_phrase: '', artist_mbid: '8f6bd1e4-fbe1-4f50-aa9b-94c450ec0f11' }] },
        release: { name: 'Dummy', mbid: expect.any(String), album_artist_name: 'Portishead' },
      },
    });
  });

  it('answers the slash-less path too and only includes what inc asks for', async () => {
    const { status, body } = await get(`/1/metadata/recording?recording_mbids=${HARLEQUIN}`);
    expect(status).toBe(200);
    expect(body).toEqual({ [HARLEQUIN]: { recording: { name: 'Requiem for My Harlequin', rels: [], isrcs: [] } } });
  });

  it('splits a credit into artists with join phrases', async () => {
    const { body } = await get(`/1/metadata/recording/?recording_mbids=${HARLEQUIN}&inc=artist`);
    expect(body).toMatchObject({ [HARLEQUIN]: { artist: { artists: [{ name: 'Poets of the Fall', join_phrase: ' feat. ' }, { name: 'Someone', join_phrase: '' }] } } });
  });

  it('answers 400 for an invalid MBID, an unknown inc or no recording_mbids', async () => {
    expect(await get('/1/metadata/recording/?recording_mbids=abc')).toMatchObject({ status: 400, body: { code: 400, error: 'Recording mbid abc is not valid.' } });
    expect(await get(`/1/metadata/recording/?recording_mbids=${GLORY_BOX}&inc=artist,release`)).toMatchObject({ status: 400, body: { error: expect.stringContaining("invalid inc argument 'artist,release'") } });
    expect(await get('/1/metadata/recording/')).toMatchObject({ status: 400, body: { error: expect.stringContaining('recording_mbids argument must be present') } });
  });

  it('answers POST with a JSON body of MBIDs', async () => {
    const res = await fetch(`${lb.url}/1/metadata/recording/`, {
      method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ recording_mbids: [GLORY_BOX, HARLEQUIN], inc: 'artist' }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, { artist?: unknown }>;
    expect(Object.keys(body).sort()).toEqual([GLORY_BOX, HARLEQUIN].sort());
    expect(body[GLORY_BOX]?.artist).toMatchObject({ name: 'Portishead' });
  });

  it('rejects a POST without MBIDs or with more than 1000', async () => {
    const post = (payload: unknown): Promise<Response> =>
      fetch(`${lb.url}/1/metadata/recording/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
    expect((await post({ recording_mbids: [] })).status).toBe(400);
    expect((await post({ inc: 'artist' })).status).toBe(400);
    expect((await post({ recording_mbids: Array.from({ length: 1001 }, () => GLORY_BOX) })).status).toBe(400);
  });
});

describe('ListenBrainz emulator: fixtures', () => {
  it('serves new users after setUsers', async () => {
    lb.setUsers({ newbie: { recommendations: [{ mbid: GLORY_BOX, score: 1 }] } });
    expect((await get('/1/cf/recommendation/user/newbie/recording')).status).toBe(200);
    expect((await get('/1/cf/recommendation/user/example/recording')).status).toBe(404);
    lb.setUsers(users);
  });
});
