import { HarmoniqError, type Http, type Logger } from '@harmoniq/core';
import { classifyResponse, lastfmError } from './classify-response.js';
import { createRequestGate, sleep, type RequestGate } from './request-gate.js';

/**
 * One Last.fm call: rate and concurrency gate, retries with backoff, error mapping, and an in-run cache
 * so identical requests go out once per client.
 */
export interface TransportOptions {
  apiKey: string;
  baseUrl: string;
  http: Http;
  logger?: Logger;
  ratePerSecond: number;
  concurrency: number;
  retryBaseMs: number;
  /** Retries after the first attempt (rate limits, transient errors, malformed bodies). */
  retries: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  now?: () => number;
  /** A gate shared with other clients (one Last.fm key, several sources); else this client gets its own. */
  gate?: RequestGate;
}

export type Params = Record<string, string | number | undefined>;

export interface Transport {
  /** The parsed body, or undefined when a lookup found no such artist/track. */
  call(method: string, params: Params, subject: 'user' | 'lookup' | 'other'): Promise<unknown>;
  /** HTTP requests sent so far, retries included. */
  requestCount(): number;
}

export function createTransport(options: TransportOptions): Transport {
  const { apiKey, http, logger, signal } = options;
  const gate = options.gate ?? createRequestGate({ ratePerSecond: options.ratePerSecond, concurrency: options.concurrency, now: options.now });
  const cache = new Map<string, Promise<unknown>>();
  let sent = 0;

  const attempt = async (method: string, params: Params, subject: 'user' | 'lookup' | 'other') => {
    const res = await gate.run(() => {
      sent += 1;
      return http.request({
        url: options.baseUrl,
        searchParams: { method, ...params, api_key: apiKey, format: 'json' },
        // Retries are ours: a Last.fm error often arrives as HTTP 200, and every attempt must pass the gate.
        retries: 0,
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        ...(signal ? { signal } : {}),
      });
    }, signal);
    return classifyResponse({ method, status: res.status, body: res.body, subject, apiKey });
  };

  const run = async (method: string, params: Params, subject: 'user' | 'lookup' | 'other'): Promise<unknown> => {
    for (let n = 0; ; n += 1) {
      let outcome;
      try {
        outcome = await attempt(method, params, subject);
      } catch (error) {
        if (!(error instanceof HarmoniqError) || error.code !== 'EHTTP') throw error;
        if (signal?.aborted) throw new HarmoniqError({ code: 'EABORTED', message: `Last.fm ${method} was stopped before it finished.`, cause: error });
        // No response at all (refused, reset, timeout): retry like a transient error, then report as ELASTFM.
        outcome = { kind: 'retry' as const, rate: false, error: lastfmError(method, `could not be reached: ${error.message}`, { retryable: true, cause: error }) };
      }
      if (outcome.kind === 'ok') return outcome.body;
      if (outcome.kind === 'empty') return undefined;
      if (outcome.kind === 'fail') throw outcome.error;
      if (n >= options.retries) throw outcome.error;
      const waitMs = options.retryBaseMs * 2 ** n;
      logger?.debug(`Last.fm ${method}: ${outcome.rate ? 'rate-limited' : outcome.error.message}; retry ${n + 1} of ${options.retries} in ${waitMs} ms`);
      await sleep(waitMs, signal);
    }
  };

  return {
    call(method, params, subject) {
      const key = cacheKey(method, params);
      const cached = cache.get(key);
      if (cached) return cached;
      const pending = run(method, params, subject);
      // Failures stay cached too: asking again in the same run would only repeat the failure.
      pending.catch(() => undefined);
      cache.set(key, pending);
      return pending;
    },
    requestCount: () => sent,
  };
}

/** method?sorted, lower-cased params: the identity of a question (also the answer cache's key). */
export function cacheKey(method: string, params: Params): string {
  const entries = Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => [k, String(v).toLowerCase()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${method}?${new URLSearchParams(entries.map(([k, v]): [string, string] => [k, v])).toString()}`;
}
