import { json, serve, type EmulatorRequest, type EmulatorResponse } from '../common/server.js';
import { FixedWindowLimiter, OVER_LIMIT_BODY, rateLimitHeaders } from './rate-limiter.js';
import { ApiError, apiError, createdFor, playlist, recommendations, recordingMetadataGet, recordingMetadataPost } from './routes.js';
import { ListenBrainzStore } from './store.js';
import type { ListenBrainzEmulator, ListenBrainzEmulatorOptions, ListenBrainzUserFixture } from './types.js';

const DEFAULT_TOKENS: Record<string, string> = { 'lb-test-token': 'harmoniq-user' };

type Auth = { kind: 'none' } | { kind: 'valid'; token: string; user: string } | { kind: 'invalid'; message: string };

/** validate_auth_header: the token is whatever follows the first space; a header without one is malformed. */
function readAuth(header: string | string[] | undefined, tokens: Record<string, string>): Auth {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value === '') return { kind: 'none' };
  const token = value.split(' ')[1];
  if (token === undefined) return { kind: 'invalid', message: 'Provided Authorization header is invalid.' };
  const user = Object.hasOwn(tokens, token) ? tokens[token] : undefined;
  if (user === undefined) return { kind: 'invalid', message: 'Invalid authorization token.' };
  return { kind: 'valid', token, user };
}

function validateToken(req: EmulatorRequest, auth: Auth, tokens: Record<string, string>): EmulatorResponse {
  const header = req.headers.authorization;
  const token = header ? (auth.kind === 'valid' ? auth.token : String(header).split(' ')[1] ?? '') : (req.query.get('token') ?? '');
  if (!token) return apiError(400, 'You need to provide an Authorization token.');
  const user = Object.hasOwn(tokens, token) ? tokens[token] : undefined;
  if (user === undefined) return json(200, { code: 200, message: 'Token invalid.', valid: false });
  return json(200, { code: 200, message: 'Token valid.', valid: true, user_name: user });
}

function route(req: EmulatorRequest, store: ListenBrainzStore): EmulatorResponse {
  const path = req.path;
  let m: RegExpMatchArray | null;
  if ((m = path.match(/^\/1\/cf\/recommendation\/user\/([^/]+)\/recording\/?$/)) && req.method === 'GET') {
    return recommendations(store, decodeURIComponent(m[1] ?? ''), req.query);
  }
  if ((m = path.match(/^\/1\/user\/([^/]+)\/playlists\/createdfor\/?$/)) && req.method === 'GET') {
    return createdFor(store, decodeURIComponent(m[1] ?? ''), req.query);
  }
  if ((m = path.match(/^\/1\/playlist\/([^/]+)\/?$/)) && req.method === 'GET') {
    return playlist(store, decodeURIComponent(m[1] ?? ''), req.query);
  }
  // Flask redirects the slash-less form; answering it directly spares clients a redirect hop.
  if (path === '/1/metadata/recording/' || path === '/1/metadata/recording') {
    if (req.method === 'GET') return recordingMetadataGet(store, req.query);
    if (req.method === 'POST') return recordingMetadataPost(store, req);
    return apiError(405, 'The method is not allowed for the requested URL.');
  }
  return apiError(404, 'The requested URL was not found on the server.');
}

/** Starts a ListenBrainz API emulator (the endpoints Harmoniq reads), with brainzutils' rate limiter. */
export async function startListenBrainzEmulator(options: ListenBrainzEmulatorOptions = {}): Promise<ListenBrainzEmulator> {
  const tokens = options.tokens ?? DEFAULT_TOKENS;
  const recordings = options.recordings ?? [];
  const tokenLimit = options.rateLimit?.limit ?? 50;
  const ipLimit = options.rateLimit?.ipLimit ?? options.rateLimit?.limit ?? 30;
  const limiter = new FixedWindowLimiter(options.rateLimit?.windowSeconds ?? 10, options.now ?? (() => Date.now()));
  const build = (users: Record<string, ListenBrainzUserFixture>): ListenBrainzStore =>
    new ListenBrainzStore(users, recordings, Object.values(tokens));
  let store = build(options.users ?? {});

  const handler = (req: EmulatorRequest): EmulatorResponse => {
    const auth = readAuth(req.headers.authorization, tokens);
    const limit = auth.kind === 'valid' ? limiter.hit(`token:${auth.token}`, tokenLimit) : limiter.hit('ip:127.0.0.1', ipLimit);
    const headers = rateLimitHeaders(limit);
    if (limit.over) return { status: 429, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' }, body: OVER_LIMIT_BODY };
    const withHeaders = (r: EmulatorResponse): EmulatorResponse => ({ ...r, headers: { ...r.headers, ...headers } });
    if (req.path === '/1/validate-token' || req.path === '/1/validate-token/') {
      if (auth.kind === 'invalid' && auth.message.startsWith('Provided')) return withHeaders(apiError(401, auth.message));
      return withHeaders(validateToken(req, auth, tokens));
    }
    if (auth.kind === 'invalid') return withHeaders(apiError(401, auth.message));
    try {
      return withHeaders(route(req, store));
    } catch (error) {
      if (error instanceof ApiError) return withHeaders(apiError(error.code, error.message));
      throw error;
    }
  };

  const emulator = await serve(handler);
  return {
    ...emulator,
    setUsers: (users) => {
      store = build(users);
    },
  };
}
