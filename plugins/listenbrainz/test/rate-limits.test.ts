import { afterEach, describe, it, expect } from '@jest/globals';
import { startListenBrainzEmulator, type ListenBrainzEmulator, type ListenBrainzEmulatorOptions } from '@harmoniq/testkit';
import { listenbrainzSource } from '@harmoniq/plugin-listenbrainz';
import { TOKEN, USER, makeContext, mbid, options, recordingsFor } from './helpers.js';

const running: ListenBrainzEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

const RECS_PATH = `/1/cf/recommendation/user/${USER}/recording`;
const OVER_LIMIT = 'You have exceeded your rate limit. See the X-RateLimit-* response headers for more information on your current rate limit.\n';

/** 120 named recommendations: one recommendations GET plus three metadata GETs. */
async function emulator(extra: Partial<ListenBrainzEmulatorOptions> = {}): Promise<ListenBrainzEmulator> {
  const recommendations = Array.from({ length: 120 }, (_, i) => ({ mbid: mbid(i + 1), score: 5 }));
  const emu = await startListenBrainzEmulator({ tokens: { [TOKEN]: USER }, users: { [USER]: { recommendations } }, recordings: recordingsFor(1, 120), ...extra });
  running.push(emu);
  return emu;
}

function tooManyRequests(resetIn: string): { status: number; headers: Record<string, string>; body: string } {
  return {
    status: 429,
    headers: { 'content-type': 'text/plain', 'X-RateLimit-Limit': '50', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset-In': resetIn },
    body: OVER_LIMIT,
  };
}

describe('listenbrainz rate limits', () => {
  it('waits for the window to reset when X-RateLimit-Remaining reaches 0, before any 429', async () => {
    // Two requests per one-second window; the fetch needs four.
    const emu = await emulator({ rateLimit: { limit: 2, windowSeconds: 1 } });
    const [draft] = await listenbrainzSource.fetch(options(emu.url, { LISTENBRAINZ_USER: USER }), makeContext({ retries: 0 }));
    expect(draft?.tracks).toHaveLength(120);
    expect(emu.requests).toHaveLength(4);
    expect(emu.requests.map((r) => r.status)).toEqual([200, 200, 200, 200]);
  });

  it('retries after a 429 with a plain-text body and succeeds', async () => {
    const emu = await emulator();
    emu.inject({ path: RECS_PATH, ...tooManyRequests('0') });
    const [draft] = await listenbrainzSource.fetch(options(emu.url, { LISTENBRAINZ_USER: USER }), makeContext());
    expect(draft?.tracks).toHaveLength(120);
    expect(emu.requests.filter((r) => r.path === RECS_PATH).map((r) => r.status)).toEqual([429, 200]);
  });

  it('waits and tries once more itself when the HTTP layer gave up on a 429', async () => {
    const emu = await emulator();
    emu.inject({ path: RECS_PATH, ...tooManyRequests('0') });
    const [draft] = await listenbrainzSource.fetch(options(emu.url, { LISTENBRAINZ_USER: USER }), makeContext({ retries: 0 }));
    expect(draft?.tracks).toHaveLength(120);
    expect(emu.requests.filter((r) => r.path === RECS_PATH).map((r) => r.status)).toEqual([429, 200]);
  });

  it('gives up with a retryable ELB after a bounded number of 429s', async () => {
    const emu = await emulator();
    emu.inject({ path: RECS_PATH, ...tooManyRequests('0'), times: Infinity });
    const ctx = makeContext({ retries: 2 });
    await expect(listenbrainzSource.fetch(options(emu.url, { LISTENBRAINZ_USER: USER }), ctx)).rejects.toMatchObject({
      code: 'ELB',
      retryable: true,
      message: expect.stringContaining('kept rate-limiting'),
    });
    // (2 retries + 1) by the HTTP layer, twice: the client's one extra round.
    expect(emu.requests.filter((r) => r.path === RECS_PATH)).toHaveLength(6);
  });

  it('does not wait for a Reset-In longer than its bound', async () => {
    const emu = await emulator();
    emu.inject({ path: RECS_PATH, ...tooManyRequests('3600'), times: Infinity });
    await expect(listenbrainzSource.fetch(options(emu.url, { LISTENBRAINZ_USER: USER }), makeContext())).rejects.toMatchObject({ code: 'ELB' });
    expect(emu.requests.filter((r) => r.path === RECS_PATH)).toHaveLength(1);
  });
});
