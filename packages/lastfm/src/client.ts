import type { AnswerCache, Http, Logger } from '@harmoniq/core';
import { isArtistList, isTrackList, LASTFM_ANSWER_LIFETIMES_MS, USER_TOP_LIFETIMES_MS, type CachedLastfmMethod } from './answer-lifetimes.js';
import { lastfmError } from './classify-response.js';
import { collectPages } from './pages.js';
import { parseArtist, parsePage, parseTrack, parseUser } from './parse.js';
import type { RequestGate } from './request-gate.js';
import { cacheKey, createTransport, type Params } from './transport.js';
import type { LastfmArtist, LastfmPage, LastfmPeriod, LastfmTrack, LastfmUser, ListOptions } from './types.js';

export const LASTFM_API_URL = 'https://ws.audioscrobbler.com/2.0/';

export interface LastfmClientOptions {
  apiKey: string;
  /** Default https://ws.audioscrobbler.com/2.0/ (LASTFM_API_URL points it elsewhere, e.g. an emulator). */
  baseUrl?: string;
  /** Core's HTTP client: User-Agent, timeouts and redaction of the key in anything it logs. */
  http: Http;
  logger?: Logger;
  /** Request starts in any 1-second window (default 5). */
  ratePerSecond?: number;
  /** Requests in flight (default 4). */
  concurrency?: number;
  /** First retry delay, doubled each retry (default 1000 ms). */
  retryBaseMs?: number;
  /** Retries after the first attempt (default 3). */
  retries?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Monotonic milliseconds for the rate gate (default performance.now). */
  now?: () => number;
  /**
   * A gate shared by several clients using the same key, so that together they keep to the rate
   * (ratePerSecond, concurrency and now are then the gate's business).
   */
  gate?: RequestGate;
  /**
   * Answers kept between runs (the data directory's service answer cache): similar artists and tracks, an artist's
   * top tracks and the user's top lists are read from it while fresh (answer-lifetimes.ts). Never recent plays,
   * loved tracks or charts.
   */
  answers?: AnswerCache;
}

export interface SimilarOptions {
  /** How many similar items to ask for (artists default 30, tracks default 50). */
  limit?: number;
}

export interface LastfmClient {
  chartTopTracks(options?: ListOptions): Promise<LastfmTrack[]>;
  geoTopTracks(country: string, options?: ListOptions): Promise<LastfmTrack[]>;
  tagTopTracks(tag: string, options?: ListOptions): Promise<LastfmTrack[]>;
  userTopTracks(user: string, period: LastfmPeriod, options?: ListOptions): Promise<LastfmTrack[]>;
  userTopArtists(user: string, period: LastfmPeriod, options?: ListOptions): Promise<LastfmArtist[]>;
  userLovedTracks(user: string, options?: ListOptions): Promise<LastfmTrack[]>;
  userRecentTracks(user: string, options?: ListOptions): Promise<LastfmTrack[]>;
  userInfo(user: string): Promise<LastfmUser>;
  /** An unknown artist gives an empty list, not an error. */
  artistSimilar(artist: string, options?: SimilarOptions): Promise<LastfmArtist[]>;
  /** An unknown artist gives an empty list, not an error. */
  artistTopTracks(artist: string, options?: ListOptions): Promise<LastfmTrack[]>;
  /** An unknown track gives an empty list, not an error. */
  trackSimilar(artist: string, title: string, options?: SimilarOptions): Promise<LastfmTrack[]>;
  /** HTTP requests sent so far by this client, retries included (cached calls send none). */
  requestCount(): number;
}

type Subject = 'user' | 'lookup' | 'other';

