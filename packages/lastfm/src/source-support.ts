import type { CandidateTrack, SourceContext } from '@harmoniq/core';
import { createLastfmClient, type LastfmClient } from './client.js';
import { createRequestGate } from './request-gate.js';
import type { OptionReader } from './option-reader.js';
import type { LastfmTrack } from './types.js';

/** What every Last.fm source needs from the environment (the core folds the config file's `lastfm:` section in). */
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

/** Reads LASTFM_API_KEY, LASTFM_API_URL and the `ratePerSecond` option; problems go to the reader. */
export function readCredentials(reader: OptionReader): LastfmCredentials {
  const apiKey = reader.string(undefined, 'LASTFM_API_KEY');
  if (!apiKey) reader.issue('LASTFM_API_KEY', `is required (lastfm.apiKey in the config file); ${LASTFM_KEY_HELP}`);
  const baseUrl = reader.string(undefined, 'LASTFM_API_URL');
  if (baseUrl !== undefined && !isHttpUrl(baseUrl)) reader.issue('LASTFM_API_URL', 'must be an http(s) URL such as https://ws.audioscrobbler.com/2.0/');
  const ratePerSecond = reader.integer('ratePerSecond', undefined, { min: 1, max: MAX_RATE_PER_SECOND, fallback: MAX_RATE_PER_SECOND });
  return { apiKey: apiKey ?? '', ratePerSecond, ...(baseUrl !== undefined ? { baseUrl } : {}) };
}

/** LASTFM_USER, required by the per-user sources. */
export function readUser(reader: OptionReader): string {
  const user = reader.string(undefined, 'LASTFM_USER');
  if (!user) reader.issue('LASTFM_USER', 'is required (lastfm.user in the config file): your Last.fm profile name');
  return user ?? '';
}

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

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
