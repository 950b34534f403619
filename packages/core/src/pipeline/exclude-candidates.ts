import { createExclusions, describeExclusion } from '../exclude/create-exclusions.js';
import { excludeCandidates } from '../exclude/exclude-candidates.js';
import type { ExclusionRules } from '../exclude/exclusion-rules.js';
import type { LibraryIndex } from '../library/library-index.js';
import type { CandidateReport } from './report.js';

/**
 * Between match and plan: candidates the user's exclusions name become `excluded` (with the rule), so they never
 * enter the playlist, the plan fills it from the next candidates, and the missing-tracks report never lists them.
 * A matched candidate is judged by its library track (genres at every level, credits), an unmatched one by its names.
 * Returns how many were excluded.
 */
export function applyExclusions(candidates: CandidateReport[], rules: ExclusionRules | undefined, library: Pick<LibraryIndex, 'byRatingKey'>): number {
  if (!rules) return 0;
  const exclusions = createExclusions(rules);
  if (exclusions.empty) return 0;
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
