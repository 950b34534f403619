import { option, type CandidateTrack, type SourceContext } from '@harmoniq/core';
import { createLastfmClient, type LastfmClient } from './client.js';
import { createRequestGate } from './request-gate.js';
import type { LastfmTrack } from './types.js';

/** What every Last.fm source needs (declared below; the core reads it from LASTFM_* or the `lastfm:` section). */
export interface LastfmCredentials {
  apiKey: string;
  /** LASTFM_API_URL: another endpoint (an emulator, a proxy); default Last.fm's own. */
  baseUrl?: string;
  /** Requests per second this source's client may make (1–5). */
  ratePerSecond: number;
  /** First retry delay (default 1000 ms). Not read from config: for tests and programs embedding a source. */
  retryBaseMs?: number;
}

export const LASTFM_KEY_HELP = 'get a key at https://www.last.fm/api/account/create';
export const MAX_RATE_PER_SECOND = 5;

/** The options every Last.fm source declares; `lastfm:` in the config file is the Last.fm plugins' shared section. */
export const lastfmCredentialOptions = {
  apiKey: option.text({ description: 'Last.fm API key.', env: 'LASTFM_API_KEY', section: 'lastfm', secret: true, required: LASTFM_KEY_HELP }),
  baseUrl: option.url({ description: 'Another Last.fm endpoint (an emulator, a proxy).', env: 'LASTFM_API_URL', section: 'lastfm', key: 'apiUrl' }),
  ratePerSecond: option.integer({ description: 'Last.fm requests per second.', min: 1, max: MAX_RATE_PER_SECOND, default: MAX_RATE_PER_SECOND }),
};

/** LASTFM_USER, for the per-user sources. */
export const lastfmUserOption = {
  user: option.text({ description: 'Your Last.fm profile name.', env: 'LASTFM_USER', section: 'lastfm', required: 'your Last.fm profile name' }),
};

/**
 * One client per source run: its retries and cache serve every call the source makes. The rate gate is shared
 * by every Last.fm source of the run using the same key (via ctx.shared), since Last.fm counts per key.
 */
export function clientFor(credentials: LastfmCredentials, ctx: Pick<SourceContext, 'http' | 'logger' | 'signal' | 'shared' | 'answers'>): LastfmClient {
  const gate = ctx.shared?.(`lastfm-gate\u0000${credentials.baseUrl ?? ''}\u0000${credentials.apiKey}`, () =>
    createRequestGate({ ratePerSecond: credentials.ratePerSecond, concurrency: 4 }),
  );
  return createLastfmClient({
    ...(gate ? { gate } : {}),
    apiKey: credentials.apiKey,
    ...(credentials.baseUrl !== undefined ? { baseUrl: credentials.baseUrl } : {}),
    http: ctx.http,
    logger: ctx.logger,
    ratePerSecond: credentials.ratePerSecond,
    ...(credentials.retryBaseMs !== undefined ? { retryBaseMs: credentials.retryBaseMs } : {}),
    signal: ctx.signal,
    ...(ctx.answers ? { answers: ctx.answers } : {}),
  });
}

export function toCandidate(track: LastfmTrack, note?: string): CandidateTrack {
  const ids: NonNullable<CandidateTrack['ids']> = {};
  if (track.mbid) ids.mbid = track.mbid;
  if (track.artistMbid) ids.artistMbids = [track.artistMbid];
  return {
    artist: track.artist,
    title: track.title,
    ...(track.album ? { album: track.album } : {}),
    ...(track.durationMs !== undefined ? { durationMs: track.durationMs } : {}),
    ...(Object.keys(ids).length > 0 ? { ids } : {}),
    ...(note ? { note } : {}),
  };
}

/** Case- and spacing-insensitive identity of a track, as Last.fm itself treats names. */
export function trackKey(artist: string, title: string): string {
  return `${artistKey(artist)}\u0000${artistKey(title)}`;
}

export function artistKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}
