import { sonicMixSource } from './sonic-mix-source.js';

export { sonicMixSource, NO_ANALYSIS_HINT, neighboursPerSeed } from './sonic-mix-source.js';
/** Every source this plugin offers, for the CLI's registry. */
export const sources = [sonicMixSource];

export { parseSonicMixOptions, sonicMixOptions, refineSonicMix, DEFAULT_MAX_DISTANCE, type SonicMixOptions } from './options.js';
export { selectSeeds, seedWeight, type Seed, type SeedInput, type SeedResult } from './select-seeds.js';
export { scoreNeighbours, closeness, type MixInput, type MixTrack, type SeedNeighbours } from './score-neighbours.js';
