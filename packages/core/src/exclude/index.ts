export { genreKey } from './genre-key.js';
export { hasExclusions, mergeExclusions, NO_EXCLUSIONS, parseNameList, type ExcludedTrack, type ExclusionRules } from './exclusion-rules.js';
export { parseExcludedTracksFile, type ExcludedTracksFile } from './excluded-tracks-file.js';
export { createExclusions, describeExclusion, type CandidateNames, type ExclusionReason, type Exclusions, type GenreLevel } from './create-exclusions.js';
export { excludeCandidates, type ExcludableCandidate } from './exclude-candidates.js';
