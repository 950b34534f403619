import { HarmoniqError, parseJsonBounded, type AnswerCache, type Http, type HttpResponse, type Logger } from '@harmoniq/core';
import { cachedRecordingMetadata } from './metadata-cache.js';
import { createRateGate, rateLimitWaitMs } from './rate-gate.js';
import { LISTENBRAINZ_ERRORS } from './error-codes.js';
import {
  errorText,
  parsePlaylist,
  parsePlaylistPage,
  parseRecommendations,
  parseRecordingMetadata,
  parseTokenStatus,
  type PlaylistDetail,
  type PlaylistPage,
  type RecommendationPage,
  type RecordingMetadata,
  type TokenStatus,
} from './responses.js';

export interface ListenBrainzClientOptions {
  apiUrl: string;
  token: string;
  http: Http;
  logger: Logger;
  signal?: AbortSignal;
  /** Longest rate-limit wait honoured (default 60 s); a longer Reset-In is capped. */
  maxWaitMs?: number;
  /** Recording metadata kept between runs (the data directory's service answer cache). */
  answers?: AnswerCache;
}

/** The few ListenBrainz calls this source needs. Every call maps statuses to ELB* errors. */
export interface ListenBrainzClient {
  validateToken(): Promise<TokenStatus>;
  /** undefined when ListenBrainz answers 204: no recommendations (yet). */
  recommendations(user: string, count: number): Promise<RecommendationPage | undefined>;
  createdFor(user: string, count: number, offset: number): Promise<PlaylistPage>;
  playlist(mbid: string): Promise<PlaylistDetail>;
  /** Keyed by lower-case recording MBID; unknown MBIDs are absent. Keep batches short (URL length). */
  recordingMetadata(mbids: string[]): Promise<Map<string, RecordingMetadata>>;
}

interface Call {
  path: string;
  searchParams?: Record<string, string | number>;
  /** For messages: "recommendations for rob". */
  what: string;
  /** The error for a 404, when it means something specific. */
  notFound?: () => HarmoniqError;
}

const TOKEN_HINT = 'Copy your user token from https://listenbrainz.org/settings/ into LISTENBRAINZ_USER_TOKEN.';

/**
 * Core http already retries a GET on 429 after X-RateLimit-Reset-In. When it gives up, this client waits once
 * more and tries one last time, so one call sends at most 2 × (http retries + 1) requests.
 */
const EXTRA_RATE_LIMIT_ROUNDS = 1;

