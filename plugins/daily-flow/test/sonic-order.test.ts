import { afterEach, describe, expect, it } from '@jest/globals';
import { seededShuffle, type LibraryTrack } from '@harmoniq/core';
import { createHttp, createLibraryIndex, createMemoryLogger, createRedactor, sonicLookup } from '@harmoniq/core/pipeline';
import { createTestContext } from '@harmoniq/core/testing';
import { createPlexClient } from '@harmoniq/plex';
import { sampleLibrary, startPlexEmulator, type PlexEmulator } from '@harmoniq/testkit';
import { chainOrder, dailyFlowSource, distanceTable } from '../src/index.js';

const WINDOWS = '00:00-24:00=Jazz,Rock,Pop,Electronic,Hip-Hop';

let plex: PlexEmulator | undefined;
afterEach(async () => {
  await plex?.close();
  plex = undefined;
});

async function liveContext(p: PlexEmulator) {
  const logger = createMemoryLogger('plex');
  const http = createHttp({ userAgent: 'harmoniq-test', redactor: createRedactor([p.token]), logger, retryBaseMs: 5, timeoutMs: 5000 });
  const client = createPlexClient({ url: p.url, token: p.token, http, logger, clientIdentifier: 'harmoniq-test' });
  const tracks = await client.listTracks(p.sectionId);
  const base = createTestContext({ tracks, now: '2024-05-02T08:30:00Z', common: { playlist: 'Daily Flow', size: 30 } });
  return { ...base, library: createLibraryIndex(tracks, sonicLookup(client, p.sectionId)) };
}

async function flow(p: PlexEmulator, order: string): Promise<{ keys: string[]; ctx: Awaited<ReturnType<typeof liveContext>> }> {
  const parsed = dailyFlowSource.parseOptions({}, { TIME_WINDOWS: WINDOWS, TIME_PLAYLIST_ORDER: order });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const ctx = await liveContext(p);
  const [draft] = await dailyFlowSource.fetch(parsed.value, ctx);
  return { keys: (draft?.tracks ?? []).map((c) => c.ids?.plexRatingKey ?? ''), ctx };
}

const meanStep = (p: PlexEmulator, keys: readonly string[]): number =>
  keys.slice(1).reduce((sum, k, i) => sum + p.sonicDistance(keys[i] ?? k, k), 0) / (keys.length - 1);
const nearestRequests = (p: PlexEmulator) => p.requests.filter((r) => r.path.endsWith('/nearest'));
const infos = (ctx: { logger: { lines: { level: string; message: string }[] } }) => ctx.logger.lines.filter((l) => l.level === 'info').map((l) => l.message);

