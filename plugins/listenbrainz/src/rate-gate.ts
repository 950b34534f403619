import { setTimeout as delay } from 'node:timers/promises';
import { HarmoniqError, type Logger } from '@harmoniq/core';

type Headers = Record<string, string | string[] | undefined>;

/**
 * Honours ListenBrainz's rate-limit headers before a 429 happens: when a response says
 * `X-RateLimit-Remaining: 0`, every later request waits `X-RateLimit-Reset-In` seconds first.
 * One gate per client, so the state lives only as long as one fetch.
 */
export interface RateGate {
  /** Resolves when the next request may go out. */
  wait(signal?: AbortSignal): Promise<void>;
  /** Reads the rate-limit headers of a response (429 included). */
  observe(status: number, headers: Headers): void;
}

/** Wait used when a 429 arrives without X-RateLimit-Reset-In. */
const FALLBACK_WAIT_MS = 1000;

export function createRateGate(maxWaitMs: number, logger: Logger): RateGate {
  let pause: Promise<void> | undefined;

  return {
    async wait(signal) {
      if (signal?.aborted) throw aborted();
      if (pause) await abortable(pause, signal);
    },
    observe(status, headers) {
      const remaining = numberHeader(headers, 'x-ratelimit-remaining');
      if (status !== 429 && remaining !== 0) return;
      const resetIn = numberHeader(headers, 'x-ratelimit-reset-in');
      const ms = Math.min(maxWaitMs, resetIn === undefined ? FALLBACK_WAIT_MS : Math.max(0, resetIn * 1000));
      if (ms <= 0 || pause) return;
      logger.debug(`ListenBrainz rate limit reached: waiting ${Math.ceil(ms / 1000)} s before the next request`);
      // unref: a pending pause must not keep the process alive after the run is over.
      const current: Promise<void> = delay(ms, undefined, { ref: false }).then(() => {
        if (pause === current) pause = undefined;
      });
      pause = current;
    },
  };
}

export function rateLimitWaitMs(headers: Headers): number | undefined {
  const resetIn = numberHeader(headers, 'x-ratelimit-reset-in');
  return resetIn === undefined ? undefined : Math.max(0, resetIn * 1000);
}

function numberHeader(headers: Headers, name: string): number | undefined {
  const raw = headers[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

function abortable(p: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return p;
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    void p.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}

function aborted(): HarmoniqError {
  return new HarmoniqError({ code: 'EABORTED', message: 'The ListenBrainz fetch was stopped while waiting for the rate limit.' });
}
