import { describe, expect, it } from '@jest/globals';
import type { LibraryTrack } from '@harmoniq/core';
import { expandGenres, genreFinder } from '../src/genre-match.js';
import { bestFirst, type Ranked } from '../src/select-tracks.js';

const track = (ratingKey: string, extra: Partial<LibraryTrack> = {}): LibraryTrack => ({ ratingKey, title: `T${ratingKey}`, artist: 'A', ...extra });

describe('bestFirst (the selection order without sorting every eligible track)', () => {
  // Ranks from a small set, so many tie and the ratingKey decides; keys not in rank order.
  const entries: Ranked[] = Array.from({ length: 200 }, (_, i) => ({
    track: track(String((i * 7919) % 1000)),
    genre: 'Jazz',
    level: 'track' as const,
    rank: ((i * 37) % 11) / 10,
  }));
  const fullOrder = [...entries].sort((a, b) => b.rank - a.rank || (a.track.ratingKey < b.track.ratingKey ? -1 : 1));

  it.each([0, 1, 3, 10, 57, 199, 200, 500])('gives the whole order of a full sort, the head put in order for %i', (likely) => {
    expect([...bestFirst(entries, likely)]).toEqual(fullOrder);
  });

  it('gives the start of the whole order to a caller that stops early, past the head or not', () => {
    for (const take of [1, 5, 40, 150]) {
      const got: Ranked[] = [];
      for (const e of bestFirst(entries, 10)) {
        got.push(e);
        if (got.length === take) break;
      }
      expect(got).toEqual(fullOrder.slice(0, take));
    }
  });

  it('leaves its input as it was', () => {
    const before = [...entries];
    [...bestFirst(entries, 5)];
    expect(entries).toEqual(before);
  });
});

describe('genreFinder', () => {
  const find = genreFinder(expandGenres(['Hip-Hop', 'Jazz'], {}));

  it("takes the track's own genre first, then its album's, then its artist's, names folded", () => {
    expect(find(track('1', { genres: ['Rock', 'hip hop'], albumGenres: ['Jazz'] }))).toEqual({ genre: 'hip hop', level: 'track' });
    expect(find(track('2', { genres: ['Rock'], albumGenres: ['JAZZ'], artistGenres: ['Hip-Hop'] }))).toEqual({ genre: 'JAZZ', level: 'album' });
    expect(find(track('3', { artistGenres: ['Blues', 'Hiphop'] }))).toEqual({ genre: 'Hiphop', level: 'artist' });
    expect(find(track('4', { genres: ['Rock'], albumGenres: [], artistGenres: ['Blues'] }))).toBeUndefined();
  });

  it('answers a shared list the same at every level it appears in, and unshared copies the same as shared ones', () => {
    const shared = ['Soul', 'Jazz'];
    expect(find(track('5', { genres: shared }))).toEqual({ genre: 'Jazz', level: 'track' });
    expect(find(track('6', { albumGenres: shared }))).toEqual({ genre: 'Jazz', level: 'album' });
    expect(find(track('7', { artistGenres: shared }))).toEqual({ genre: 'Jazz', level: 'artist' });
    for (let i = 0; i < 50; i++) expect(find(track(`c${i}`, { albumGenres: ['Soul', 'Jazz'] }))).toEqual({ genre: 'Jazz', level: 'album' });
  });
});
