import { describe, expect, it } from '@jest/globals';
import { startListenBrainzEmulator } from '@harmoniq/testkit';

const OVER_LIMIT = 'You have exceeded your rate limit. See the X-RateLimit-* response headers for more information on your current rate limit.\n';
const EXPOSE = 'X-RateLimit-Remaining,X-RateLimit-Limit,X-RateLimit-Reset,X-RateLimit-Reset-In';
/** 1_000_000_000 s is a multiple of 10: windows start exactly there. */
const EPOCH_S = 1_000_000_000;

function manualClock(): { now: () => number; setSeconds: (s: number) => void } {
  let ms = EPOCH_S * 1000;
  return { now: () => ms, setSeconds: (s) => { ms = (EPOCH_S + s) * 1000; } };
}

const withToken = { Authorization: 'Token lb-test-token' };

async function validate(url: string, headers: Record<string, string> = withToken): Promise<Response> {
  return fetch(`${url}/1/validate-token`, { headers });
}

describe('ListenBrainz emulator rate limiter', () => {
  it('sends the four X-RateLimit headers and the expose header on every response', async () => {
    const clock = manualClock();
    const lb = await startListenBrainzEmulator({ rateLimit: { limit: 5, windowSeconds: 10 }, now: clock.now });
    try {
      clock.setSeconds(3);
      for (const path of ['/1/validate-token', '/1/playlist/nope', '/1/no/such/route']) {
        const res = await fetch(`${lb.url}${path}`, { headers: withToken });
        expect(res.headers.get('x-ratelimit-limit')).toBe('5');
        expect(res.headers.get('x-ratelimit-reset')).toBe(String(EPOCH_S + 10));
        expect(res.headers.get('x-ratelimit-reset-in')).toBe('7');
        expect(res.headers.get('access-control-expose-headers')).toBe(EXPOSE);
      }
      const last = await validate(lb.url);
      expect(last.headers.get('x-ratelimit-remaining')).toBe('1');
    } finally {
      await lb.close();
    }
  });

  it('answers 429 with the plain-text body once a window is used up, and resets at the next window', async () => {
    const clock = manualClock();
    const lb = await startListenBrainzEmulator({ rateLimit: { limit: 2, windowSeconds: 10 }, now: clock.now });
    try {
      expect((await validate(lb.url)).status).toBe(200);
      clock.setSeconds(5);
      const second = await validate(lb.url);
      expect(second.status).toBe(200);
      expect(second.headers.get('x-ratelimit-remaining')).toBe('0');
      clock.setSeconds(9);
      const limited = await validate(lb.url);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await limited.text()).toBe(OVER_LIMIT);
      expect(limited.headers.get('x-ratelimit-reset-in')).toBe('1');
      expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
      clock.setSeconds(10);
      const fresh = await validate(lb.url);
      expect(fresh.status).toBe(200);
      expect(fresh.headers.get('x-ratelimit-remaining')).toBe('1');
      expect(fresh.headers.get('x-ratelimit-reset-in')).toBe('10');
    } finally {
      await lb.close();
    }
  });

  it('counts per valid token, and per IP without one (invalid tokens count as the IP)', async () => {
    const clock = manualClock();
    const lb = await startListenBrainzEmulator({
      tokens: { 'token-a': 'alice', 'token-b': 'bob' },
      rateLimit: { limit: 1, windowSeconds: 10, ipLimit: 1 },
      now: clock.now,
    });
    try {
      expect((await validate(lb.url, { Authorization: 'Token token-a' })).status).toBe(200);
      expect((await validate(lb.url, { Authorization: 'Token token-b' })).status).toBe(200);
      expect((await validate(lb.url, { Authorization: 'Token token-a' })).status).toBe(429);
      expect((await validate(lb.url, { Authorization: 'Token unknown' })).status).toBe(200);
      expect((await validate(lb.url, {})).status).toBe(429);
    } finally {
      await lb.close();
    }
  });

  it('defaults to 50 per token and 30 per IP in 10-second windows', async () => {
    const clock = manualClock();
    const lb = await startListenBrainzEmulator({ now: clock.now });
    try {
      expect((await validate(lb.url)).headers.get('x-ratelimit-limit')).toBe('50');
      const anonymous = await fetch(`${lb.url}/1/user/harmoniq-user/playlists/createdfor`);
      expect(anonymous.headers.get('x-ratelimit-limit')).toBe('30');
      expect(anonymous.headers.get('x-ratelimit-reset-in')).toBe('10');
    } finally {
      await lb.close();
    }
  });
});
