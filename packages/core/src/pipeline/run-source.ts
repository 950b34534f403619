/** Kept for existing imports: the step wrappers live with the rest of a source's life in sources/run-steps.ts. */
export { fetchDrafts, tagged, verifySource, type ResolvedSource } from '../sources/run-steps.js';
export { HarmoniqError } from '../errors/harmoniq-error.js';
