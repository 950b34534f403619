export { COVER_SIZE, renderCover, type CoverImage, type CoverSpec } from './render-cover.js';
export { lookFor, sourcesWithLooks, type CoverLook, type Motif } from './looks.js';
