import { afterEach, describe, expect, it } from '@jest/globals';
import { HarmoniqError } from '@harmoniq/core';
import { harness, KEY, loggedText, type Harness } from './fixtures.js';

let h: Harness;
afterEach(async () => {
  await h.close();
});

async function caught(p: Promise<unknown>): Promise<HarmoniqError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof HarmoniqError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

const body = (error: number, message: string): string => JSON.stringify({ error, message, links: [] });

describe('Last.fm error mapping', () => {
  it('maps error 10 (HTTP 403) to ELASTFMKEY with a hint naming LASTFM_API_KEY, and never shows the key', async () => {
    h = await harness({ apiKey: 'wrong-key-5678' });
    const failure = h.client.chartTopTracks();
    await expect(failure).rejects.toMatchObject({ code: 'ELASTFMKEY', retryable: false });
    const error = await caught(failure);
    expect(error.hint).toMatch(/LASTFM_API_KEY/);
    expect(error.hint).toMatch(/last\.fm\/api\/account\/create/);
    expect(`${error.message} ${error.hint}`).not.toMatch(/wrong-key-5678|api_key|127\.0\.0\.1/);
    expect(h.emu.requests).toHaveLength(1);
  });

  it('maps error 26 (suspended key) to ELASTFMKEY', async () => {
    h = await harness({}, { suspendedKeys: [KEY] });
    await expect(h.client.chartTopTracks()).rejects.toMatchObject({ code: 'ELASTFMKEY', message: expect.stringMatching(/suspended/) });
  });

  it('maps error 6 with HTTP 404 for a user to ELASTFMUSER', async () => {
    h = await harness();
    await expect(h.client.userTopTracks('nobody-here', 'overall')).rejects.toMatchObject({ code: 'ELASTFMUSER', hint: expect.stringMatching(/LASTFM_USER/) });
    await expect(h.client.userInfo('nobody-here')).rejects.toMatchObject({ code: 'ELASTFMUSER' });
  });

  it('maps "User not found" to ELASTFMUSER even when it comes with HTTP 200', async () => {
    h = await harness();
    h.emu.inject({ path: '/2.0/', status: 200, body: body(6, 'User not found') });
    await expect(h.client.userLovedTracks('rj')).rejects.toMatchObject({ code: 'ELASTFMUSER' });
  });

  it('maps error 17 (private profile) to ELASTFMUSER', async () => {
    h = await harness();
    await expect(h.client.userLovedTracks('hidden')).rejects.toMatchObject({ code: 'ELASTFMUSER', message: expect.stringMatching(/private/) });
  });

  it('maps error 6 on a chart (a bad country) to ELASTFM with Last.fm\'s reason', async () => {
    h = await harness();
    await expect(h.client.geoTopTracks('Atlantis')).rejects.toMatchObject({ code: 'ELASTFM', message: expect.stringMatching(/country param invalid/) });
  });

  it('treats an error body as an error even when the status is 200', async () => {
    h = await harness();
    h.emu.inject({ path: '/2.0/', status: 200, body: body(10, 'Invalid API key - You must be granted a valid key by last.fm') });
    await expect(h.client.chartTopTracks()).rejects.toMatchObject({ code: 'ELASTFMKEY' });
  });

  it('maps other codes to ELASTFM without retrying', async () => {
    h = await harness();
    h.emu.inject({ path: '/2.0/', status: 400, body: body(13, 'Invalid method signature supplied') });
    await expect(h.client.chartTopTracks()).rejects.toMatchObject({ code: 'ELASTFM', retryable: false });
    expect(h.emu.requests).toHaveLength(1);
  });
});

describe('retries', () => {
  it('waits and retries on error 29 / HTTP 429, then succeeds', async () => {
    h = await harness();
    h.emu.inject({ path: '/2.0/', status: 429, body: body(29, 'Rate Limit Exceeded'), times: 2 });
    expect(await h.client.chartTopTracks({ limit: 1 })).toHaveLength(1);
    expect(h.emu.requests.map((r) => r.status)).toEqual([429, 429, 200]);
  });

  it('retries error 29 that arrives with HTTP 200 too', async () => {
    h = await harness();
    h.emu.inject({ path: '/2.0/', status: 200, body: body(29, 'Rate Limit Exceeded') });
    expect(await h.client.chartTopTracks({ limit: 1 })).toHaveLength(1);
    expect(h.emu.requests).toHaveLength(2);
  });

  it('gives up with ELASTFMRATE after the configured number of retries', async () => {
    h = await harness({ retries: 2 });
    h.emu.inject({ path: '/2.0/', status: 429, body: body(29, 'Rate Limit Exceeded'), times: Infinity });
    await expect(h.client.chartTopTracks()).rejects.toMatchObject({ code: 'ELASTFMRATE' });
    expect(h.emu.requests).toHaveLength(3);
  });

  it.each([8, 11, 16])('retries error %i and succeeds when it clears', async (code) => {
    h = await harness();
    h.emu.inject({ path: '/2.0/', status: 200, body: body(code, 'Temporary trouble') });
    expect(await h.client.artistSimilar('Metallica')).toHaveLength(2);
    expect(h.emu.requests).toHaveLength(2);
  });

  it('retries 5xx and then reports ELASTFM marked retryable', async () => {
    h = await harness({ retries: 1 });
    h.emu.inject({ path: '/2.0/', status: 503, body: '<html>Service Unavailable</html>', times: Infinity });
    await expect(h.client.chartTopTracks()).rejects.toMatchObject({ code: 'ELASTFM', retryable: true });
    expect(h.emu.requests).toHaveLength(2);
  });

  it('treats malformed JSON as a retryable ELASTFM', async () => {
    h = await harness({ retries: 1 });
    h.emu.inject({ path: '/2.0/', truncate: true, times: Infinity });
    await expect(h.client.chartTopTracks()).rejects.toMatchObject({ code: 'ELASTFM', retryable: true, message: expect.stringMatching(/not JSON/) });
    expect(h.emu.requests).toHaveLength(2);
  });

  it('recovers from one malformed body', async () => {
    h = await harness();
    h.emu.inject({ path: '/2.0/', truncate: true });
    expect(await h.client.chartTopTracks({ limit: 2 })).toHaveLength(2);
  });

  it('retries a dropped connection, then reports ELASTFM without the URL or key', async () => {
    h = await harness({ retries: 1 });
    h.emu.inject({ path: '/2.0/', reset: true, times: Infinity });
    const error = await caught(h.client.chartTopTracks());
    expect(error).toMatchObject({ code: 'ELASTFM', retryable: true });
    expect(error.message).not.toMatch(new RegExp(`${KEY}|api_key`));
  });

  it('never writes the key into the log while retrying', async () => {
    h = await harness();
    h.emu.inject({ path: '/2.0/', status: 500, body: 'oops' });
    await h.client.chartTopTracks();
    expect(loggedText(h.logger)).not.toContain(KEY);
    expect(h.logger.lines.length).toBeGreaterThan(0);
  });
});
