export { createMatcher, DEFAULT_THRESHOLDS } from './create-matcher.js';
export type {
  ComponentScore,
  ExplainedCandidate,
  Explanation,
  MatchCandidate,
  Matcher,
  MatcherOptions,
  MatchResult,
  MatchThresholds,
  MatchVia,
  NearMiss,
  ScoredComponents,
  UnmatchedReason,
} from './types.js';
