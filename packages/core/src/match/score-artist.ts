import type { ParsedArtist } from './parse-artist.js';
import { ratio } from './similarity.js';
import type { ComponentScore } from './types.js';

export interface ArtistContext {
  artistThreshold: number;
  /** The name is a whole credit (or a comma-listed name) of some library track. */
  isLibraryArtist(key: string): boolean;
}

export interface ArtistScore extends ComponentScore {
  score: number;
  /** How the names agree: 'same', 'primary', 'credit', 'fuzzy', 'unknown' or 'different'. */
  how: 'same' | 'primary' | 'credit' | 'fuzzy' | 'unknown' | 'different';
}

/** The highest score of an artist that fails and is not 'unknown' ('different'). */
export const DIFFERENT_ARTIST_MAX = 0.84;

/**
 * Stands in a memo of artist scores for an artist whose verdict alone was taken (artistAgreesWith: it fails as
 * 'different'); whoever needs its score computes it in its place.
 */
export const ARTIST_REFUSED: ArtistScore = Object.freeze({ score: 0, pass: false, how: 'different', detail: '' });

/**
 * Compares the query's artist credit with a library track's. Multi-artist credits agree when they share a
 * name, but a duo's name is split on "&"/"and" only when the piece stands for an artist of its own:
 * "Simon & Garfunkel" never becomes "Paul Simon", nor "Simon" when the library knows the duo.
 */
export function scoreArtist(
  q: ParsedArtist,
  l: ParsedArtist,
  qCredits: readonly string[],
  ctx: ArtistContext,
): ArtistScore {
  if (q.unknown || l.unknown) {
    const who = l.unknown ? `library artist "${l.key}" names nobody` : 'the query names no artist';
    return { score: 0.5, pass: false, how: 'unknown', detail: who };
  }
  if (q.key === l.key) return { score: 1, pass: true, how: 'same', detail: 'same artist' };
  if (q.primary === l.primary) return { score: 0.95, pass: true, how: 'primary', detail: `same main artist "${q.primary}"` };
  const shared = sharedName(q, l, qCredits, ctx);
  if (shared) return { score: 0.9, pass: true, how: 'credit', detail: `"${shared}" is credited on both` };
  const best = bestRatio(q, l);
  if (best.value >= ctx.artistThreshold) {
    return { score: 0.95 * best.value, pass: true, how: 'fuzzy', detail: `similar names "${best.a}" ≈ "${best.b}" (${best.value.toFixed(2)})` };
  }
  return {
    score: Math.min(best.value, DIFFERENT_ARTIST_MAX),
    pass: false,
    how: 'different',
    detail: `different artist (${best.value.toFixed(2)} < ${ctx.artistThreshold})`,
  };
}

/**
 * scoreArtist's verdict alone (`pass`, or 'unknown'), without its score or detail: the same tests in the same
 * order, but a name pair whose lengths alone put it under the threshold is not measured, and the first pair over
 * it ends the search. A quick match needs only the verdict of most artists it meets (a track of another artist
 * that fails is not scored unless nothing passes).
 */
export function artistAgreesWith(q: ParsedArtist, l: ParsedArtist, qCredits: readonly string[], ctx: ArtistContext): boolean {
  if (q.unknown || l.unknown || q.key === l.key || q.primary === l.primary) return true;
  if (sharedName(q, l, qCredits, ctx) !== undefined) return true;
  // bestRatio(q, l).value >= threshold: some pair it measures does.
  return someNamePairWithin(q, l, ctx.artistThreshold, true);
}

/** lengthGuarded(a, b) >= threshold; the edit ratio is at most 1 − length difference / longer length. */
function guardedAtLeast(a: string, b: string, threshold: number): boolean {
  if (a === b) return true;
  if (bound(a, b) < threshold) return false;
  return lengthGuarded(a, b) >= threshold;
}

/** A cheap test that rules out most other artists before any string is built: false means scoreArtist fails. */
export function artistCouldPass(q: ParsedArtist, l: ParsedArtist, threshold: number): boolean {
  if (q.unknown || l.unknown || q.key === l.key || q.primary === l.primary) return true;
  for (const name of q.all) if (l.all.includes(name)) return true;
  return someNamePairWithin(q, l, threshold, false);
}

