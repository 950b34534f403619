import { afterEach, describe, expect, it } from '@jest/globals';
import { createRequestGate } from '@harmoniq/lastfm';
import { harness, type Harness } from './fixtures.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('rate and concurrency gate', () => {
  it('never sends more requests in a second than ratePerSecond, whatever the callers do', async () => {
    h = await harness({ ratePerSecond: 4, concurrency: 4 }, { rateLimitPerSecond: 4 });
    const artists = Array.from({ length: 10 }, (_, i) => `Artist ${i}`);
    await Promise.all(artists.map((a) => h!.client.artistSimilar(a)));
    expect(h.emu.requests).toHaveLength(10);
    expect(h.emu.requests.every((r) => r.status === 200)).toBe(true);
    expect(h.emu.peakRequestsPerSecond()).toBeLessThanOrEqual(4);
  });

  it('keeps no more than `concurrency` calls in flight', async () => {
    const gate = createRequestGate({ ratePerSecond: 1000, concurrency: 2 });
    let active = 0;
    let peak = 0;
    const task = async (): Promise<void> => {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, 5));
      active -= 1;
    };
    await Promise.all(Array.from({ length: 8 }, () => gate.run(task)));
    expect(peak).toBe(2);
  });

  it('lets a failed call release its place', async () => {
    const gate = createRequestGate({ ratePerSecond: 1000, concurrency: 1 });
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(() => Promise.resolve('next'))).resolves.toBe('next');
  });

  it('stops waiting when the run is aborted', async () => {
    const gate = createRequestGate({ ratePerSecond: 1, concurrency: 1 });
    await gate.run(() => Promise.resolve());
    const controller = new AbortController();
    const waiting = gate.run(() => Promise.resolve('never'), controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'EABORTED' });
  });
});

describe('stopping a run', () => {
  it('reports EABORTED, not a Last.fm failure, when the run is stopped mid-request', async () => {
    const controller = new AbortController();
    h = await harness({ signal: controller.signal });
    h.emu.inject({ path: '/2.0/', delayMs: 2000 });
    const pending = h.client.chartTopTracks();
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ code: 'EABORTED' });
  });
});
