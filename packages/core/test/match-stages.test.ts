import { describe, expect, it } from '@jest/globals';
import { type LibraryTrack } from '@harmoniq/core';
import { createMatcher } from '@harmoniq/core/pipeline';

const tracks: LibraryTrack[] = [
  { ratingKey: '101', artist: 'Daft Punk', title: 'One More Time', album: 'Discovery', durationMs: 320_000 },
  { ratingKey: '102', artist: 'Daft Punk', title: 'One More Time (Live)', album: 'Alive 2007' },
  { ratingKey: '103', artist: 'Skrillex', title: 'Lick It' },
  { ratingKey: '104', artist: 'Kaskade', title: 'Lick It' },
  { ratingKey: '105', artist: 'The Beatles', title: 'Here Comes the Sun (2019 Mix)' },
  { ratingKey: '106', artist: 'Queen', title: 'Bohemian Rhapsody' },
];

describe('match stages', () => {
  const matcher = createMatcher(tracks);

  it('takes a candidate that carries a library ratingKey as it is', () => {
    expect(matcher.match({ artist: 'x', title: 'y', ids: { plexRatingKey: '106' } })).toMatchObject({
      status: 'matched',
      via: 'rating-key',
      score: 1,
      track: { ratingKey: '106' },
    });
  });

  it('matches by name when the carried ratingKey is not in the library, and says so', () => {
    const result = matcher.match({ artist: 'Queen', title: 'Bohemian Rhapsody', ids: { plexRatingKey: 'gone' } });
    expect(result).toMatchObject({ status: 'matched', via: 'exact', track: { ratingKey: '106' } });
    expect(result.notes?.[0]).toContain('gone');
  });

  it('reports an exact normalised match as exact', () => {
    expect(matcher.match({ artist: 'daft punk', title: 'ONE MORE TIME' })).toMatchObject({ status: 'matched', via: 'exact', track: { ratingKey: '101' } });
  });

  it('reports a match through a relaxed form as relaxed', () => {
    expect(matcher.match({ artist: 'Daft Punk', title: '01. One More Time' })).toMatchObject({ status: 'matched', via: 'relaxed' });
  });

  it('reports a spelling difference as fuzzy', () => {
    expect(matcher.match({ artist: 'Queen', title: 'Bohemian Rapsody' })).toMatchObject({ status: 'matched', via: 'fuzzy', track: { ratingKey: '106' } });
  });

  it('gives a score between 0 and 1 that ranks exact above fuzzy', () => {
    const exact = matcher.match({ artist: 'Queen', title: 'Bohemian Rhapsody' });
    const fuzzy = matcher.match({ artist: 'Queen', title: 'Bohemian Rapsody' });
    if (exact.status !== 'matched' || fuzzy.status !== 'matched') throw new Error('expected two matches');
    expect(exact.score).toBeGreaterThan(fuzzy.score);
    expect(exact.score).toBeLessThanOrEqual(1);
  });

  it('calls two different recordings that fit equally well ambiguous, naming the nearest', () => {
    const result = matcher.match({ artist: 'Kaskade & Skrillex', title: 'Lick It' });
    expect(result).toMatchObject({ status: 'unmatched', reason: 'ambiguous' });
    if (result.status === 'unmatched') expect(result.best?.why).toContain('as good a match');
  });

  it('finds nothing for an empty title rather than any untitled track', () => {
    const untitled = createMatcher([{ ratingKey: '1', artist: 'Queen', title: '' }]);
    expect(untitled.match({ artist: 'Queen', title: '  ' })).toMatchObject({ status: 'unmatched', reason: 'not-found' });
  });

  it('reports an empty result as not-found', () => {
    expect(createMatcher([]).match({ artist: 'Queen', title: 'Bohemian Rhapsody' })).toEqual({ status: 'unmatched', reason: 'not-found' });
  });

  it('reports a wrong version as below-threshold with the nearest miss and why', () => {
    const result = createMatcher([tracks[1]!]).match({ artist: 'Daft Punk', title: 'One More Time' });
    expect(result).toMatchObject({ status: 'unmatched', reason: 'below-threshold', best: { track: { ratingKey: '102' } } });
    if (result.status === 'unmatched') expect(result.best?.why).toContain('version');
  });

  it('gives the same answers for the same library, every time', () => {
    const again = createMatcher([...tracks]);
    for (const q of [
      { artist: 'Kaskade & Skrillex', title: 'Lick It' },
      { artist: 'Daft Punk', title: 'One More Time' },
      { artist: 'Queen', title: 'Bohemian Rapsody' },
    ]) {
      expect(again.match(q)).toEqual(matcher.match(q));
    }
  });
});

