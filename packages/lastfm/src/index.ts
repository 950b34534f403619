export { createLastfmClient, endpointOf, LASTFM_API_URL } from './client.js';
export type { LastfmClient, LastfmClientOptions, SimilarOptions } from './client.js';
export { collectPages } from './pages.js';
export { createRequestGate } from './request-gate.js';
export type { RequestGate, RequestGateOptions } from './request-gate.js';
export { LASTFM_PERIODS } from './types.js';
export type { LastfmArtist, LastfmPage, LastfmPeriod, LastfmTrack, LastfmUser, ListOptions } from './types.js';
export { lastfmCredentialOptions, lastfmUserOption, clientFor, toCandidate, trackKey, artistKey, LASTFM_KEY_HELP, MAX_RATE_PER_SECOND } from './source-support.js';
export type { LastfmCredentials } from './source-support.js';
