import { describe, it, expect } from '@jest/globals';
import { parsePlaylist, parsePlaylistPage, parseRecommendations, parseRecordingMetadata, parseTokenStatus } from '../src/responses.js';

const REC = '684bedbb-78d7-4946-9038-5402d5fa83b0';
const ARTIST = '482a5456-7d8a-4366-a2e9-6f38853df632';

describe('ListenBrainz response parsing', () => {
  it('reads the token owner, and a 200 that says the token is invalid', () => {
    expect(parseTokenStatus({ code: 200, message: 'Token valid.', valid: true, user_name: 'rob' })).toEqual({ valid: true, userName: 'rob' });
    expect(parseTokenStatus({ code: 200, message: 'Token invalid.', valid: false })).toEqual({ valid: false });
    expect(parseTokenStatus({ code: 200 })).toBeUndefined();
  });

  it('reads recommendations with latest_listened_at as a date or null', () => {
    const page = parseRecommendations({
      payload: {
        model_id: 'm1', model_url: null, last_updated: 1588494361, total_mbid_count: 30,
        mbids: [
          { recording_mbid: REC.toUpperCase(), score: 9.345, latest_listened_at: '2021-12-17T05:32:11.000Z' },
          { recording_mbid: 'a6081bc1-2a76-4984-b21f-38bc3dcca3a5', score: 6.998, latest_listened_at: null },
        ],
      },
    });
    expect(page).toEqual({
      modelId: 'm1', lastUpdated: 1588494361, totalCount: 30,
      items: [
        { mbid: REC, score: 9.345, latestListenedAt: '2021-12-17T05:32:11.000Z' },
        { mbid: 'a6081bc1-2a76-4984-b21f-38bc3dcca3a5', score: 6.998, latestListenedAt: null },
      ],
    });
    expect(parseRecommendations({ payload: {} })).toBeUndefined();
  });

  it('tells created-for playlists apart by source_patch and takes the MBID from the identifier', () => {
    const page = parsePlaylistPage({
      playlist_count: 2,
      playlists: [
        {
          playlist: {
            title: 'Daily Jams for example, 2023-03-18 Sat', date: '2023-03-18T11:01:46.635538+00:00', track: [],
            identifier: 'https://listenbrainz.org/playlist/00000000-0000-0000-0000-000000000000',
            extension: { 'https://musicbrainz.org/doc/jspf#playlist': { additional_metadata: { algorithm_metadata: { source_patch: 'daily-jams' } } } },
          },
        },
        { playlist: { title: 'hand-made', date: '2023-03-17T00:00:00Z', identifier: 'https://listenbrainz.org/playlist/11111111-1111-1111-1111-111111111111/', track: [] } },
        { playlist: { title: 'broken', identifier: 'https://listenbrainz.org/playlist/not-a-uuid' } },
      ],
    });
    expect(page).toEqual({
      total: 2,
      playlists: [
        { mbid: '00000000-0000-0000-0000-000000000000', title: 'Daily Jams for example, 2023-03-18 Sat', date: '2023-03-18T11:01:46.635538+00:00', sourcePatch: 'daily-jams' },
        { mbid: '11111111-1111-1111-1111-111111111111', title: 'hand-made', date: '2023-03-17T00:00:00Z' },
      ],
    });
  });

  it('reads a track identifier given as an array or as a single string', () => {
    const track = {
      title: 'Requiem for My Harlequin', creator: 'Poets of the Fall', album: 'Signs of Life', duration: 262000,
      extension: { 'https://musicbrainz.org/doc/jspf#track': { artist_identifiers: [`https://musicbrainz.org/artist/${ARTIST}`] } },
    };
    const asArray = parsePlaylist({ playlist: { title: 'W', track: [{ ...track, identifier: ['https://example.org/x', `https://musicbrainz.org/recording/${REC}`] }] } });
    const asString = parsePlaylist({ playlist: { title: 'W', track: [{ ...track, identifier: `https://musicbrainz.org/recording/${REC}` }] } });
    const expected = { mbid: REC, title: 'Requiem for My Harlequin', artist: 'Poets of the Fall', album: 'Signs of Life', durationMs: 262000, artistMbids: [ARTIST] };
    expect(asArray?.tracks).toEqual([expected]);
    expect(asString?.tracks).toEqual([expected]);
  });

  it('keeps a track without a recording identifier or names, for the caller to skip', () => {
    const parsed = parsePlaylist({ playlist: { title: 'W', track: [{ identifier: [] }] } });
    expect(parsed?.tracks).toEqual([{ artistMbids: [] }]);
  });

  it('reads recording metadata keyed by MBID and leaves out entries without a name', () => {
    const parsed = parseRecordingMetadata({
      [REC]: {
        recording: { name: 'Glory Box', length: 306173, rels: [] },
        artist: { name: 'Portishead', artists: [{ name: 'Portishead', join_phrase: '', artist_mbid: '8f6bd1e4-fbe1-4f50-aa9b-94c450ec0f11' }] },
      },
      'a6081bc1-2a76-4984-b21f-38bc3dcca3a5': { recording: { name: 'No artist' } },
    });
    expect([...(parsed ?? new Map()).entries()]).toEqual([
      [REC, { title: 'Glory Box', artist: 'Portishead', lengthMs: 306173, artistMbids: ['8f6bd1e4-fbe1-4f50-aa9b-94c450ec0f11'] }],
    ]);
  });
});
