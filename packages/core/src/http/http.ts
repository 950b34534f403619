import got, { RequestError, type Method, type RetryObject } from 'got';
import { HarmoniqError } from '../errors/harmoniq-error.js';
import type { Redactor } from '../logging/redact.js';
import type { Logger } from '../logging/logger.js';
import { crossOriginRedirectError, MAX_REDIRECTS, REDIRECT_STATUSES, redirectTarget, sameOrigin } from './origin-guard.js';
import { bodyTooLargeError, DEFAULT_MAX_BODY_BYTES } from './bounds.js';

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  searchParams?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /** Sent as a JSON body. */
  json?: unknown;
  body?: string | Buffer;
  timeoutMs?: number;
  /**
   * Retrying is safe. Defaults to true for GET and false otherwise: an append to a playlist must never
   * be sent twice, so writes opt in one by one.
   */
  idempotent?: boolean;
  /** Overrides the default number of retries for this request. */
  retries?: number;
  signal?: AbortSignal;
  /** Largest body accepted, counted after decompression; overrides the client's bound for this request. */
  maxBodyBytes?: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The final URL, redacted. */
  url: string;
}

/**
 * The single HTTP chokepoint. It never throws on an HTTP status (clients map statuses to their own
 * errors); it throws EHTTP when no response arrived (timeout, refused, reset) after retries, EREDIRECT
 * when the server redirects to another origin (never followed: see origin-guard.ts), and ELIMIT when a
 * body grows past the bound (see bounds.ts).
 */
export interface Http {
  request(req: HttpRequest): Promise<HttpResponse>;
}

export interface HttpOptions {
  userAgent: string;
  redactor: Redactor;
  logger?: Logger;
  timeoutMs?: number;
  retries?: number;
  /** First retry delay; doubles each time. */
  retryBaseMs?: number;
  /** Longest wait honoured from Retry-After / X-RateLimit-Reset-In; longer means give up. */
  maxRetryAfterMs?: number;
  /** Largest response body accepted, counted after decompression (default DEFAULT_MAX_BODY_BYTES). */
  maxBodyBytes?: number;
}

const RETRY_STATUSES = [408, 429, 500, 502, 503, 504];

