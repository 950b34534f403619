import { describe, expect, it } from '@jest/globals';
import { generateLibrary } from '@harmoniq/testkit';
import { parseArtist } from '../src/match/parse-artist.js';
import { parseTitle } from '../src/match/parse-title.js';
import { artistAgreesWith, DIFFERENT_ARTIST_MAX, scoreArtist, type ArtistContext } from '../src/match/score-artist.js';
import { scoreTitle, titleCharBound, titleLengthBound } from '../src/match/score-title.js';
import { buildMatcherIndex } from '../src/match/matcher-index.js';
import { reasonsOf, scoreCandidate, scoreContext, withDetails } from '../src/match/score-candidate.js';
import { DEFAULT_THRESHOLDS } from '../src/match/create-matcher.js';
import type { LibraryTrack } from '../src/library/types.js';

// The quick match's shortcuts must never refuse what the full scores accept: each is checked against them here.
const fixtures = generateLibrary({ tracks: 1500, seed: 11 });
const manyArtists = generateLibrary({ tracks: 8000, seed: 12 });

const ARTISTS = [
  ...new Set([
    ...manyArtists.map((t) => t.trackArtist ?? t.artist),
    'Simon & Garfunkel',
    'Paul Simon',
    'Simon and Garfunkel',
    'Garfunkel',
    'Childish Gambino & Ariana Grande',
    'Childish Gambino feat. Ariana Grande',
    'Ariana Grande',
    'Calvin Harris feat. HAIM',
    'Calvin Harris',
    'Calvn Harris',
    'Beyonce',
    'Beyoncé',
    'Rac',
    'Ryan Adams',
    'Yes',
    'Yeh',
    'Various Artists',
    '',
    'AC/DC',
    'Hall & Oates',
    'Daryl Hall & John Oates',
    'Metro Boomin, Don Toliver & Wizkid feat. Beam',
    'The Weeknd',
    'Weeknd, The',
  ]),
].slice(0, 260);

const TITLES = [
  ...new Set([
    ...fixtures.slice(0, 220).map((t) => t.title),
    'Love Lies Bleeding / Funeral',
    'Funeral / Love Lies Bleeding',
    'Bohemian Rhapsody',
    'Bohemian Rhapsdy',
    'Bohemian Rhapsody (Live)',
    'Bohemian Rhapsody - Remastered 2011',
    'Paint It Black (Mono Version)',
    'Paint It, Black',
    'Song 2',
    'Song 3',
    'Horizon, Pt. 1',
    'Horizon, Pt. 2',
    'Hello (Just Rolls Around Heaven All Day)',
    'Hello (Rolls Around Heaven)',
    'Don’t Stop Me Now',
    'Dont Stop Me Now',
    'Été indien',
    'Ete Indien',
    '夜に駆ける',
    '夜に駆けて',
    'Stay © Away',
    'Stay ® Away',
    'Tonight (feat. Someone)',
    'A',
    'AB',
  ]),
];

