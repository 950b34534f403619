import type { CandidateTrack } from '../contract.js';
import { createExclusions, describeExclusion, type Exclusions } from '../exclude/create-exclusions.js';
import { excludeCandidates } from '../exclude/exclude-candidates.js';
import type { ExclusionRules } from '../exclude/exclusion-rules.js';
import type { LibraryIndex } from '../library/library-index.js';
import type { Matcher } from '../match/index.js';
import { matchCandidates } from './match-candidates.js';
import type { CandidateReport } from './report.js';

export interface ExclusionStep {
  rules: ExclusionRules | undefined;
  library: Pick<LibraryIndex, 'byRatingKey'>;
  matcher: Matcher;
  /** The playlist's size: the reserve is drawn on only up to it. */
  size: number;
  /** The draft's reserve (PlaylistDraft.reserve): next picks that take the place of excluded ones. */
  reserve?: readonly CandidateTrack[];
}

/**
 * Between match and plan: candidates the user's exclusions name become `excluded` (with the rule), so they never
 * enter the playlist, the plan fills it from the next candidates, and the missing-tracks report never lists them.
 * A matched candidate is judged by its library track (genres at every level, credits), an unmatched one by its names.
 * When the source offered a reserve, its candidates are matched and appended one by one until each excluded
 * candidate has a replacement or the playlist is full. Returns how many were excluded (reserve ones included).
 */
export function applyExclusions(candidates: CandidateReport[], step: ExclusionStep): number {
  if (!step.rules) return 0;
  const exclusions = createExclusions(step.rules);
  if (exclusions.empty) return 0;
  let excluded = markExcluded(candidates, exclusions, step.library);
  const usable = new Set(candidates.filter((c) => c.status === 'matched' && c.ratingKey).map((c) => c.ratingKey as string));
  let needed = Math.min(excluded, step.size - usable.size);
  for (const track of step.reserve ?? []) {
    if (needed <= 0) break;
    const added = matchCandidates(step.matcher, [track]);
    if (markExcluded(added, exclusions, step.library) > 0) excluded += 1;
    candidates.push(...added);
    const key = added[0]?.status === 'matched' ? added[0].ratingKey : undefined;
    if (key !== undefined && !usable.has(key)) {
      usable.add(key);
      needed -= 1;
    }
  }
  return excluded;
}

function markExcluded(candidates: CandidateReport[], exclusions: Exclusions, library: Pick<LibraryIndex, 'byRatingKey'>): number {
  const reasons = excludeCandidates(
    candidates.map((c) => ({ artist: c.artist, title: c.title, ...(c.status === 'matched' && c.ratingKey ? { ratingKey: c.ratingKey } : {}) })),
    exclusions,
    (key) => library.byRatingKey(key),
  );
  let count = 0;
  reasons.forEach((reason, i) => {
    const c = candidates[i];
    if (!reason || !c) return;
    c.status = 'excluded';
    c.excluded = describeExclusion(reason);
    count += 1;
  });
  return count;
}