/**
 * Some pair of names the artist score measures (the whole credits, the primaries, up to 6 × 6 listed names) is within
 * the threshold: measured (`exact`, what scoreArtist decides by) or by the cheap test that only rules pairs out. A pair
 * equal to the whole credits' is measured once (a one-name credit's primary and listed name are its key). Plain
 * functions, no closures: this runs for every library artist a query's lists reach.
 */
function someNamePairWithin(q: ParsedArtist, l: ParsedArtist, threshold: number, exact: boolean): boolean {
  if (within(q.key, l.key, threshold, exact)) return true;
  if (!wholeCredits(q, l, q.primary, l.primary) && within(q.primary, l.primary, threshold, exact)) return true;
  const qn = Math.min(q.listed.length, 6);
  const ln = Math.min(l.listed.length, 6);
  for (let i = 0; i < qn; i++) {
    for (let j = 0; j < ln; j++) {
      const a = q.listed[i]!;
      const b = l.listed[j]!;
      if (!wholeCredits(q, l, a, b) && within(a, b, threshold, exact)) return true;
    }
  }
  return false;
}

function within(a: string, b: string, threshold: number, exact: boolean): boolean {
  return exact ? guardedAtLeast(a, b, threshold) : near(a, b, threshold);
}

/** The pair (a, b) is the whole credits' pair (q.key, l.key). */
function wholeCredits(q: ParsedArtist, l: ParsedArtist, a: string, b: string): boolean {
  return a === q.key && b === l.key;
}

function near(a: string, b: string, threshold: number): boolean {
  return Math.min(a.length, b.length) >= 5 && bound(a, b) >= threshold && ratio(a, b) >= threshold;
}

function bound(a: string, b: string): number {
  return 1 - Math.abs(a.length - b.length) / Math.max(a.length, b.length);
}

function sharedName(q: ParsedArtist, l: ParsedArtist, qCredits: readonly string[], ctx: ArtistContext): string | undefined {
  // Arrays, not Sets, and no closures: credits name a handful of people, and this runs for every (query, library
  // artist) pair. The library lookup waits until a name is shared.
  let queryIsOneName: boolean | undefined;
  for (const name of q.all) {
    if (!l.all.includes(name)) continue;
    // The query's whole credit is a library artist ("Simon & Garfunkel"): it is a name, not a list.
    queryIsOneName ??= q.ampersandOnly.length > 0 && ctx.isLibraryArtist(q.key);
    if (queryIsOneName && q.ampersandOnly.includes(name)) continue;
    // "Childish Gambino & Ariana Grande" vs "Childish Gambino" featuring Ariana Grande: every piece is accounted for.
    if (l.ampersandOnly.includes(name) && !othersCredited(l.ampersandOnly, name, q, qCredits) && !ctx.isLibraryArtist(name)) continue;
    return name;
  }
  return undefined;
}

/** Every piece of a duo's name but `name` is a name of the query's credit or of its title's credits. */
function othersCredited(pieces: readonly string[], name: string, q: ParsedArtist, qCredits: readonly string[]): boolean {
  for (const p of pieces) if (p !== name && !q.all.includes(p) && !qCredits.includes(p)) return false;
  return true;
}

function bestRatio(q: ParsedArtist, l: ParsedArtist): { value: number; a: string; b: string } {
  // Allocation-free, and a pair equal to the whole credits' (one-name credits: key, primary and the only listed
  // name are one string) is not measured again: it could not beat itself. The first best pair wins, as before.
  let value = lengthGuarded(q.key, l.key);
  let a = q.key;
  let b = l.key;
  if (!wholeCredits(q, l, q.primary, l.primary)) {
    const r = lengthGuarded(q.primary, l.primary);
    if (r > value) {
      value = r;
      a = q.primary;
      b = l.primary;
    }
  }
  const qn = Math.min(q.listed.length, 6);
  const ln = Math.min(l.listed.length, 6);
  for (let i = 0; i < qn; i++) {
    for (let j = 0; j < ln; j++) {
      const x = q.listed[i]!;
      const y = l.listed[j]!;
      if (wholeCredits(q, l, x, y)) continue;
      const r = lengthGuarded(x, y);
      if (r > value) {
        value = r;
        a = x;
        b = y;
      }
    }
  }
  return { value, a, b };
}

/** Short names must be spelled the same: "Rac" is not "Ryan Adams", "Yes" is not "Yeh". */
function lengthGuarded(a: string, b: string): number {
  if (a === b) return 1;
  const r = ratio(a, b);
  return Math.min(a.length, b.length) < 5 ? Math.min(r, 0.8) : r;
}
