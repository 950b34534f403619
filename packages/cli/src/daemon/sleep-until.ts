import type { Clock } from '@harmoniq/core';

/**
 * Longest single timer, in real milliseconds. Waking up now and then re-reads the clock, so a wall-clock jump
 * (suspend, NTP step) is noticed, and it keeps setTimeout below its 24.8-day limit, past which Node fires at once.
 */
const MAX_TIMER_MS = 60_000;

/**
 * Resolves true once `clock.now()` has reached `at`, false as soon as `signal` aborts. The clock may run faster
 * than real time (`rate` simulated ms per real ms), for rehearsing a schedule. Never resolves early: timers can
 * fire a millisecond before the wall clock agrees, and a schedule asked again at that instant would name the
 * same run twice.
 */
export function sleepUntil(clock: Clock & { rate: number }, at: Date, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      if (timer) clearTimeout(timer);
      resolve(false);
    };
    const check = () => {
      if (signal.aborted) return;
      const remaining = at.getTime() - clock.now().getTime();
      if (remaining <= 0) {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
        return;
      }
      timer = setTimeout(check, Math.min(MAX_TIMER_MS, Math.max(1, Math.ceil(remaining / clock.rate))));
    };
    if (signal.aborted) return resolve(false);
    signal.addEventListener('abort', onAbort, { once: true });
    check();
  });
}
