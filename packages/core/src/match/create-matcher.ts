import type { LibraryTrack } from '../library/types.js';
import type { MatchOverride } from '../config/types.js';
import { artistKey } from './parse-artist.js';
import { parseTitle } from './parse-title.js';
import { buildMatcherIndex, type MatcherIndex } from './matcher-index.js';
import { alternativeForms, recordingKeyOf, titleKeyOf, type MatchKeys, type PreparedQuery, type PreparedTrack } from './prepare.js';
import { reasonsOf, scoreContext, withDetails, type ScoreContext, type Scored } from './score-candidate.js';
import { artistMemo, firstOf, ranked, scoreAll, type ArtistMemo, type ScoredSet } from './score-all.js';
import type { Explanation, MatchCandidate, Matcher, MatcherOptions, MatchResult, MatchThresholds } from './types.js';

export const DEFAULT_THRESHOLDS: MatchThresholds = {
  artist: 0.85,
  title: 0.85,
  ambiguityMargin: 0.03,
  durationToleranceMs: 20_000,
  durationConfirmMs: 3_000,
  durationVetoMs: 60_000,
  durationVetoRatio: 0.25,
};

// Bounds on how many tracks one candidate may be compared with, so a query for "Intro" stays fast.
const CORE_CAP = 400;
const FUZZY_CAP = 1500;

interface Decision {
  result: MatchResult;
  /** The scored tracks in rank order: only an exhaustive run (explain) lists them. */
  scored: readonly Scored[];
}

const NOTHING_LISTED: readonly Scored[] = Object.freeze([]);
const anyScored = (): boolean => true;

function overrideKey(artist: string, title: string): string {
  return `${artistKey(artist)}\u0000${titleKeyOf(parseTitle(title))}`;
}

function queryOverrideKey(q: PreparedQuery): string {
  return `${q.artist.key}\u0000${titleKeyOf(q.title)}`;
}

function trackRecordingKey(p: PreparedTrack): string {
  return (p.recordingKey ??= recordingKeyOf(p));
}

function withNotesOf(d: Decision, notes: string[] | undefined): Decision {
  return notes ? { ...d, result: { ...d.result, notes } } : d;
}

function nearMiss(s: Scored, ctx: ScoreContext, why?: string): { track: LibraryTrack; score: number; why: string } {
  return { track: s.candidate.track, score: s.score, why: why ?? (reasonsOf(withDetails(s, ctx)).join('; ') || 'below threshold') };
}

/**
 * Builds a matcher over the library. Order of stages: rating key → override → exact normalised
 * (artist, title) → relaxed forms → fuzzy. A wrong match is worse than a miss: every component must pass,
 * and two different recordings scoring alike make the result ambiguous rather than a guess.
 */
export function createMatcher(tracks: readonly LibraryTrack[], options: MatcherOptions = {}): Matcher {
  return prepareMatcher(tracks, options).matcher;
}

/**
 * createMatcher that starts from the parses of an earlier run (`keys`, filled in place with this run's) and says
 * how many library strings it had to parse: none means the stored keys need no rewriting.
 */