export function createHttp(options: HttpOptions): Http {
  const { redactor, logger } = options;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const defaultRetries = options.retries ?? 2;
  const baseMs = options.retryBaseMs ?? 1000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const defaultMaxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  const calculateDelay = ({ attemptCount, retryOptions, error }: RetryObject): number => {
    if (attemptCount > retryOptions.limit) return 0;
    const status = error.response?.statusCode;
    const code = error.code;
    const retryableNetwork = !error.response && code !== 'ERR_ABORTED' && code !== 'ERR_CANCELED';
    if (!(status !== undefined && RETRY_STATUSES.includes(status)) && !retryableNetwork) return 0;
    const waitMs = serverWaitMs(error.response?.headers);
    if (waitMs !== undefined) return waitMs > maxRetryAfterMs ? 0 : Math.max(waitMs, 1);
    return baseMs * 2 ** (attemptCount - 1);
  };

  const client = got.extend({
    headers: { 'user-agent': options.userAgent },
    throwHttpErrors: false,
    maxRedirects: MAX_REDIRECTS,
  });

  return {
    async request(req) {
      const method = (req.method ?? 'GET') as Method;
      const idempotent = req.idempotent ?? method === 'GET';
      const limit = idempotent ? (req.retries ?? defaultRetries) : 0;
      const url = new URL(req.url);
      for (const [k, v] of Object.entries(req.searchParams ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
      const shownUrl = redactor.redact(url.toString());
      const maxBody = req.maxBodyBytes ?? defaultMaxBody;
      let received = 0;
      try {
        const pending = client(url, {
          method,
          // Bytes, decoded below: got's own text decoding kept every body alive long enough to be promoted to V8's
          // old generation (≈ 500 MB promoted over a 300k-track listing, swept only by a full collection, so the
          // heap grew by that much); a Buffer decoded as it is returned dies young. Same decoding (UTF-8, got's).
          responseType: 'buffer',
          headers: req.headers,
          ...(req.json !== undefined ? { json: req.json } : {}),
          ...(req.body !== undefined ? { body: req.body } : {}),
          timeout: { request: req.timeoutMs ?? timeoutMs },
          retry: { limit, methods: [method], statusCodes: RETRY_STATUSES, calculateDelay },
          signal: req.signal,
          // Only redirects that stay on the request's origin are followed; the others come back as 3xx.
          followRedirect: (response) => {
            const to = redirectTarget(response.headers.location, response.url);
            return to !== undefined && sameOrigin(to, url);
          },
          hooks: {
            beforeRetry: [
              (error, retryCount) => {
                logger?.debug(`retry ${retryCount} of ${method} ${shownUrl}: ${describe(error)}`);
              },
            ],
          },
        });
        // got counts bytes as they leave the decompressor: a gzip bomb stops at the bound, not at the end.
        pending.on('downloadProgress', ({ transferred }: { transferred: number }) => {
          received = transferred;
          if (transferred > maxBody) pending.cancel();
        });
        const res = await pending;
        logger?.debug(`${method} ${shownUrl} → ${res.statusCode}`);
        if (REDIRECT_STATUSES.has(res.statusCode) && res.headers.location !== undefined) {
          throw crossOriginRedirectError(method, url, res.statusCode, redirectTarget(res.headers.location, res.url));
        }
        return { status: res.statusCode, headers: res.headers, body: res.body.toString('utf8'), url: shownUrl };
      } catch (error) {
        if (error instanceof HarmoniqError) throw error;
        if (received > maxBody) throw bodyTooLargeError(method, url, maxBody);
        const reason = error instanceof RequestError ? describe(error) : String(error);
        throw new HarmoniqError({
          code: 'EHTTP',
          message: `${method} ${hostOf(url)} failed: ${reason}`,
          retryable: true,
          cause: redactedCause(error, redactor),
        });
      }
    },
  };
}

/** Seconds to wait, from Retry-After (seconds or HTTP date) or X-RateLimit-Reset-In (seconds; some music services send it instead). */
export function serverWaitMs(headers: Record<string, string | string[] | undefined> | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const pick = (name: string): string | undefined => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const resetIn = pick('x-ratelimit-reset-in');
  if (resetIn !== undefined && Number.isFinite(Number(resetIn))) return Math.max(0, Number(resetIn) * 1000);
  const retryAfter = pick('retry-after');
  if (retryAfter === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(retryAfter.trim())) return Number(retryAfter) * 1000;
  const at = Date.parse(retryAfter);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function describe(error: RequestError): string {
  if (error.code === 'ETIMEDOUT') return 'timed out';
  if (error.code === 'ECONNREFUSED') return 'connection refused';
  if (error.code === 'ECONNRESET') return 'connection reset';
  if (error.code === 'ENOTFOUND') return 'host not found';
  if (error.response) return `HTTP ${error.response.statusCode}`;
  return error.code ?? error.message;
}

function hostOf(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/** got errors carry the full URL (with tokens) in their message and options: keep only a safe summary. */
function redactedCause(error: unknown, redactor: Redactor): Error {
  const e = new Error(redactor.redact(error instanceof Error ? error.message : String(error)));
  e.name = error instanceof Error ? error.name : 'Error';
  if (error && typeof error === 'object' && 'code' in error) (e as Error & { code?: unknown }).code = (error as { code?: unknown }).code;
  return e;
}

/** Error code of the network failure behind an EHTTP error, if any ('ECONNREFUSED', 'ETIMEDOUT'…). */
export function networkCode(error: unknown): string | undefined {
  if (error instanceof HarmoniqError && error.cause && typeof error.cause === 'object' && 'code' in error.cause) {
    const code = (error.cause as { code?: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
