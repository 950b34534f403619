import { describe, expect, it } from '@jest/globals';
import type { LibraryTrack } from '@harmoniq/core';
import { trackFromValues } from '@harmoniq/core/pipeline';

// Tracks are made by a constructor for V8's sake (track-record.ts); to every consumer they must be the plain
// objects an object literal makes: same prototype, same keys in the same order, absent fields absent.
describe('trackFromValues', () => {
  const full: LibraryTrack = {
    ratingKey: '11', title: 'Playground Love', artist: 'Air', viewCount: 3, albumArtist: 'Air', album: 'The Virgin Suicides',
    durationMs: 213_000, trackNumber: 1, discNumber: 1, year: 2000, albumRatingKey: '10', artistRatingKey: '9',
    genres: ['Electronic'], albumGenres: ['Soundtrack'], artistGenres: ['French'], userRating: 8,
    lastViewedAt: 1_700_000_000_000, addedAt: 1_600_000_000_000, updatedAt: 1_650_000_000_000,
    guids: ['mbid://98c343ee'], sonicAnalysis: false,
  };

  it('makes a plain object with every field, in the fields order', () => {
    const track = trackFromValues([
      '11', 'Playground Love', 'Air', 3, 'Air', 'The Virgin Suicides', 213_000, 1, 1, 2000, '10', '9',
      ['Electronic'], ['Soundtrack'], ['French'], 8, 1_700_000_000_000, 1_600_000_000_000, 1_650_000_000_000, ['mbid://98c343ee'], false,
    ]);
    expect(track).toStrictEqual(full);
    expect(Object.keys(track)).toEqual(Object.keys(full));
    expect(Object.getPrototypeOf(track)).toBe(Object.prototype);
    expect(track.constructor).toBe(Object);
    expect(JSON.parse(JSON.stringify(track))).toStrictEqual(full);
    expect(structuredClone(track)).toStrictEqual(full);
  });

  it('leaves out fields given as undefined or null, and keeps zeros, empty strings and false', () => {
    const track = trackFromValues(['12', '', '', 0, undefined, null, 0, undefined, null, undefined, undefined, null, [], undefined, null, undefined, null, undefined, null, undefined, false]);
    expect(track).toStrictEqual({ ratingKey: '12', title: '', artist: '', viewCount: 0, durationMs: 0, genres: [], sonicAnalysis: false });
    expect('album' in track).toBe(false);
    expect(Object.keys(track)).toEqual(['ratingKey', 'title', 'artist', 'viewCount', 'durationMs', 'genres', 'sonicAnalysis']);
    expect({ ...track, album: 'X' }).toStrictEqual({ ratingKey: '12', title: '', artist: '', viewCount: 0, durationMs: 0, genres: [], sonicAnalysis: false, album: 'X' });
  });
});
