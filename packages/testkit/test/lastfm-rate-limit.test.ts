import { describe, expect, it } from '@jest/globals';
import { startLastfmEmulator } from '@harmoniq/testkit';

const RATE_LIMIT_BODY = {
  message:
    'Rate Limit Exceeded - This application has made too many requests in a short period. If this is your API key, see https://www.last.fm/api/tos#4.4 for information about raising the limit.',
  error: 29,
};

/** A clock the test moves by hand, so windows are exact and nothing depends on real time. */
function manualClock(start = 1_000_000): { now: () => number; set: (ms: number) => void } {
  let t = start;
  return { now: () => t, set: (ms) => { t = start + ms; } };
}

async function chart(url: string, key = 'lastfm-test-key'): Promise<Response> {
  return fetch(`${url}/2.0/?method=chart.getTopTracks&format=json&api_key=${key}`);
}

describe('Last.fm emulator rate limiter', () => {
  it('answers 429 with the error-29 body above the limit within one second, and recovers after it', async () => {
    const clock = manualClock();
    const lastfm = await startLastfmEmulator({ rateLimitPerSecond: 2, now: clock.now });
    try {
      expect((await chart(lastfm.url)).status).toBe(200);
      clock.set(500);
      expect((await chart(lastfm.url)).status).toBe(200);
      clock.set(999);
      const limited = await chart(lastfm.url);
      expect(limited.status).toBe(429);
      expect(await limited.json()).toMatchObject(RATE_LIMIT_BODY);
      clock.set(1600);
      expect((await chart(lastfm.url)).status).toBe(200);
    } finally {
      await lastfm.close();
    }
  });

  it('escapes the slash in the error-29 link as Last.fm does', async () => {
    const clock = manualClock();
    const lastfm = await startLastfmEmulator({ rateLimitPerSecond: 0, now: clock.now });
    try {
      const text = await (await chart(lastfm.url)).text();
      expect(text).toContain('https:\\/\\/www.last.fm\\/api\\/tos#4.4');
    } finally {
      await lastfm.close();
    }
  });

  it('reports the peak number of requests seen within any one-second window', async () => {
    const clock = manualClock();
    const lastfm = await startLastfmEmulator({ now: clock.now });
    try {
      for (const at of [0, 100, 200, 1500, 1600, 1700, 1800, 3000]) {
        clock.set(at);
        expect((await chart(lastfm.url)).status).toBe(200);
      }
      expect(lastfm.peakRequestsPerSecond()).toBe(4);
    } finally {
      await lastfm.close();
    }
  });

  it('has no limit by default', async () => {
    const clock = manualClock();
    const lastfm = await startLastfmEmulator({ now: clock.now });
    try {
      const statuses = await Promise.all(Array.from({ length: 20 }, () => chart(lastfm.url).then((r) => r.status)));
      expect(new Set(statuses)).toEqual(new Set([200]));
      expect(lastfm.peakRequestsPerSecond()).toBe(20);
    } finally {
      await lastfm.close();
    }
  });
});
