import { describe, expect, it } from '@jest/globals';
import { type LibraryTrack } from '@harmoniq/core';
import { createMatcher, type MatchCandidate } from '@harmoniq/core/pipeline';

// Durations break ties and veto only where the names alone are weak evidence (issue 16): services report
// lengths of other releases, 0, or nothing at all.

type Lib = Omit<LibraryTrack, 'ratingKey'> & { ratingKey?: string };
interface Case {
  name: string;
  lib: Lib[];
  q: MatchCandidate;
  /** ratingKey expected, or undefined for a miss. */
  want: string | undefined;
}

function matchIn(tracks: Lib[], candidate: MatchCandidate): string | undefined {
  const library = tracks.map((t, i) => ({ ratingKey: t.ratingKey ?? `k${i + 1}`, ...t }));
  const result = createMatcher(library).match(candidate);
  return result.status === 'matched' ? result.track.ratingKey : undefined;
}

const min = (m: number, s = 0): number => (m * 60 + s) * 1000;

const cases: Case[] = [
  // Radio edit vs album version: the service's length is of the other release.
  { name: 'radio-edit length, album version in the library', lib: [{ artist: 'Birdwave', title: 'Restless Tiger, Sweet Engine', durationMs: min(6, 12) }], q: { artist: 'Birdwave', title: 'Restless Tiger, Sweet Engine', durationMs: min(3, 28) }, want: 'k1' },
  { name: 'album-version length, radio edit (untitled) in the library', lib: [{ artist: 'Birdwave', title: 'Restless Tiger, Sweet Engine', durationMs: min(3, 28) }], q: { artist: 'Birdwave', title: 'Restless Tiger, Sweet Engine', durationMs: min(6, 12) }, want: 'k1' },
  { name: 'radio edit named in the library title is another version', lib: [{ artist: 'A', title: 'Song (Radio Edit)', durationMs: min(3, 28) }], q: { artist: 'A', title: 'Song', durationMs: min(3, 28) }, want: undefined },
  { name: 'the album version over the named radio edit', lib: [{ artist: 'A', title: 'Song (Radio Edit)', durationMs: min(3, 28) }, { artist: 'A', title: 'Song', durationMs: min(6, 12) }], q: { artist: 'A', title: 'Song', durationMs: min(3, 28) }, want: 'k2' },
  // Remaster with a long fade.
  { name: 'remaster with a long fade', lib: [{ artist: 'The Cure', title: 'A Forest (2005 Remaster)', durationMs: min(6, 55) }], q: { artist: 'Cure', title: 'A Forest', durationMs: min(4, 50) }, want: 'k1' },
  { name: 'the closer of two copies', lib: [{ artist: 'A', title: 'Song', album: 'Best Of', durationMs: min(7) }, { artist: 'A', title: 'Song', album: 'First', durationMs: min(4, 1) }], q: { artist: 'A', title: 'Song', durationMs: min(4) }, want: 'k2' },
  // 0 and missing lengths are no evidence.
  { name: 'a length of 0 from the service', lib: [{ artist: 'A', title: 'Song', durationMs: min(4) }], q: { artist: 'A', title: 'Song', durationMs: 0 }, want: 'k1' },
  { name: 'a length of 0 in the library', lib: [{ artist: 'A', title: 'Song', durationMs: 0 }], q: { artist: 'A', title: 'Song', durationMs: min(4) }, want: 'k1' },
  { name: 'no length on either side', lib: [{ artist: 'A', title: 'Song' }], q: { artist: 'A', title: 'Song' }, want: 'k1' },
  // Weak names: the length still vetoes.
  { name: 'misspelt title and lengths far apart', lib: [{ artist: 'Queen', title: 'Bohemian Rhapsody', durationMs: min(5, 54) }], q: { artist: 'Queen', title: 'Bohemian Rapsody', durationMs: min(2, 30) }, want: undefined },
  { name: 'misspelt title and lengths close', lib: [{ artist: 'Queen', title: 'Bohemian Rhapsody', durationMs: min(5, 54) }], q: { artist: 'Queen', title: 'Bohemian Rapsody', durationMs: min(5, 55) }, want: 'k1' },
  { name: 'misspelt artist and lengths far apart', lib: [{ artist: 'Fleetwood Mac', title: 'Dreams', durationMs: min(4, 17) }], q: { artist: 'Fleetwod Mac', title: 'Dreams', durationMs: min(9, 40) }, want: undefined },
  { name: 'a less specific remix name and lengths far apart', lib: [{ artist: 'A', title: 'Song (Robin Schulz Remix)', durationMs: min(3) }], q: { artist: 'A', title: 'Song (Remix)', durationMs: min(8) }, want: undefined },
  { name: 'a less specific remix name and lengths close', lib: [{ artist: 'A', title: 'Song (Robin Schulz Remix)', durationMs: min(3) }], q: { artist: 'A', title: 'Song (Remix)', durationMs: min(3, 2) }, want: 'k1' },
  // Live vs studio: the version decides, with or without lengths.
  { name: 'live query, studio library, no lengths', lib: [{ artist: 'Ed Sheeran', title: 'The A Team' }], q: { artist: 'Ed Sheeran', title: 'The A Team (Live)' }, want: undefined },
  { name: 'live query, studio library, equal lengths', lib: [{ artist: 'Ed Sheeran', title: 'The A Team', durationMs: min(4, 18) }], q: { artist: 'Ed Sheeran', title: 'The A Team (Live)', durationMs: min(4, 18) }, want: undefined },
  { name: 'studio query, live library, equal lengths', lib: [{ artist: 'Ed Sheeran', title: 'The A Team (Live)', durationMs: min(4, 18) }], q: { artist: 'Ed Sheeran', title: 'The A Team', durationMs: min(4, 18) }, want: undefined },
  { name: 'live query, live and studio in the library, lengths far apart', lib: [{ artist: 'A', title: 'Song', durationMs: min(4) }, { artist: 'A', title: 'Song (Live)', durationMs: min(7) }], q: { artist: 'A', title: 'Song - Live', durationMs: min(4) }, want: 'k2' },
  { name: 'live by album, lengths close', lib: [{ artist: 'Queen', title: 'Bohemian Rhapsody', album: 'Live Killers', durationMs: min(5, 41) }], q: { artist: 'Queen', title: 'Bohemian Rhapsody - Live', durationMs: min(5, 40) }, want: 'k1' },
  { name: 'live by album, lengths far apart (a weak reading: the length vetoes)', lib: [{ artist: 'Queen', title: 'Bohemian Rhapsody', album: 'Live Killers', durationMs: min(9, 41) }], q: { artist: 'Queen', title: 'Bohemian Rhapsody - Live', durationMs: min(5, 40) }, want: undefined },
  // "Nakamarra (feat. Q-Tip)" is a separate recording from "Nakamarra": a feature only the query names needs
  // the album or a length within 3 s; another length does not confirm it.
  { name: 'feature on the query only, no length', lib: [{ artist: 'Hiatus Kaiyote', title: 'Nakamarra', durationMs: min(4, 17) }], q: { artist: 'Hiatus Kaiyote', title: 'Nakamarra (feat. Q-Tip)' }, want: undefined },
  { name: 'feature on the query only, another length', lib: [{ artist: 'Hiatus Kaiyote', title: 'Nakamarra', durationMs: min(4, 17) }], q: { artist: 'Hiatus Kaiyote', title: 'Nakamarra (feat. Q-Tip)', durationMs: min(4, 58) }, want: undefined },
  { name: 'feature on the query only, the same length', lib: [{ artist: 'Hiatus Kaiyote', title: 'Nakamarra', durationMs: min(4, 17) }], q: { artist: 'Hiatus Kaiyote', title: 'Nakamarra (feat. Q-Tip)', durationMs: min(4, 18) }, want: 'k1' },
  { name: 'feature on the query only, the same album', lib: [{ artist: 'Hiatus Kaiyote', title: 'Nakamarra', album: 'Tawk Tomahawk' }], q: { artist: 'Hiatus Kaiyote', title: 'Nakamarra (feat. Q-Tip)', album: 'Tawk Tomahawk [Explicit]' }, want: 'k1' },
  { name: 'feature on the query only, the deluxe edition of the album', lib: [{ artist: 'Hiatus Kaiyote', title: 'Nakamarra', album: 'Tawk Tomahawk' }], q: { artist: 'Hiatus Kaiyote', title: 'Nakamarra (feat. Q-Tip)', album: 'Tawk Tomahawk (Deluxe Edition)' }, want: undefined },
  { name: 'feature on the query only, both deluxe', lib: [{ artist: 'Hiatus Kaiyote', title: 'Nakamarra', album: 'Tawk Tomahawk (Deluxe Version)' }], q: { artist: 'Hiatus Kaiyote', title: 'Nakamarra (feat. Q-Tip)', album: 'Tawk Tomahawk (Deluxe Edition)' }, want: 'k1' },
  { name: 'feature on the library only, another length', lib: [{ artist: 'Hiatus Kaiyote', title: 'Nakamarra (feat. Q-Tip)', durationMs: min(4, 58) }], q: { artist: 'Hiatus Kaiyote', title: 'Nakamarra', durationMs: min(4, 17) }, want: 'k1' },
];

