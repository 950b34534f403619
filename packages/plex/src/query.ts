import { HarmoniqError, isHarmoniqError, parseJsonBounded, type Http, type Logger } from '@harmoniq/core';
import { networkCode } from '@harmoniq/core/pipeline';
import { authError, notFoundError, notPlexError, requestError, responseError, unreachableError, urlTooLongError } from './errors.js';
import { asObject, header, type JsonObject } from './parse.js';

/** Sent as X-Plex-Version: identifies this client to the server (Plex lists it under devices). */
export const CLIENT_VERSION = '0.1.0';

/** How often a read is re-sent when the server answered 2xx with a body that is not valid JSON. */
const REREADS = 2;

export type Params = Record<string, string | number | undefined>;

export interface QueryRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the server URL, e.g. `/library/sections`. */
  path: string;
  params?: Params;
  headers?: Record<string, string>;
  /** Raw request body (a poster's image bytes); set its content-type in `headers`. */
  body?: Buffer;
  /** Safe to send twice. Defaults to true for GET only: core's Http then retries 429/5xx/network. */
  idempotent?: boolean;
  /** Answer 404 to the caller (as `undefined` / status 404) instead of throwing. */
  allowNotFound?: boolean;
  /** Names the thing a 404 means is missing, for the error message. */
  what?: string;
  /** The server's identity (`GET /`): an answer only another kind of web server gives means PLEX_URL is wrong. */
  identifiesServer?: boolean;
}

export interface QueryResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface ContainerResult {
  container: JsonObject;
  headers: Record<string, string | string[] | undefined>;
}

export interface Query {
  /** `scheme://host:port` of the server, for messages (never with a token). */
  readonly host: string;
  /** Sends one request and maps its status; the body is returned unparsed. */
  send(req: QueryRequest): Promise<QueryResult>;
  /** Sends one request and parses `MediaContainer`; undefined only for an allowed 404. */
  container(req: QueryRequest): Promise<ContainerResult | undefined>;
}

export interface QueryOptions {
  url: string;
  token: string;
  http: Http;
  logger: Logger;
  clientIdentifier: string;
}

/**
 * The one place that talks to Plex (python-plexapi's `PlexServer.query`): it adds the token and the
 * identification headers, maps statuses to Harmoniq errors, and parses JSON once.
 */
export function createQuery(options: QueryOptions): Query {
  // A token pasted with a line break cannot go into a header: say so, instead of failing as if Plex were unreachable.
  if (/[\u0000-\u001f\u007f]/.test(options.token)) {
    throw new HarmoniqError({
      code: 'ECONFIG',
      message: 'PLEX_TOKEN contains a line break or another control character, so it cannot be sent to Plex.',
      hint: 'Copy the token again without the line break (a token is about 20 letters, digits, - and _), e.g. PLEX_TOKEN=$(tr -d "\\n" < token.txt).',
    });
  }
  const base = baseUrl(options.url);
  const host = `${base.protocol}//${base.host}`;
  const identity: Record<string, string> = {
    Accept: 'application/json',
    'X-Plex-Token': options.token,
    'X-Plex-Client-Identifier': options.clientIdentifier,
    'X-Plex-Product': 'Harmoniq',
    'X-Plex-Version': CLIENT_VERSION,
    'X-Plex-Platform': 'Node.js',
    'X-Plex-Platform-Version': process.versions.node,
    'X-Plex-Device-Name': 'Harmoniq',
  };

  const send = async (req: QueryRequest): Promise<QueryResult> => {
    const method = req.method ?? 'GET';
    const idempotent = req.idempotent ?? method === 'GET';
    const url = new URL(req.path.replace(/^\/+/, ''), base);
    let res;
    try {
      res = await options.http.request({
        url: url.toString(),
        method,
        searchParams: req.params,
        headers: { ...identity, ...req.headers },
        body: req.body,
        idempotent,
      });
    } catch (error) {
      if (isHarmoniqError(error) && error.code === 'EHTTP') {
        throw unreachableError(host, method, req.path, reasonOf(error), error);
      }
      throw error;
    }
    const { status } = res;
    if (status === 200 || status === 201 || status === 204) return { status, headers: res.headers, text: res.body };
    if (status === 404 && req.identifiesServer) throw notPlexError(host, `HTTP 404${titleOf(res.body)}`);
    if (status === 404 && req.allowNotFound) return { status, headers: res.headers, text: '' };
    options.logger.debug(`Plex ${method} ${req.path} → ${status}`);
    if (status === 401) throw authError(host);
    if (status === 404) throw notFoundError(method, req.path, req.what ?? 'the requested item');
    if (status === 414) throw urlTooLongError(method, req.path, urlLength(url, req.params));
    throw requestError(method, req.path, status, errorTitle(res.body, options.token), idempotent);
  };

  const container = async (req: QueryRequest): Promise<ContainerResult | undefined> => {
    const method = req.method ?? 'GET';
    const canReread = req.idempotent ?? method === 'GET';
    for (let attempt = 0; ; attempt += 1) {
      const res = await send(req);
      if (res.status === 404) return undefined;
      const contentType = header(res.headers, 'content-type');
      // Plex answers JSON when asked to; a web page (or JSON of another shape) at `/` is some other server.
      if (req.identifiesServer && isWebPage(res.text, contentType)) throw notPlexError(host, `a web page${titleOf(res.text)} (${contentType ?? 'no content type'})`);
      const parsed = parseContainer(res.text, contentType);
      if (req.identifiesServer && parsed === NO_CONTAINER) throw notPlexError(host, 'JSON that is not a Plex MediaContainer');
      if (typeof parsed !== 'string') return { container: parsed, headers: res.headers };
      if (!canReread || attempt >= REREADS) throw responseError(method, req.path, parsed, canReread);
      options.logger.debug(`Plex ${method} ${req.path}: ${parsed}; reading it again`);
    }
  };

  return { host, send, container };
}