describe("the quick match's shortcuts", () => {
  it("artistAgreesWith is scoreArtist's verdict (a pass, or 'unknown') for every pair", () => {
    const parsed = ARTISTS.map(parseArtist);
    const credits = [[], ['ariana grande'], ['garfunkel']];
    const wrong: string[] = [];
    let pairs = 0;
    let refused = 0;
    for (const threshold of [0.85, 0.9]) {
      const library = new Set(parsed.flatMap((a) => a.listed));
      const ctx: ArtistContext = { artistThreshold: threshold, isLibraryArtist: (key) => library.has(key) };
      for (const q of parsed) {
        for (const l of parsed) {
          const qCredits = credits[pairs % credits.length]!;
          const full = scoreArtist(q, l, qCredits, ctx);
          const agrees = artistAgreesWith(q, l, qCredits, ctx);
          if (agrees !== (full.pass || full.how === 'unknown')) wrong.push(`${q.key} / ${l.key} at ${threshold}`);
          // A refused artist scores at most DIFFERENT_ARTIST_MAX (the near-miss bound relies on it).
          if (!agrees && full.score > DIFFERENT_ARTIST_MAX) wrong.push(`${q.key} / ${l.key} scores ${full.score}`);
          if (!agrees) refused++;
          pairs++;
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(pairs).toBe(2 * ARTISTS.length * ARTISTS.length);
    expect(ARTISTS.length).toBe(260);
    expect(refused).toBeGreaterThan(pairs / 2);
  });

  it('titleCharBound is never below the similarity scoreTitle measures between different song names of near lengths', () => {
    const parsed = TITLES.map(parseTitle);
    const counts = new Int32Array(128);
    const wrong: string[] = [];
    let pairs = 0;
    let ruledOut = 0;
    for (const q of parsed) {
      for (const l of parsed) {
        if (q.core === l.core) continue;
        const bound = titleCharBound(q, l, counts);
        for (const threshold of [0.5, 0.85]) {
          // Lengths too far apart score a fixed share of their bound (farTitleScore): nothing is measured then.
          if (titleLengthBound(q, l) < threshold) continue;
          const title = scoreTitle(q, l, threshold);
          if (title.score > bound || (bound < threshold && title.pass)) wrong.push(`"${q.core}" / "${l.core}": ${title.score} > ${bound}`);
        }
        if (bound < 0.85) ruledOut++;
        pairs++;
      }
    }
    expect(wrong).toEqual([]);
    // The scratch is left as it was found: zero.
    expect(counts.every((c) => c === 0)).toBe(true);
    expect(pairs).toBeGreaterThan(40_000);
    expect(ruledOut).toBeGreaterThan(pairs / 2);
  });

  it('titleCharBound rules out names of equal length with other letters, and keeps reordered words', () => {
    const counts = new Int32Array(128);
    expect(titleCharBound(parseTitle('Silent Rivers'), parseTitle('Golden Motels'), counts)).toBeLessThan(0.85);
    expect(titleCharBound(parseTitle('Love Lies Bleeding / Funeral'), parseTitle('Funeral / Love Lies Bleeding'), counts)).toBe(1);
    expect(titleCharBound(parseTitle('Stay © Away'), parseTitle('Stay Home'), counts)).toBe(1);
  });

  it('a quick comparison without details scores as the detailed one, and withDetails writes them', () => {
    const library: LibraryTrack[] = fixtures.map((t, i) => ({
      ratingKey: String(i + 1),
      title: t.title,
      artist: t.trackArtist ?? t.artist,
      album: t.album,
      ...(t.durationMs !== undefined ? { durationMs: t.durationMs + (i % 7) * 9_000 } : {}),
    }));
    const index = buildMatcherIndex(library);
    const ctx = scoreContext(DEFAULT_THRESHOLDS, index);
    const wrong: string[] = [];
    const stopped = new Set<string>();
    let compared = 0;
    for (const [i, t] of fixtures.slice(0, 300).entries()) {
      const variants = [
        { artist: t.trackArtist ?? t.artist, title: t.title, album: t.album, durationMs: t.durationMs },
        { artist: t.artist, title: `${t.title} (Live)`, album: 'Live at Wembley' },
        { artist: 'Various Artists', title: `${t.title} (feat. Nina Costa)`, durationMs: 1_000 },
        { artist: fixtures[(i * 7) % fixtures.length]!.artist, title: t.title.slice(1), album: `${t.album} (Deluxe)` },
      ];
      for (const v of variants) {
        const q = index.preparer.query(v);
        for (const l of index.plausible(q, 60)) {
          const quick = scoreCandidate(q, l, ctx, true);
          const detailed = withDetails(quick, ctx);
          const same = quick.score === detailed.score && quick.pass === detailed.pass && quick.via === detailed.via && quick.stoppedAt === detailed.stoppedAt;
          if (quick.detailed || !detailed.detailed || !same) wrong.push(`${q.artist.key} – ${q.title.core} / ${l.index}`);
          const reasons = reasonsOf(detailed);
          if (!detailed.pass && reasons.some((r) => r.endsWith(': '))) wrong.push(`empty reason for ${l.index}: ${reasons.join('; ')}`);
          if (quick.stoppedAt) stopped.add(quick.stoppedAt);
          compared++;
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(compared).toBeGreaterThan(5_000);
    expect([...stopped].sort()).toEqual(['artist', 'title']);
  });
});