describe('matching: durations break ties and veto only weak names', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(matchIn(c.lib, c.q)).toBe(c.want);
  });

  it('explains an overruled length as a tie-breaker', () => {
    const matcher = createMatcher([{ ratingKey: 'k1', artist: 'Birdwave', title: 'Song', durationMs: min(6) }]);
    const explanation = matcher.explain({ artist: 'Birdwave', title: 'Song', durationMs: min(3) });
    expect(explanation.result.status).toBe('matched');
    expect(explanation.candidates[0]?.components.duration).toMatchObject({ score: 0, pass: true });
    expect(explanation.candidates[0]?.components.duration.detail).toMatch(/tie-breaker/);
  });
});

const albums: [string, Lib[], MatchCandidate, string | undefined][] = [
  ['a live query finds the plain title on a live album', [{ artist: 'Queen', title: 'Bohemian Rhapsody', album: 'Live Killers' }], { artist: 'Queen', title: 'Bohemian Rhapsody - Live' }, 'k1'],
  ['a studio query skips the plain title on a live album', [{ artist: 'Queen', title: 'Bohemian Rhapsody', album: 'Live Killers' }], { artist: 'Queen', title: 'Bohemian Rhapsody' }, undefined],
  ['a studio query prefers the studio album copy', [{ artist: 'Queen', title: 'Bohemian Rhapsody', album: 'Live Killers' }, { artist: 'Queen', title: 'Bohemian Rhapsody', album: 'A Night at the Opera' }], { artist: 'Queen', title: 'Bohemian Rhapsody' }, 'k2'],
  ['a live query prefers the live album copy', [{ artist: 'Queen', title: 'Bohemian Rhapsody', album: 'A Night at the Opera' }, { artist: 'Queen', title: 'Bohemian Rhapsody', album: 'Live Killers' }], { artist: 'Queen', title: 'Bohemian Rhapsody (Live)' }, 'k2'],
  ['"Live at" names the show', [{ artist: 'The Who', title: 'My Generation', album: 'Live at Leeds' }], { artist: 'The Who', title: 'My Generation (Live at Leeds)' }, 'k1'],
  ['another show is another recording', [{ artist: 'The Who', title: 'My Generation', album: 'Live at Leeds' }], { artist: 'The Who', title: 'My Generation (Live at Hull)' }, undefined],
  ['a live marker in the album brackets', [{ artist: 'A', title: 'Song', album: 'Greatest Hits (Live)' }], { artist: 'A', title: 'Song - Live' }, 'k1'],
  ['"Unplugged" albums', [{ artist: 'Nirvana', title: 'About a Girl', album: 'MTV Unplugged in New York' }], { artist: 'Nirvana', title: 'About a Girl (Live)' }, 'k1'],
  ['a live album named by the query', [{ artist: 'A', title: 'Song (Live)' }], { artist: 'A', title: 'Song', album: 'Live in Paris' }, 'k1'],
  ['"Live Through This" is a studio album', [{ artist: 'Hole', title: 'Doll Parts', album: 'Live Through This' }], { artist: 'Hole', title: 'Doll Parts' }, 'k1'],
  ['"Live Through This" is not a live release', [{ artist: 'Hole', title: 'Doll Parts', album: 'Live Through This' }], { artist: 'Hole', title: 'Doll Parts (Live)' }, undefined],
  ['"Live to Win" is a studio album', [{ artist: 'Paul Stanley', title: 'Live to Win', album: 'Live to Win' }], { artist: 'Paul Stanley', title: 'Live to Win' }, 'k1'],
  ['"Long Live" is a studio album', [{ artist: 'Atreyu', title: 'Long Live', album: 'Long Live' }], { artist: 'Atreyu', title: 'Long Live' }, 'k1'],
  ['"Live in Fear" is not a concert', [{ artist: 'A', title: 'Song', album: 'Live in Fear' }], { artist: 'A', title: 'Song' }, 'k1'],
  ['a live title on a studio-named album keeps its own version', [{ artist: 'A', title: 'Song (Acoustic)', album: 'Live at Home' }], { artist: 'A', title: 'Song (Acoustic)' }, 'k1'],
];

describe('matching: a clear live album makes its plain titles live', () => {
  it.each(albums)('%s', (_name, lib, q, want) => {
    expect(matchIn(lib, q)).toBe(want);
  });
});
