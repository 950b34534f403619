/** brainzutils' limiter: fixed windows aligned to multiples of the window length, counted per key. */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Epoch seconds when the window ends. */
  reset: number;
  /** Seconds until the window ends. */
  resetIn: number;
  over: boolean;
}

export const OVER_LIMIT_BODY =
  'You have exceeded your rate limit. See the X-RateLimit-* response headers for more information on your current rate limit.\n';

export class FixedWindowLimiter {
  private readonly counts = new Map<string, { window: number; count: number }>();

  constructor(
    private readonly windowSeconds: number,
    private readonly now: () => number,
  ) {}

  hit(key: string, limit: number): RateLimitState {
    // brainzutils works in whole seconds: reset - int(time.time()) is at least 1 and at most the window.
    const nowS = Math.floor(this.now() / 1000);
    const window = Math.floor(nowS / this.windowSeconds);
    const reset = window * this.windowSeconds + this.windowSeconds;
    const entry = this.counts.get(key);
    const count = entry && entry.window === window ? entry.count + 1 : 1;
    this.counts.set(key, { window, count });
    return {
      limit,
      remaining: Math.max(0, limit - count),
      reset,
      resetIn: reset - nowS,
      over: count > limit,
    };
  }
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(state.limit),
    'X-RateLimit-Remaining': String(state.remaining),
    'X-RateLimit-Reset-In': String(state.resetIn),
    'X-RateLimit-Reset': String(state.reset),
    'Access-Control-Expose-Headers': 'X-RateLimit-Remaining,X-RateLimit-Limit,X-RateLimit-Reset,X-RateLimit-Reset-In',
  };
}
