import type { PlaylistSource } from '@harmoniq/core';
import { lastfmDeepCutsSource } from './deep-cuts-source.js';
import { lastfmLovedSource } from './loved-source.js';
import { lastfmRecsSource } from './recs-source.js';
import { lastfmTopSource } from './top-source.js';

export { lastfmRecsSource, parseRecsOptions } from './recs-source.js';
export type { LastfmRecsOptions } from './recs-source.js';
export { lastfmTopSource, parseTopOptions } from './top-source.js';
export type { LastfmTopOptions } from './top-source.js';
export { lastfmLovedSource, parseLovedOptions } from './loved-source.js';
export type { LastfmLovedOptions } from './loved-source.js';
export { lastfmDeepCutsSource, parseDeepCutsOptions } from './deep-cuts-source.js';
export type { LastfmDeepCutsOptions } from './deep-cuts-source.js';
export { rankCandidates, noteFor } from './recs-rank.js';
export type { Contribution, RankedCandidate, RankOptions, Seed } from './recs-rank.js';

export const sources: PlaylistSource[] = [lastfmRecsSource, lastfmTopSource, lastfmLovedSource, lastfmDeepCutsSource];
