import type { LibraryTrack } from '../library/types.js';
import type { ExclusionReason, Exclusions } from './create-exclusions.js';

/** The parts of a matched candidate the exclusions look at. */
export interface ExcludableCandidate {
  artist: string;
  title: string;
  /** The library track it matched, when it did. */
  ratingKey?: string;
}

/**
 * Why each candidate is excluded (same order), or undefined. A matched candidate is judged by its library
 * track (genres, credits, ratingKey); an unmatched one by its names, so an excluded song that the library lacks
 * is not reported missing. The caller drops the excluded ones before filling: the playlist then fills to its
 * size from the next candidates.
 */
export function excludeCandidates(
  candidates: readonly ExcludableCandidate[],
  exclusions: Exclusions,
  trackOf: (ratingKey: string) => LibraryTrack | undefined,
): (ExclusionReason | undefined)[] {
  if (exclusions.empty) return candidates.map(() => undefined);
  return candidates.map((c) => {
    const track = c.ratingKey === undefined ? undefined : trackOf(c.ratingKey);
    return track ? exclusions.track(track) : exclusions.candidate(c);
  });
}
