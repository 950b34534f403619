import type { ParsedArtist } from './parse-artist.js';
import type { PreparedQuery, PreparedTrack } from './prepare.js';
import { scoreCandidate, WEIGHTS, type ScoreContext, type Scored } from './score-candidate.js';
import { ARTIST_REFUSED, artistAgreesWith, artistCouldPass, DIFFERENT_ARTIST_MAX, scoreArtist, type ArtistScore } from './score-artist.js';
import { farTitleScore, titleCharBound, titleCouldPass, titleLengthBound, versionKindsAgree } from './score-title.js';

// Tracks of another artist scored for the report of a query that matches nothing; the rest cost one check.
const NEAR_MISSES = 3;

/** What one query has scored so far: tracks by library position, and (quick mode) the best failing one. */
export interface ScoredSet {
  kept: Map<number, Scored>;
  bestFail?: Scored;
}

/** Orders scored tracks: passing first, then score, album, duration, library order. Deterministic. */
export function rank(a: Scored, b: Scored): number {
  if (a.pass !== b.pass) return a.pass ? -1 : 1;
  if (a.score !== b.score) return b.score - a.score;
  const album = (b.components.album.score ?? 0) - (a.components.album.score ?? 0);
  if (album !== 0) return album;
  const duration = (b.components.duration.score ?? 0) - (a.components.duration.score ?? 0);
  if (duration !== 0) return duration;
  return a.candidate.index - b.candidate.index;
}

/** What a set holds (its kept tracks, and its best failing one if not kept), in rank order. */
export function ranked(set: ScoredSet): Scored[] {
  const list: Scored[] = [];
  for (const s of set.kept.values()) list.push(s);
  const fail = set.bestFail;
  if (fail && !set.kept.has(fail.candidate.index)) list.push(fail);
  return list.sort(rank);
}

/** The first under `rank` of what the set holds that `wanted` accepts: ranked(set).find(wanted), without the sort. */
export function firstOf(set: ScoredSet, wanted: (s: Scored) => boolean): Scored | undefined {
  let first: Scored | undefined;
  for (const s of set.kept.values()) if (wanted(s) && (!first || rank(s, first) < 0)) first = s;
  const fail = set.bestFail;
  if (fail && !set.kept.has(fail.candidate.index) && wanted(fail) && (!first || rank(fail, first) < 0)) first = fail;
  return first;
}

/**
 * One query form's verdicts by library artist (tracks share parsed artists): the cheap gate and the full score.
 * Both are pure functions of the form and the artist, so one memo serves every list the form is scored against.
 */
export interface ArtistMemo {
  /** Made on first use: most matches find their track in the credited list, which needs no gate. */
  gate: Map<ParsedArtist, boolean> | undefined;
  /** Full scores, or ARTIST_REFUSED for an artist whose verdict alone was taken (it fails). */
  scores: Map<ParsedArtist, ArtistScore>;
}

export function artistMemo(): ArtistMemo {
  return { gate: undefined, scores: new Map() };
}

function artistMayPass(q: PreparedQuery, c: PreparedTrack, memo: ArtistMemo, threshold: number): boolean {
  const gate = (memo.gate ??= new Map());
  let could = gate.get(c.artist);
  if (could === undefined) gate.set(c.artist, (could = artistCouldPass(q.artist, c.artist, threshold)));
  return could;
}

/**
 * Whether the artist's score passes (or is "unknown", which scoreCandidate decides with the title): a failed one
 * stops the track there. An artist that fails is memoised by its verdict alone (ARTIST_REFUSED: its score is made
 * only if nothing passes and a track of it is scored as the near miss); one that agrees by its score, which
 * scoring its tracks needs.
 */
function artistAgrees(q: PreparedQuery, c: PreparedTrack, memo: ArtistMemo, ctx: ScoreContext): boolean {
  let a = memo.scores.get(c.artist);
  if (a === undefined) {
    const agrees = artistAgreesWith(q.artist, c.artist, q.title.credits, ctx);
    a = agrees ? scoreArtist(q.artist, c.artist, q.title.credits, ctx) : ARTIST_REFUSED;
    memo.scores.set(c.artist, a);
  }
  return a.pass || a.how === 'unknown';
}

function restMayPass(q: PreparedQuery, c: PreparedTrack, memo: ArtistMemo, ctx: ScoreContext): boolean {
  const threshold = ctx.thresholds.title;
  if (!titleCouldPass(q.title, c.title, threshold) || !versionKindsAgree(q.title, c.title) || !artistAgrees(q, c, memo, ctx)) return false;
  return q.title.core === c.title.core || titleCharBound(q.title, c.title, ctx.chars) >= threshold;
}

function keepBestFail(into: ScoredSet, s: Scored): void {
  if (!into.bestFail || rank(s, into.bestFail) < 0) into.bestFail = s;
}

