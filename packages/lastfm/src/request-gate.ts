import { HarmoniqError } from '@harmoniq/core';

/**
 * Keeps a client within Last.fm's limits: at most `ratePerSecond` request starts in any sliding
 * 1-second window (a window log rather than a token bucket, which would allow twice the rate across
 * a window boundary), and at most `concurrency` requests in flight. Shared by every call of one client.
 */
export interface RequestGate {
  run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

export interface RequestGateOptions {
  ratePerSecond: number;
  concurrency: number;
  /** Monotonic milliseconds (default performance.now). */
  now?: () => number;
  /** Extra spacing so jitter between client and server never shows more than the rate (default 50 ms). */
  marginMs?: number;
}

const WINDOW_MS = 1000;

export function createRequestGate(options: RequestGateOptions): RequestGate {
  const rate = Math.max(1, Math.floor(options.ratePerSecond));
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const now = options.now ?? (() => performance.now());
  const windowMs = WINDOW_MS + (options.marginMs ?? 50);
  const starts: number[] = [];
  const waiting: (() => void)[] = [];
  let active = 0;
  // Slots are handed out one at a time so two waiters never claim the same gap in the window.
  let slotChain: Promise<void> = Promise.resolve();

  const acquirePermit = (): Promise<void> => {
    if (active < concurrency) {
      active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };

  const releasePermit = (): void => {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  };

  const takeSlot = async (signal?: AbortSignal): Promise<void> => {
    for (;;) {
      if (signal?.aborted) throw aborted();
      const t = now();
      while (starts.length > 0 && t - (starts[0] ?? 0) >= windowMs) starts.shift();
      if (starts.length < rate) {
        starts.push(t);
        return;
      }
      await sleep(windowMs - (t - (starts[0] ?? t)) + 1, signal);
    }
  };

  return {
    async run(fn, signal) {
      await acquirePermit();
      try {
        const slot = slotChain.then(() => takeSlot(signal));
        slotChain = slot.catch(() => undefined);
        await slot;
        return await fn();
      } finally {
        releasePermit();
      }
    },
  };
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(aborted());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(aborted());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function aborted(): HarmoniqError {
  return new HarmoniqError({ code: 'EABORTED', message: 'The Last.fm request was stopped before it was sent.' });
}