export function createLastfmClient(options: LastfmClientOptions): LastfmClient {
  const transport = createTransport({
    apiKey: options.apiKey,
    baseUrl: endpointOf(options.baseUrl ?? LASTFM_API_URL),
    http: options.http,
    logger: options.logger,
    ratePerSecond: options.ratePerSecond ?? 5,
    concurrency: options.concurrency ?? 4,
    retryBaseMs: options.retryBaseMs ?? 1000,
    retries: options.retries ?? 3,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    now: options.now,
    ...(options.gate ? { gate: options.gate } : {}),
  });

  /** One request, read as `{ container: { itemKey: [...] } }`; undefined body (not found) is an empty page. */
  const fetchPage = async <T>(
    method: string,
    params: Params,
    subject: Subject,
    container: string,
    itemKey: string,
    parseItem: (raw: unknown) => T | undefined,
  ): Promise<LastfmPage<T>> => {
    const body = await transport.call(method, params, subject);
    if (body === undefined) return { items: [] };
    const page = parsePage(body, container, itemKey, parseItem);
    if (!page) throw lastfmError(method, `answered without "${container}"`, { retryable: true });
    return page;
  };

  const endpoint = endpointKey(endpointOf(options.baseUrl ?? LASTFM_API_URL));
  /** Keyed by endpoint, method and parameters: never by the API key (the answer is the same for every key). */
  const kept = <T>(method: CachedLastfmMethod, params: Params, lifetimeMs: number, check: (v: unknown) => v is T, fetch: () => Promise<T>): Promise<T> =>
    options.answers ? options.answers.remember(`lastfm ${endpoint} ${cacheKey(method, params)}`, lifetimeMs, check, fetch) : fetch();
  const { 'artist.getSimilar': similarArtistsMs, 'track.getSimilar': similarTracksMs, 'artist.getTopTracks': artistTopMs } = LASTFM_ANSWER_LIFETIMES_MS;

  const pagedTracks = (method: string, params: Params, subject: Subject, container: string, list: ListOptions = {}) =>
    collectPages((page, limit) => fetchPage(method, { ...params, page, limit }, subject, container, 'track', parseTrack), list);

  return {
    chartTopTracks: (list) => pagedTracks('chart.getTopTracks', {}, 'other', 'tracks', list),
    geoTopTracks: (country, list) => pagedTracks('geo.getTopTracks', { country }, 'other', 'tracks', list),
    tagTopTracks: (tag, list) => pagedTracks('tag.getTopTracks', { tag }, 'other', 'tracks', list),
    userTopTracks: (user, period, list = {}) =>
      kept('user.getTopTracks', { user, period, limit: list.limit, pageSize: list.pageSize }, USER_TOP_LIFETIMES_MS[period], isTrackList, () =>
        pagedTracks('user.getTopTracks', { user, period }, 'user', 'toptracks', list),
      ),
    userTopArtists: (user, period, list = {}) =>
      kept('user.getTopArtists', { user, period, limit: list.limit, pageSize: list.pageSize }, USER_TOP_LIFETIMES_MS[period], isArtistList, () =>
        collectPages(
          (page, limit) => fetchPage('user.getTopArtists', { user, period, page, limit }, 'user', 'topartists', 'artist', parseArtist),
          list,
        ),
      ),
    userLovedTracks: (user, list) => pagedTracks('user.getLovedTracks', { user }, 'user', 'lovedtracks', list),
    userRecentTracks: (user, list) => pagedTracks('user.getRecentTracks', { user }, 'user', 'recenttracks', list),
    async userInfo(user) {
      const body = await transport.call('user.getInfo', { user }, 'user');
      const parsed = parseUser(body);
      if (!parsed) throw lastfmError('user.getInfo', 'answered without a user', { retryable: true });
      return parsed;
    },
    artistSimilar(artist, similar = {}) {
      const params = { artist, autocorrect: 1, limit: similar.limit ?? 30 };
      return kept('artist.getSimilar', params, similarArtistsMs, isArtistList, async () =>
        (await fetchPage('artist.getSimilar', params, 'lookup', 'similarartists', 'artist', parseArtist)).items,
      );
    },
    artistTopTracks: (artist, list = {}) =>
      kept('artist.getTopTracks', { artist, limit: list.limit, pageSize: list.pageSize }, artistTopMs, isTrackList, () =>
        pagedTracks('artist.getTopTracks', { artist, autocorrect: 1 }, 'lookup', 'toptracks', list),
      ),
    trackSimilar(artist, track, similar = {}) {
      const params = { artist, track, autocorrect: 1, limit: similar.limit ?? 50 };
      return kept('track.getSimilar', params, similarTracksMs, isTrackList, async () =>
        (await fetchPage('track.getSimilar', params, 'lookup', 'similartracks', 'track', parseTrack)).items,
      );
    },
    requestCount: () => transport.requestCount(),
  };
}

/** The endpoint as a cache key: origin and path only (no credentials or query a user may have put in the URL). */
function endpointKey(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return endpoint;
  }
}

/**
 * Last.fm's one endpoint is /2.0/: a base given as the bare host (http://127.0.0.1:7001) or without the trailing
 * slash means the same endpoint; any other path (a proxy's prefix) is used as given.
 */
export function endpointOf(base: string): string {
  try {
    const url = new URL(base);
    if (url.pathname === '/' || url.pathname === '') url.pathname = '/2.0/';
    else if (/\/2\.0$/.test(url.pathname)) url.pathname += '/';
    return url.toString();
  } catch {
    return base;
  }
}
