import type { LibraryTrack } from '../library/types.js';
import type { MatchOverride } from '../config/types.js';

/** What the matcher needs of a candidate: a subset of the contract's CandidateTrack. */
export interface MatchCandidate {
  artist: string;
  title: string;
  album?: string;
  durationMs?: number;
  ids?: { plexRatingKey?: string };
}

/** How a match was found, in the order the matcher tries them. */
export type MatchVia = 'rating-key' | 'override' | 'exact' | 'relaxed' | 'fuzzy';

export type UnmatchedReason = 'not-found' | 'below-threshold' | 'ambiguous' | 'skipped';

export interface MatchThresholds {
  /** Minimum artist similarity, 0–1 (default 0.85). */
  artist: number;
  /** Minimum title similarity, 0–1 (default 0.85). */
  title: number;
  /** Two different recordings closer than this in score are ambiguous (default 0.03). */
  ambiguityMargin: number;
  /** Durations within this are scored as agreeing (default 20 000 ms). */
  durationToleranceMs: number;
  /** Durations this close confirm a match that needs confirming (default 3 000 ms). */
  durationConfirmMs: number;
  /** A duration gap rejects a match on its own only above this many ms (default 60 000)… */
  durationVetoMs: number;
  /** …and above this share of the longer duration (default 0.25). */
  durationVetoRatio: number;
}

export interface MatcherOptions {
  /**
   * Manual decisions, compared by normalised artist and title: `ratingKey` forces a track (ignored, with a note
   * on the result, when the library has no such key); `skip: true` never matches.
   */
  overrides?: readonly MatchOverride[];
  thresholds?: Partial<MatchThresholds>;
}

export interface NearMiss {
  track: LibraryTrack;
  score: number;
  /** Why it was not accepted. */
  why: string;
}

export type MatchResult =
  | { status: 'matched'; track: LibraryTrack; via: MatchVia; score: number; notes?: string[] }
  | { status: 'unmatched'; reason: UnmatchedReason; best?: NearMiss; notes?: string[] };

/** One scored aspect of a (candidate, library track) pair. */
export interface ComponentScore {
  /** 0–1; undefined when one side does not have the information. */
  score: number | undefined;
  pass: boolean;
  detail: string;
}

export interface ScoredComponents {
  artist: ComponentScore;
  title: ComponentScore;
  version: ComponentScore;
  album: ComponentScore;
  duration: ComponentScore;
}

export interface ExplainedCandidate {
  track: LibraryTrack;
  score: number;
  /** Every component passed. */
  pass: boolean;
  /** The stage that would report it when accepted. */
  via: MatchVia;
  components: ScoredComponents;
  /** Human-readable reasons: why it passed, or every reason it failed. */
  reasons: string[];
}

export interface Explanation {
  candidate: MatchCandidate;
  result: MatchResult;
  /** The nearest library tracks, best first. */
  candidates: ExplainedCandidate[];
}

export interface Matcher {
  match(candidate: MatchCandidate): MatchResult;
  explain(candidate: MatchCandidate, limit?: number): Explanation;
}
