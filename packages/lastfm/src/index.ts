export { createLastfmClient, LASTFM_API_URL } from './client.js';
export type { LastfmClient, LastfmClientOptions, SimilarOptions } from './client.js';
export { collectPages } from './pages.js';
export { createRequestGate } from './request-gate.js';
export type { RequestGate, RequestGateOptions } from './request-gate.js';
export { LASTFM_PERIODS } from './types.js';
export type { LastfmArtist, LastfmPage, LastfmPeriod, LastfmTrack, LastfmUser, ListOptions } from './types.js';