describe('Daily Flow in sonic order (TIME_PLAYLIST_ORDER=sonic)', () => {
  it('orders the same selection so that consecutive tracks are far closer than in a random order', async () => {
    plex = await startPlexEmulator({ tracks: sampleLibrary() });
    const plain = await flow(plex, 'selection');
    expect(nearestRequests(plex)).toHaveLength(0);
    const sonic = await flow(plex, 'sonic');
    expect([...sonic.keys].sort()).toEqual([...plain.keys].sort());
    expect(sonic.keys).not.toEqual(plain.keys);
    expect(nearestRequests(plex)).toHaveLength(sonic.keys.length);
    expect(nearestRequests(plex)[0]?.query).toMatchObject({ limit: '200', maxDistance: '1' });

    const ordered = meanStep(plex, sonic.keys);
    const randoms = Array.from({ length: 200 }, (_, i) => meanStep(plex!, seededShuffle(sonic.keys, `random-${i}`)));
    const random = randoms.reduce((s, x) => s + x, 0) / randoms.length;
    const selectionOrder = meanStep(plex, plain.keys);
    const ratio = ordered / random;
    console.log(
      `Daily Flow sonic order, ${sonic.keys.length} tracks of 5 genres: mean neighbour distance ${ordered.toFixed(3)} ` +
        `vs ${random.toFixed(3)} for a random order (mean of 200) and ${selectionOrder.toFixed(3)} for the selection's order: ratio ${ratio.toFixed(2)}`,
    );
    expect(ratio).toBeLessThan(0.6);
    expect(Math.max(...randoms)).toBeGreaterThan(ordered);
    expect(infos(sonic.ctx).some((m) => /^Sonic order: \d+ neighbour requests, mean distance between consecutive tracks 0\.\d{3}$/.test(m))).toBe(true);
  });

  it('puts tracks Plex has not analysed last and orders the rest', async () => {
    const library = sampleLibrary().map((t, i) => (i % 4 === 0 ? { ...t, sonicAnalysis: false } : t));
    plex = await startPlexEmulator({ tracks: library });
    const { keys, ctx } = await flow(plex, 'sonic');
    const analysed = new Set(ctx.library.tracks.filter((t) => t.sonicAnalysis).map((t) => t.ratingKey));
    const firstUnanalysed = keys.findIndex((k) => !analysed.has(k));
    expect(firstUnanalysed).toBeGreaterThan(0);
    expect(keys.slice(firstUnanalysed).every((k) => !analysed.has(k))).toBe(true);
    expect(nearestRequests(plex)).toHaveLength(firstUnanalysed);
  });

  it('falls back to the usual order with one INFO line when the library is not analysed', async () => {
    plex = await startPlexEmulator({ tracks: sampleLibrary(), sonicAnalysis: false });
    const plain = await flow(plex, 'selection');
    const sonic = await flow(plex, 'sonic');
    expect(sonic.keys).toEqual(plain.keys);
    expect(nearestRequests(plex)).toHaveLength(0);
    const lines = infos(sonic.ctx).filter((m) => m.startsWith('TIME_PLAYLIST_ORDER=sonic'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/no sonically analysed tracks.*Plex Pass.*usual order/);
    expect(sonic.ctx.logger.lines.filter((l) => l.level === 'warn' || l.level === 'error')).toEqual([]);
  });
});

describe('the sonic chain', () => {
  const track = (k: string): LibraryTrack => ({ ratingKey: k, artist: 'A', title: k });
  it('walks points on a line in order, whatever order they come in', () => {
    const pos: Record<string, number> = { a: 0, b: 0.1, c: 0.25, d: 0.3, e: 0.6 };
    const keys = ['d', 'a', 'e', 'c', 'b'];
    const answers = new Map(keys.map((k) => [k, keys.filter((o) => o !== k).map((o) => ({ track: track(o), distance: Math.abs((pos[k] ?? 0) - (pos[o] ?? 0)) }))]));
    const order = chainOrder(keys, distanceTable(answers));
    expect([order.join(''), [...order].reverse().join('')]).toContain('abcde');
  });

  it('estimates a pair neither answer names through a neighbour both share', () => {
    const answers = new Map([
      ['a', [{ track: track('x'), distance: 0.05 }]],
      ['b', [{ track: track('x'), distance: 0.07 }]],
      ['c', [{ track: track('y'), distance: 0.01 }]],
    ]);
    const table = distanceTable(answers);
    expect([...table.values()]).toEqual([expect.closeTo(0.12, 6)]);
    const order = chainOrder(['a', 'c', 'b'], table);
    expect(Math.abs(order.indexOf('a') - order.indexOf('b'))).toBe(1);
  });
});

describe('TIME_PLAYLIST_ORDER', () => {
  it('defaults to the selection order; reads the environment over sources.daily-flow.order', () => {
    expect(dailyFlowSource.parseOptions({}, {})).toMatchObject({ ok: true, value: { order: 'selection' } });
    const fromFile = dailyFlowSource.parseOptions({ order: 'sonic' }, {});
    expect(fromFile).toMatchObject({ ok: true, value: { order: 'sonic' } });
    expect(fromFile.ok && fromFile.warnings).toBeFalsy();
    expect(dailyFlowSource.parseOptions({ order: 'sonic' }, { TIME_PLAYLIST_ORDER: 'Selection' })).toMatchObject({ ok: true, value: { order: 'selection' } });
  });

  it('names the variable and the allowed values for a bad one, beside the other problems', () => {
    expect(dailyFlowSource.parseOptions({}, { TIME_PLAYLIST_ORDER: 'shuffle', DAILY_FLOW_MAX_PER_ARTIST: '0' })).toEqual({
      ok: false,
      errors: [
        { path: 'DAILY_FLOW_MAX_PER_ARTIST', message: expect.any(String) },
        { path: 'TIME_PLAYLIST_ORDER', message: "TIME_PLAYLIST_ORDER must be one of selection, sonic, got 'shuffle'" },
      ],
    });
  });
});