export function createListenBrainzClient(options: ListenBrainzClientOptions): ListenBrainzClient {
  const { http, logger, signal, token } = options;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  const gate = createRateGate(maxWaitMs, logger);
  const scrub = (text: string): string => (token.length >= 4 ? text.split(token).join('[redacted]') : text);

  async function send(call: Call): Promise<HttpResponse> {
    for (let round = 0; ; round += 1) {
      await gate.wait(signal);
      let res: HttpResponse;
      try {
        res = await http.request({
          url: `${options.apiUrl}${call.path}`,
          searchParams: call.searchParams,
          headers: { authorization: `Token ${token}`, accept: 'application/json' },
          signal,
        });
      } catch (error) {
        if (signal?.aborted || (error instanceof HarmoniqError && error.code === 'EABORTED')) throw error;
        const reason = error instanceof Error ? scrub(error.message) : 'no response';
        throw LISTENBRAINZ_ERRORS.error({
          code: 'ELB',
          message: `Cannot reach ListenBrainz for ${call.what}: ${reason}`,
          hint: 'Check LISTENBRAINZ_API_URL and the network; ListenBrainz may be down.',
          retryable: true,
          cause: error,
        });
      }
      gate.observe(res.status, res.headers);
      if (res.status !== 429 || round >= EXTRA_RATE_LIMIT_ROUNDS) return res;
      const waitMs = rateLimitWaitMs(res.headers);
      if (waitMs !== undefined && waitMs > maxWaitMs) return res;
      logger.warn(`ListenBrainz is rate-limiting ${call.what}: waiting and trying once more`);
    }
  }

  async function getJson(call: Call): Promise<{ status: number; body: unknown }> {
    const res = await send(call);
    if (res.status === 204) return { status: 204, body: undefined };
    if (res.status >= 200 && res.status < 300) {
      const parsed = parseJsonBounded(res.body);
      if ('value' in parsed) return { status: res.status, body: parsed.value };
      throw unreadable(call);
    }
    throw statusError(res, call);
  }

  function statusError(res: HttpResponse, call: Call): HarmoniqError {
    const detail = errorText(res.body);
    const said = detail ? `: ${scrub(detail)}` : '';
    if (res.status === 401 || res.status === 403) {
      return LISTENBRAINZ_ERRORS.error({ code: 'ELBTOKEN', message: `ListenBrainz rejected the user token (HTTP ${res.status}${said})`, hint: TOKEN_HINT });
    }
    if (res.status === 404 && call.notFound) return call.notFound();
    if (res.status === 429) {
      return LISTENBRAINZ_ERRORS.error({
        code: 'ELB',
        message: `ListenBrainz kept rate-limiting the request for ${call.what}`,
        hint: 'Run again in a minute; another program may be using the same token heavily.',
        retryable: true,
      });
    }
    if (res.status >= 500) {
      return LISTENBRAINZ_ERRORS.error({
        code: 'ELB',
        message: `ListenBrainz failed to answer the request for ${call.what} (HTTP ${res.status}${said})`,
        hint: 'ListenBrainz may be down or in maintenance; try again later.',
        retryable: true,
      });
    }
    return LISTENBRAINZ_ERRORS.error({
      code: 'ELB',
      message: `ListenBrainz refused the request for ${call.what} (HTTP ${res.status}${said})`,
      hint: 'If this persists, report it with the log (LOG_LEVEL=debug).',
    });
  }

  function unreadable(call: Call): HarmoniqError {
    return LISTENBRAINZ_ERRORS.error({
      code: 'ELB',
      message: `ListenBrainz sent an answer for ${call.what} that Harmoniq cannot read`,
      hint: 'Check LISTENBRAINZ_API_URL points at the ListenBrainz API (https://api.listenbrainz.org); try again later.',
      retryable: true,
    });
  }

  const unknownUser = (user: string) => (): HarmoniqError =>
    LISTENBRAINZ_ERRORS.error({
      code: 'ELBUSER',
      message: `ListenBrainz has no user "${user}"`,
      hint: 'Check LISTENBRAINZ_USER (it is case-sensitive), or leave it unset to use the token owner.',
    });

  const userPath = (user: string): string => `/1/user/${encodeURIComponent(user)}`;

  async function askMetadata(mbids: string[]): Promise<Map<string, RecordingMetadata>> {
    if (mbids.length === 0) return new Map();
    // The trailing slash matters: without it the server redirects.
    const call: Call = {
      path: '/1/metadata/recording/',
      searchParams: { recording_mbids: mbids.join(','), inc: 'artist' },
      what: `metadata of ${mbids.length} recordings`,
    };
    const { body } = await getJson(call);
    const metadata = parseRecordingMetadata(body ?? {});
    if (!metadata) throw unreadable(call);
    return metadata;
  }

  return {
    async validateToken() {
      const call: Call = { path: '/1/validate-token', what: 'the token check' };
      const res = await send(call);
      // A missing token gives 400; an invalid one gives 200 with valid: false.
      if (res.status === 400) return { valid: false };
      if (res.status !== 200) throw statusError(res, call);
      const parsed = parseJsonBounded(res.body);
      if (!('value' in parsed)) throw unreadable(call);
      const status = parseTokenStatus(parsed.value);
      if (!status) throw unreadable(call);
      return status;
    },

    async recommendations(user, count) {
      const call: Call = {
        path: `/1/cf/recommendation/user/${encodeURIComponent(user)}/recording`,
        searchParams: { count, offset: 0 },
        what: `recommendations for ${user}`,
        notFound: unknownUser(user),
      };
      const { status, body } = await getJson(call);
      if (status === 204) return undefined;
      const page = parseRecommendations(body);
      if (!page) throw unreadable(call);
      return page;
    },

    async createdFor(user, count, offset) {
      const call: Call = {
        path: `${userPath(user)}/playlists/createdfor`,
        searchParams: { count, offset },
        what: `playlists created for ${user}`,
        notFound: unknownUser(user),
      };
      const { body } = await getJson(call);
      const page = parsePlaylistPage(body ?? { playlists: [] });
      if (!page) throw unreadable(call);
      return page;
    },

    async playlist(mbid) {
      const call: Call = {
        path: `/1/playlist/${encodeURIComponent(mbid)}`,
        searchParams: { fetch_metadata: 'true' },
        what: `playlist ${mbid}`,
        notFound: () =>
          LISTENBRAINZ_ERRORS.error({
            code: 'ELB',
            message: `ListenBrainz has no playlist ${mbid} (deleted, or private to another user)`,
            hint: 'Run again later: ListenBrainz may have replaced the playlist since it was listed.',
          }),
      };
      const { body } = await getJson(call);
      const playlist = parsePlaylist(body);
      if (!playlist) throw unreadable(call);
      return playlist;
    },

    async recordingMetadata(mbids) {
      const wanted = mbids.map((m) => m.toLowerCase());
      return options.answers ? cachedRecordingMetadata(options.answers, endpointKey(options.apiUrl), wanted, askMetadata) : askMetadata(wanted);
    },
  };
}

/** The API base as a cache key: origin and path only, never credentials a user may have put in the URL. */
function endpointKey(apiUrl: string): string {
  try {
    const url = new URL(apiUrl);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return apiUrl;
  }
}