describe('match overrides', () => {
  it('forces the chosen track, matched by normalised artist and title', () => {
    const matcher = createMatcher(tracks, { overrides: [{ artist: 'kaskade and skrillex', title: 'LICK IT', ratingKey: '104' }] });
    expect(matcher.match({ artist: 'Kaskade & Skrillex', title: 'Lick It' })).toMatchObject({ status: 'matched', via: 'override', track: { ratingKey: '104' } });
  });

  it('skips a candidate the user ruled out', () => {
    const matcher = createMatcher(tracks, { overrides: [{ artist: 'Queen', title: 'Bohemian Rhapsody', skip: true }] });
    expect(matcher.match({ artist: 'Queen', title: 'Bohemian Rhapsody' })).toMatchObject({ status: 'unmatched', reason: 'skipped' });
  });

  it('ignores an override whose ratingKey is not in the library and says so', () => {
    const matcher = createMatcher(tracks, { overrides: [{ artist: 'Queen', title: 'Bohemian Rhapsody', ratingKey: '999' }] });
    const result = matcher.match({ artist: 'Queen', title: 'Bohemian Rhapsody' });
    expect(result).toMatchObject({ status: 'matched', via: 'exact', track: { ratingKey: '106' } });
    expect(result.notes?.join(' ')).toContain('999');
  });

  it('does not apply an override to another version of the title', () => {
    const matcher = createMatcher(tracks, { overrides: [{ artist: 'Daft Punk', title: 'One More Time (Live)', skip: true }] });
    expect(matcher.match({ artist: 'Daft Punk', title: 'One More Time' })).toMatchObject({ status: 'matched', track: { ratingKey: '101' } });
  });
});

describe('thresholds', () => {
  it('accepts a looser title bar when asked to', () => {
    const strict = createMatcher(tracks);
    const loose = createMatcher(tracks, { thresholds: { title: 0.6 } });
    const q = { artist: 'Queen', title: 'Bohemian Rhaps' };
    expect(strict.match(q).status).toBe('unmatched');
    expect(loose.match(q)).toMatchObject({ status: 'matched', track: { ratingKey: '106' } });
  });
});

describe('explain', () => {
  const matcher = createMatcher(tracks);

  it('lists the nearest tracks with per-component scores, best first', () => {
    const explanation = matcher.explain({ artist: 'Daft Punk', title: 'One More Time', durationMs: 321_000 });
    expect(explanation.result).toMatchObject({ status: 'matched', track: { ratingKey: '101' } });
    const [first, second] = explanation.candidates;
    expect(first).toMatchObject({ pass: true, track: { ratingKey: '101' } });
    expect(first?.components.duration.score).toBe(1);
    expect(Object.keys(first?.components ?? {})).toEqual(['artist', 'title', 'version', 'album', 'duration']);
    expect(second).toMatchObject({ pass: false, track: { ratingKey: '102' } });
    expect(second?.components.version.pass).toBe(false);
    expect(second?.reasons.join(' ')).toContain('version');
  });

  it('explains why the same title by another artist fails', () => {
    const explanation = createMatcher([tracks[5]!]).explain({ artist: 'Panic! at the Disco', title: 'Bohemian Rhapsody' });
    expect(explanation.result).toMatchObject({ status: 'unmatched', reason: 'below-threshold' });
    expect(explanation.candidates[0]?.components.artist.pass).toBe(false);
    expect(explanation.candidates[0]?.components.title.pass).toBe(true);
    expect(explanation.candidates[0]?.reasons.join(' ')).toContain('artist');
  });

  it('gives the nearest track of a miss one score: the result line\'s is the list\'s', () => {
    const explanation = createMatcher([tracks[5]!]).explain({ artist: 'Panic! at the Disco', title: 'Bohemian Rhapsody' });
    const best = explanation.result.status === 'unmatched' ? explanation.result.best : undefined;
    expect(best?.track.ratingKey).toBe('106');
    expect(best?.score).toBe(explanation.candidates[0]?.score);
    // The list compares every component (version, album, duration count 0.5 when absent), not only the artist.
    expect(explanation.candidates[0]?.components.version.score).toBeDefined();
  });

  it('returns at most the requested number of candidates', () => {
    expect(matcher.explain({ artist: 'Daft Punk', title: 'One More Time' }, 1).candidates).toHaveLength(1);
  });
});