/** The server URL as a base for relative paths: keeps a path prefix (reverse proxies), drops any query. */
function baseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new HarmoniqError({
      code: 'ECONFIG',
      message: 'PLEX_URL is not a valid URL.',
      hint: 'Set PLEX_URL to the server address, e.g. http://192.168.1.10:32400.',
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HarmoniqError({
      code: 'ECONFIG',
      message: `PLEX_URL must start with http:// or https:// (got ${url.protocol}).`,
      hint: 'Set PLEX_URL to the server address, e.g. http://192.168.1.10:32400.',
    });
  }
  url.search = '';
  url.hash = '';
  url.username = '';
  url.password = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/** MediaContainer of a 2xx body, or a description of what is wrong with it. */
function parseContainer(text: string, contentType: string | undefined): JsonObject | string {
  if (text.trim() === '') return 'an empty body where JSON was expected';
  // Nesting is bounded before parsing: a hostile depth would overflow the stack of whatever walks the value later.
  const parsed = parseJsonBounded(text);
  if ('problem' in parsed) {
    return parsed.problem.startsWith('JSON nested')
      ? parsed.problem
      : `a body that is not valid JSON (${contentType ?? 'no content type'}, ${text.length} bytes; truncated?)`;
  }
  const mc = asObject(asObject(parsed.value)?.['MediaContainer']);
  return mc ?? NO_CONTAINER;
}

const NO_CONTAINER = 'JSON without a MediaContainer object';

function isWebPage(text: string, contentType: string | undefined): boolean {
  return /^text\/html\b/i.test(contentType ?? '') || /^\s*<(!doctype html|html)\b/i.test(text);
}

/** ` ("Welcome to nginx!")`: the page's title, when it has one, to help the user recognise what answered. */
function titleOf(body: string): string {
  const title = /<title>([^<]{1,80})<\/title>/i.exec(body)?.[1]?.trim();
  return title ? ` ("${title}")` : '';
}

function reasonOf(error: HarmoniqError): string {
  const code = networkCode(error);
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found';
    case 'ETIMEDOUT':
      return 'timed out';
    case 'ECONNRESET':
      return 'connection reset';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    default:
      return code ? code : 'no response';
  }
}

/** The `<title>` of an HTML error page ("Bad Request"), for the message. Error bodies are never JSON-parsed. */
function errorTitle(body: string, token: string): string | undefined {
  const match = /<title>([^<]{1,80})<\/title>/i.exec(body) ?? /<h1>([^<]{1,80})<\/h1>/i.exec(body);
  const title = match?.[1]?.trim();
  if (!title) return undefined;
  return token && title.includes(token) ? undefined : title;
}

function urlLength(url: URL, params: Params | undefined): number {
  const copy = new URL(url);
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined) copy.searchParams.set(k, String(v));
  return copy.pathname.length + copy.search.length;
}
