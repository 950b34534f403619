export { coverId, decidePoster, parsePosterSetting, type PosterDecision, type PosterFacts, type PosterSetting, type UploadedPoster } from './poster-decision.js';
export { imageTypeOf, type ImageType } from './poster-file.js';
export { applyLook, type CoverMaker, type CoverRequest, type LookInput, type LookOutcome } from './apply-look.js';
export type { SourceLook } from './look-options.js';