export function prepareMatcher(
  tracks: readonly LibraryTrack[],
  options: MatcherOptions & { keys?: MatchKeys } = {},
): { matcher: Matcher; libraryParses: number } {
  const thresholds: MatchThresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const index: MatcherIndex = buildMatcherIndex(tracks, options.keys);
  const ctx = scoreContext(thresholds, index);
  const overrides = new Map<string, MatchOverride>();
  for (const o of options.overrides ?? []) {
    const key = overrideKey(o.artist, o.title);
    if (!overrides.has(key)) overrides.set(key, o);
  }

  /** Exact and relaxed: tracks whose title core equals the query's, credited to a name of the query first. */
  const lookup = (q: PreparedQuery, into: ScoredSet, quick: boolean, memo: ArtistMemo): void => {
    // A credited track shares a name with the query: artistCouldPass is true for it, so the gate is not run.
    const passed = scoreAll(q, index.credited(q.title.core, q.artist.all), into, quick, ctx, memo, true);
    if (!passed || !quick) scoreAll(q, index.byCore(q.title.core, CORE_CAP), into, quick, ctx, memo);
  };

  const decide = (scored: ScoredSet, exhaustive: boolean): Decision => {
    // A match needs the best track and its nearest rival, not the whole ranking: rank is a total order on distinct
    // tracks, so the first of a set under it is what a sorted list would start with.
    const list = exhaustive ? ranked(scored) : NOTHING_LISTED;
    const best = exhaustive ? list[0] : firstOf(scored, anyScored);
    if (!best) return { result: { status: 'unmatched', reason: 'not-found' }, scored: list };
    if (!best.pass) return { result: { status: 'unmatched', reason: 'below-threshold', best: nearMiss(best, ctx) }, scored: list };
    const bestKey = trackRecordingKey(best.candidate);
    const isRival = (s: Scored): boolean => s.pass && s !== best && trackRecordingKey(s.candidate) !== bestKey;
    const rival = exhaustive ? list.find(isRival) : firstOf(scored, isRival);
    if (rival && best.score - rival.score < thresholds.ambiguityMargin) {
      const t = rival.candidate.track;
      const why = `as good a match as "${t.artist} – ${t.title}" (${rival.score.toFixed(3)}); add an override to choose`;
      return { result: { status: 'unmatched', reason: 'ambiguous', best: nearMiss(best, ctx, why) }, scored: list };
    }
    return { result: { status: 'matched', track: best.candidate.track, via: best.via, score: best.score }, scored: list };
  };

  const run = (candidate: MatchCandidate, exhaustive: boolean): Decision => {
    // Most matches have no notes: the list is made only for one.
    let notes: string[] | undefined;
    const key = candidate.ids?.plexRatingKey;
    if (key !== undefined) {
      const track = index.byRatingKey(key);
      if (track && !exhaustive) return { result: { status: 'matched', track, via: 'rating-key', score: 1 }, scored: [] };
      if (!track) notes = [`ids.plexRatingKey ${key} is not in the library; matched by name instead`];
    }
    const given = index.preparer.query(candidate);
    const override = overrides.size > 0 ? overrides.get(queryOverrideKey(given)) : undefined;
    if (override?.skip) return withNotesOf({ result: { status: 'unmatched', reason: 'skipped' }, scored: [] }, notes);
    if (override?.ratingKey !== undefined) {
      const track = index.byRatingKey(override.ratingKey);
      if (track) return withNotesOf({ result: { status: 'matched', track, via: 'override', score: 1 }, scored: [] }, notes);
      (notes ??= []).push(`override ratingKey ${override.ratingKey} is not in the library; ignored`);
    }
    if (given.title.core === '') return withNotesOf({ result: { status: 'unmatched', reason: 'not-found' }, scored: [] }, notes);
    const scored: ScoredSet = { kept: new Map() };
    const quick = !exhaustive;
    const givenMemo = artistMemo();
    lookup(given, scored, quick, givenMemo);
    let decision = decide(scored, exhaustive);
    if (decision.result.status === 'matched' && !exhaustive) return withNotesOf(decision, notes);
    const forms = alternativeForms(candidate, given, index.isLibraryArtist, index.preparer.artist);
    const memos = forms.map(() => artistMemo());
    for (let i = 0; i < forms.length; i++) {
      lookup(forms[i]!, scored, quick, memos[i]!);
      decision = decide(scored, exhaustive);
      if (decision.result.status === 'matched' && !exhaustive) return withNotesOf(decision, notes);
    }
    if (decision.result.status === 'unmatched' && decision.result.reason === 'ambiguous' && !exhaustive) return withNotesOf(decision, notes);
    scoreAll(given, index.plausible(given, FUZZY_CAP), scored, quick, ctx, givenMemo);
    for (let i = 0; i < forms.length; i++) {
      if (forms[i]!.form === 'artist-in-title') scoreAll(forms[i]!, index.plausible(forms[i]!, FUZZY_CAP), scored, quick, ctx, memos[i]!);
    }
    return withNotesOf(decide(scored, exhaustive), notes);
  };

  const matcher: Matcher = {
    match: (candidate) => run(candidate, false).result,
    explain(candidate, limit = 5): Explanation {
      const quick = run(candidate, false).result;
      const { scored } = run(candidate, true);
      // A quick near miss is scored only as far as it failed (artist, or artist and title): report the full
      // score the list below shows for the same track, so one track has one score.
      const full = quick.status === 'unmatched' && quick.best ? scored.find((s) => s.candidate.track === quick.best!.track) : undefined;
      const direct: MatchResult = full && quick.status === 'unmatched' && quick.best ? { ...quick, best: { ...quick.best, score: full.score } } : quick;
      return {
        candidate,
        result: direct,
        candidates: scored.slice(0, limit).map((s) => ({
          track: s.candidate.track,
          score: s.score,
          pass: s.pass,
          via: s.via,
          components: s.components,
          reasons: reasonsOf(s),
        })),
      };
    },
  };
  return { matcher, libraryParses: index.libraryParses };
}