/**
 * Scores one list of library tracks (distinct, in library order) against one query form; true when one passed.
 * Exhaustive (explain): every track. Quick (match): a quick match needs the passing tracks, and the best failing
 * one only when nothing passes (it is the near miss a miss reports). So tracks that checks prove cannot pass (the
 * artist gate, a title too far in length, another version kind, then the artist's memoised score) are set aside for a
 * second pass that runs only when nothing passed, here or in an earlier list, and scores exactly what one pass in
 * library order used to: every track of a plausible artist, and the first NEAR_MISSES of other artists. The best
 * failing track is a minimum under `rank`, a total order on distinct tracks: the order of scoring cannot change it.
 */
export function scoreAll(
  q: PreparedQuery,
  candidates: readonly PreparedTrack[],
  into: ScoredSet,
  quick: boolean,
  ctx: ScoreContext,
  memo: ArtistMemo = artistMemo(),
  /** Every track is credited to a name of the query's credit (index.credited): the artist gate passes for all. */
  sharesName = false,
): boolean {
  // artistCouldPass is a necessary condition of a passing artist only above 0.8: a name shorter than 5 letters
  // scores at most 0.8, and the gate rules such names out. A lower artist threshold keeps the single pass.
  if (!quick || ctx.thresholds.artist <= 0.8) return singlePass(q, candidates, into, quick, ctx, memo, sharesName);
  const threshold = ctx.thresholds.artist;
  let passed = false;
  let failed: Scored[] | undefined;
  // What the second pass scores, set aside in library order as the first pass meets it: the checks are not run
  // twice. (The second pass runs only when nothing was ever kept, so the first skipped no track as kept.)
  let later: PreparedTrack[] | undefined;
  let otherArtists = 0;
  for (const c of candidates) {
    // A quick set keeps passing tracks only.
    if (into.kept.has(c.index)) continue;
    if (!sharesName && !artistMayPass(q, c, memo, threshold)) {
      if (otherArtists++ < NEAR_MISSES) (later ??= []).push(c);
      continue;
    }
    if (!restMayPass(q, c, memo, ctx)) {
      (later ??= []).push(c);
      continue;
    }
    const s = scoreCandidate(q, c, ctx, true, memo.scores);
    if (s.pass) {
      into.kept.set(c.index, s);
      passed = true;
    } else {
      (failed ??= []).push(s);
    }
  }
  if (into.kept.size > 0) return passed;
  for (const s of failed ?? []) keepBestFail(into, s);
  for (const c of later ?? []) {
    // The best failing score only grows: a track whose bound is below it can never be the near miss.
    if (into.bestFail && failingScoreBound(q, c, memo, ctx) < into.bestFail.score) continue;
    keepBestFail(into, scoreCandidate(q, c, ctx, true, memo.scores));
  }
  return false;
}

/**
 * The one pass in library order that the two passes reproduce: used for explain() and the thresholds the two
 * passes do not cover, and by tests as the reference.
 */
export function singlePass(
  q: PreparedQuery,
  candidates: readonly PreparedTrack[],
  into: ScoredSet,
  quick: boolean,
  ctx: ScoreContext,
  memo: ArtistMemo = artistMemo(),
  sharesName = false,
): boolean {
  let passed = false;
  let otherArtists = 0;
  for (const c of candidates) {
    const seen = into.kept.get(c.index);
    if (seen?.pass) continue;
    if (quick && !sharesName && !artistMayPass(q, c, memo, ctx.thresholds.artist) && otherArtists++ >= NEAR_MISSES) continue;
    const s = scoreCandidate(q, c, ctx, quick, memo.scores);
    if (quick && !s.pass) keepBestFail(into, s);
    else if (!seen || s.pass || s.score > seen.score) into.kept.set(c.index, s);
    passed ||= s.pass;
  }
  return passed;
}

/**
 * An upper bound of a quick score for tracks that cannot pass. An artist known to fail stops scoreCandidate at the
 * artist. A song name that cannot pass stops it at the title, scoring at most a perfect artist and the title's score. That is fixed when the
 * lengths differ too much (farTitleScore), else at most the edit similarity, which the characters bound
 * (titleCharBound). Rounded up as scores are rounded; 1 (no bound) for any other track.
 */
function failingScoreBound(q: PreparedQuery, c: PreparedTrack, memo: ArtistMemo, ctx: ScoreContext): number {
  const threshold = ctx.thresholds.title;
  const sameCore = q.title.core === c.title.core;
  // An artist the gate refused or that failed ('different', whether scored or only judged): the score stops there.
  const artist = memo.scores.get(c.artist);
  if (memo.gate?.get(c.artist) === false || (artist !== undefined && !artist.pass && artist.how !== 'unknown')) {
    return Math.ceil((WEIGHTS.artist * DIFFERENT_ARTIST_MAX + (sameCore ? WEIGHTS.title : 0)) * 10000) / 10000 + 1e-9;
  }
  if (sameCore) return 1;
  const lengths = titleLengthBound(q.title, c.title);
  const title = lengths < threshold ? farTitleScore(lengths) : titleCharBound(q.title, c.title, ctx.chars);
  if (title >= threshold) return 1;
  return Math.ceil((WEIGHTS.artist + WEIGHTS.title * title) * 10000) / 10000 + 1e-9;
}
