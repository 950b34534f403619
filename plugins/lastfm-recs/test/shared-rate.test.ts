import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createSharedRegistry } from '@harmoniq/core/pipeline';
import { lastfmLovedSource, lastfmRecsSource, lastfmTopSource } from '@harmoniq/plugin-lastfm-recs';
import type { PlaylistSource } from '@harmoniq/core';
import type { LastfmEmulator } from '@harmoniq/testkit';
import { context, emulator, env } from './fixtures.js';

let emu: LastfmEmulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => {
  await emu.close();
});

describe('several Last.fm sources in one run', () => {
  it('keep to the per-key rate together, because they share one gate', async () => {
    const shared = createSharedRegistry();
    const run = async (source: PlaylistSource<unknown>) => {
      const parsed = source.parseOptions({}, env(emu.url));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const ctx = { ...context(), shared };
      return source.fetch({ ...(parsed.value as object), retryBaseMs: 1 }, ctx);
    };
    const drafts = await Promise.all([lastfmRecsSource, lastfmTopSource, lastfmLovedSource].map((s) => run(s as PlaylistSource<unknown>)));
    expect(drafts.every((d) => d.length === 1)).toBe(true);
    expect(emu.requests.length).toBeGreaterThan(5);
    expect(emu.peakRequestsPerSecond()).toBeLessThanOrEqual(5);
  });
});
