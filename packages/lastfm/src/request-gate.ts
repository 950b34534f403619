import { HarmoniqError } from '@harmoniq/core';

/**
 * Keeps a client within Last.fm's limits: at most `ratePerSecond` requests in any 1-second window, and
 * at most `concurrency` in flight. Shared by every call of one client.
 *
 * A request occupies the window from the moment it is sent until one second after its answer arrived.
 * Counting from the answer rather than the send is what makes the bound hold at the server too: the
 * server sees a request somewhere between its send and its answer, and network jitter can delay one
 * request more than the next. (A token bucket would also allow twice the rate across a window edge.)
 */
export interface RequestGate {
  run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

export interface RequestGateOptions {
  ratePerSecond: number;
  concurrency: number;
  /** Monotonic milliseconds (default performance.now). */
  now?: () => number;
  /** Extra spacing for timer granularity (default 10 ms). */
  marginMs?: number;
}

const WINDOW_MS = 1000;

interface Slot {
  /** When the answer arrived; undefined while in flight. */
  end?: number;
}

export function createRequestGate(options: RequestGateOptions): RequestGate {
  const rate = Math.max(1, Math.floor(options.ratePerSecond));
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const now = options.now ?? (() => performance.now());
  const windowMs = WINDOW_MS + (options.marginMs ?? 10);
  let slots: Slot[] = [];
  let onSlotEnd: (() => void)[] = [];
  const permitQueue: (() => void)[] = [];
  let active = 0;
  // Slots are handed out one at a time so two waiters never claim the same gap in the window.
  let slotChain: Promise<unknown> = Promise.resolve();

  const acquirePermit = (): Promise<void> => {
    if (active < concurrency) {
      active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => permitQueue.push(resolve));
  };

  const releasePermit = (): void => {
    const next = permitQueue.shift();
    if (next) next();
    else active -= 1;
  };

  const endSlot = (slot: Slot): void => {
    slot.end = now();
    const waiters = onSlotEnd;
    onSlotEnd = [];
    for (const wake of waiters) wake();
  };

  const takeSlot = async (signal?: AbortSignal): Promise<Slot> => {
    for (;;) {
      if (signal?.aborted) throw aborted();
      const t = now();
      slots = slots.filter((s) => s.end === undefined || t - s.end < windowMs);
      if (slots.length < rate) {
        const slot: Slot = {};
        slots.push(slot);
        return slot;
      }
      const ended = slots.flatMap((s) => (s.end === undefined ? [] : [s.end]));
      const slotEnded = new Promise<void>((resolve) => onSlotEnd.push(resolve));
      const expiry = ended.length > 0 ? sleep(Math.min(...ended) + windowMs - t + 1, signal) : new Promise<void>(() => undefined);
      // An abort needs no listener of its own here: it ends in-flight requests (waking us) or the sleep.
      await Promise.race([expiry, slotEnded]);
    }
  };

  return {
    async run(fn, signal) {
      await acquirePermit();
      try {
        const claim = slotChain.then(() => takeSlot(signal));
        slotChain = claim.catch(() => undefined);
        const slot = await claim;
        try {
          return await fn();
        } finally {
          endSlot(slot);
        }
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
