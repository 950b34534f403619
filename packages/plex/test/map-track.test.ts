import { describe, expect, it } from '@jest/globals';
import type { TrackInterner } from '@harmoniq/core/pipeline';
import { mapEntry, mapPlaylist, mapTrack } from '../src/map-track.js';

const adele = {
  ratingKey: '809604', parentRatingKey: '809603', grandparentRatingKey: '809564', type: 'track',
  title: 'Rolling in the Deep', grandparentTitle: 'Adele', parentTitle: '21', index: 1, parentIndex: 1,
  parentYear: 2011, userRating: 10.0, viewCount: 48, lastViewedAt: 1766530271, duration: 228093, addedAt: 1723508508,
  Genre: [{ id: 12345, filter: 'genre=12345', tag: 'Pop' }],
  Guid: [{ id: 'mbid://0f4bd6a3-2a6f-4c5b-8a3c-2c3f3c2b0e11' }, { id: 'plex://track/5d07db2e403c640290ef4d5f' }],
};

describe('mapping a Plex track', () => {
  it('maps every field, converting epoch seconds to milliseconds', () => {
    expect(mapTrack(adele, {})).toEqual({
      ratingKey: '809604', title: 'Rolling in the Deep', artist: 'Adele', albumArtist: 'Adele', album: '21',
      durationMs: 228093, trackNumber: 1, discNumber: 1, year: 2011, albumRatingKey: '809603', artistRatingKey: '809564',
      genres: ['Pop'], userRating: 10, viewCount: 48, lastViewedAt: 1766530271000, addedAt: 1723508508000,
      guids: ['mbid://0f4bd6a3-2a6f-4c5b-8a3c-2c3f3c2b0e11', 'plex://track/5d07db2e403c640290ef4d5f'],
    });
  });

  it('prefers the track artist (originalTitle) over the album artist for compilations', () => {
    const t = mapTrack({ ratingKey: '73894', title: 'What a Wonderful World', grandparentTitle: 'Various Artists', originalTitle: 'Louis Armstrong' }, {});
    expect(t).toMatchObject({ artist: 'Louis Armstrong', albumArtist: 'Various Artists' });
  });

  it('turns numeric ratingKeys into strings', () => {
    expect(mapTrack({ ratingKey: 42, title: 'x', parentRatingKey: 7, grandparentRatingKey: 3 }, {})).toMatchObject({
      ratingKey: '42', albumRatingKey: '7', artistRatingKey: '3',
    });
  });

  it('takes ancestor fields hoisted onto the container when the item lacks them', () => {
    const container = { grandparentTitle: 'Adele', grandparentRatingKey: '809564', parentTitle: '21', parentRatingKey: '809603', parentIndex: 2, parentYear: 2011 };
    expect(mapTrack({ ratingKey: '1', title: 'Skyfall' }, container)).toMatchObject({
      artist: 'Adele', albumArtist: 'Adele', album: '21', discNumber: 2, year: 2011, albumRatingKey: '809603', artistRatingKey: '809564',
    });
  });

  it('keeps the item’s own ancestor fields over the container’s', () => {
    expect(mapTrack({ ratingKey: '1', title: 't', grandparentTitle: 'Own' }, { grandparentTitle: 'Container' })).toMatchObject({ artist: 'Own' });
  });

  it('counts an absent viewCount as 0 and leaves absent ratings and play dates out', () => {
    const t = mapTrack({ ratingKey: '1', title: 't', grandparentTitle: 'a' }, {});
    expect(t).toEqual({ ratingKey: '1', title: 't', artist: 'a', albumArtist: 'a', viewCount: 0 });
  });

  it('joins album and artist genres by parent and grandparent ratingKey', () => {
    const ancestors = { albums: new Map([['809603', ['Soul']]]), artists: new Map([['809564', ['British', 'Pop']]]) };
    expect(mapTrack(adele, {}, ancestors)).toMatchObject({ genres: ['Pop'], albumGenres: ['Soul'], artistGenres: ['British', 'Pop'] });
  });

  it('skips an item without a ratingKey and tolerates missing arrays and wrong types', () => {
    expect(mapTrack({ title: 'no key' }, {})).toBeUndefined();
    expect(mapTrack({ ratingKey: '1', title: 't', Genre: 'Rock', Guid: null, duration: 'n/a' }, {})).toEqual({ ratingKey: '1', title: 't', artist: '', viewCount: 0 });
  });
});

describe('mapping a track of a listing (shared names)', () => {
  it('passes every name tracks share through the interner, and genre lists as lists, and keeps what it answers', () => {
    const names: string[] = [];
    const lists: (readonly string[] | undefined)[] = [];
    // Answers marked copies, so the test sees the track keeps the interner's answer, not its own copy.
    const spy: TrackInterner = {
      name: (s) => {
        names.push(s);
        return `shared:${s}`;
      },
      list: (items) => {
        lists.push(items);
        return items && items.length ? items.map((i) => `shared:${i}`) : undefined;
      },
    };
    const ancestors = { albums: new Map([['809603', ['Soul']]]), artists: new Map([['809564', ['British', 'Pop']]]) };
    const t = mapTrack({ ...adele, originalTitle: 'Adele & Friends' }, {}, ancestors, spy);
    expect(new Set(names)).toEqual(new Set(['Rolling in the Deep', 'Adele & Friends', 'Adele', '21', '809603', '809564']));
    expect(t).toMatchObject({
      ratingKey: '809604', title: 'shared:Rolling in the Deep', artist: 'shared:Adele & Friends', albumArtist: 'shared:Adele', album: 'shared:21',
      albumRatingKey: 'shared:809603', artistRatingKey: 'shared:809564',
      genres: ['shared:Pop'], albumGenres: ['shared:Soul'], artistGenres: ['shared:British', 'shared:Pop'],
    });
    expect(lists).toEqual([['Pop'], ['Soul'], ['British', 'Pop']]);
  });

  it('gives a track of its own (no interner) lists of its own, not the ancestors’ arrays', () => {
    const albumGenres = ['Soul'];
    const t = mapTrack(adele, {}, { albums: new Map([['809603', albumGenres]]), artists: new Map() });
    expect(t?.albumGenres).toEqual(['Soul']);
    expect(t?.albumGenres).not.toBe(albumGenres);
  });
});

describe('mapping playlists and their items', () => {
  it('reads a playlist with real booleans or 0/1 flags', () => {
    expect(mapPlaylist({ ratingKey: 289273, title: 'Weekly', smart: false, playlistType: 'audio', summary: '', leafCount: 2 })).toEqual({
      ratingKey: '289273', title: 'Weekly', smart: false, playlistType: 'audio', summary: '', leafCount: 2,
    });
    expect(mapPlaylist({ ratingKey: '1', title: 'S', smart: '1', playlistType: 'audio' })).toMatchObject({ smart: true });
  });

  it('keys an entry by its playlistItemID, as a string', () => {
    expect(mapEntry({ playlistItemID: 5012, ratingKey: '809604' })).toEqual({ playlistItemId: '5012', ratingKey: '809604' });
    expect(mapEntry({ ratingKey: '809604' })).toBeUndefined();
  });
});
