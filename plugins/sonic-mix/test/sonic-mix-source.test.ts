import { afterEach, describe, expect, it } from '@jest/globals';
import { checkSourceContract } from '@harmoniq/core/testing';
import { sampleLibrary, startPlexEmulator, type PlexEmulator } from '@harmoniq/testkit';
import { neighboursPerSeed, parseSonicMixOptions, sonicMixSource, type SonicMixOptions } from '../src/index.js';
import { liveContext, SAMPLE_NOW } from './live-context.js';

let plex: PlexEmulator | undefined;
afterEach(async () => {
  await plex?.close();
  plex = undefined;
});

const options = (env: Record<string, string> = {}): SonicMixOptions => {
  const parsed = parseSonicMixOptions({}, env);
  if (!parsed.ok) throw new Error('bad options');
  return parsed.value;
};

const nearestRequests = (p: PlexEmulator) => p.requests.filter((r) => r.path.endsWith('/nearest'));
const warnings = (ctx: { logger: { lines: { level: string; message: string }[] } }) => ctx.logger.lines.filter((l) => l.level === 'warn').map((l) => l.message);

describe('Sonic Mix against an analysed library (real HTTP)', () => {
  it('expands the seeds through one neighbour request each, and ranks close, fresh tracks of varied artists', async () => {
    plex = await startPlexEmulator({ tracks: sampleLibrary() });
    const ctx = await liveContext(plex, { size: 20 });
    const o = options();
    const [draft] = await sonicMixSource.fetch(o, ctx);
    const requests = nearestRequests(plex);
    expect(requests).toHaveLength(o.seeds);
    expect(requests[0]?.query).toMatchObject({ limit: String(neighboursPerSeed(20, o.seeds)), maxDistance: '0.25' });
    expect(ctx.peak()).toBeLessThanOrEqual(4);
    expect(draft?.keepExisting).toBeUndefined();
    const keys = draft!.tracks.map((c) => c.ids?.plexRatingKey);
    expect(keys.length).toBeGreaterThanOrEqual(20);
    expect(keys.length).toBeLessThanOrEqual(60);
    expect(new Set(keys).size).toBe(keys.length);
    const seedKeys = new Set(requests.map((r) => r.path.split('/')[3] ?? ''));
    expect(keys.some((k) => seedKeys.has(k!))).toBe(false);
    const perArtist = new Map<string, number>();
    for (const c of draft!.tracks) perArtist.set(c.artist, (perArtist.get(c.artist) ?? 0) + 1);
    expect(Math.max(...perArtist.values())).toBeLessThanOrEqual(o.maxPerArtist);
    // Every candidate is within maxDistance of the seed it is credited to.
    for (const c of draft!.tracks) expect(c.note).toMatch(/^sounds like .+ \(distance 0\.(0\d\d|1\d\d|2[0-5]\d)\)/);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const top = keys.slice(0, 20).map((k) => Math.min(...[...seedKeys].map((s) => plex!.sonicDistance(s, k!))));
    const all = plex.tracks().map((t) => t.ratingKey).filter((k) => !seedKeys.has(k));
    const random = all.map((k) => Math.min(...[...seedKeys].map((s) => plex!.sonicDistance(s, k))));
    expect(mean(top)).toBeLessThan(mean(random));
  });

  it('gives the same mix all day and another one the next day', async () => {
    plex = await startPlexEmulator({ tracks: sampleLibrary() });
    const keysAt = async (now: string) => {
      const ctx = await liveContext(plex!, { now });
      const [draft] = await sonicMixSource.fetch(options(), ctx);
      return draft!.tracks.map((c) => c.ids?.plexRatingKey).join(',');
    };
    const morning = await keysAt(SAMPLE_NOW);
    expect(await keysAt('2024-05-02T21:45:00Z')).toBe(morning);
    expect(await keysAt('2024-05-03T09:00:00Z')).not.toBe(morning);
  });

  it('uses what is there in a partly analysed library, and says so', async () => {
    const library = sampleLibrary().map((t, i) => (i % 2 === 0 ? { ...t, sonicAnalysis: false } : t));
    plex = await startPlexEmulator({ tracks: library });
    const ctx = await liveContext(plex);
    const [draft] = await sonicMixSource.fetch(options(), ctx);
    expect(draft!.tracks.length).toBeGreaterThan(0);
    const analysed = new Set(ctx.tracks.filter((t) => t.sonicAnalysis).map((t) => t.ratingKey));
    expect(nearestRequests(plex).every((r) => analysed.has(r.path.split('/')[3]!))).toBe(true);
    expect(ctx.logger.lines.some((l) => l.level === 'info' && /\d+ of \d+ tracks are sonically analysed/.test(l.message))).toBe(true);
  });
});

describe('Sonic Mix without sonic analysis', () => {
  it('keeps the playlist, warns once naming Plex Pass and the library setting, and asks Plex nothing', async () => {
    plex = await startPlexEmulator({ tracks: sampleLibrary(), sonicAnalysis: false });
    const ctx = await liveContext(plex);
    const [draft] = await sonicMixSource.fetch(options(), ctx);
    expect(draft).toMatchObject({ title: 'Sonic Mix', tracks: [], keepExisting: { reason: expect.stringContaining('sonic analysis') } });
    expect(warnings(ctx)).toHaveLength(1);
    expect(warnings(ctx)[0]).toMatch(/Sonic analysis is missing.*Plex Pass.*sonic analysis for tracks/);
    expect(nearestRequests(plex)).toHaveLength(0);
  });

  it('passes the plugin contract with and without analysis', async () => {
    plex = await startPlexEmulator({ tracks: sampleLibrary() });
    expect(await checkSourceContract(sonicMixSource, { env: {}, context: await liveContext(plex) })).toEqual([]);
    expect(await checkSourceContract(sonicMixSource, { env: {} })).toEqual([]);
  });
});

describe('Sonic Mix options', () => {
  it('reads SONIC_MIX_* over the config file, with defaults', () => {
    expect(parseSonicMixOptions({}, {})).toEqual({ ok: true, value: { periodDays: 30, seeds: 10, maxPerArtist: 3, avoidDays: 3, maxDistance: 0.25 } });
    expect(parseSonicMixOptions({ seeds: 4, periodDays: 7 }, { SONIC_MIX_SEEDS: '6' })).toMatchObject({ ok: true, value: { seeds: 6, periodDays: 7 } });
  });

  it('reports every bad value at once, with where it came from', () => {
    const result = parseSonicMixOptions({ maxDistance: 2 }, { SONIC_MIX_SEEDS: 'lots', SONIC_MIX_PERIOD_DAYS: '0' });
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors.map((e) => e.path).sort()).toEqual(['SONIC_MIX_PERIOD_DAYS', 'SONIC_MIX_SEEDS', 'sources.sonic-mix.maxDistance']);
    expect(errors.find((e) => e.path === 'SONIC_MIX_SEEDS')?.message).toMatch(/lots/);
    expect(errors.find((e) => e.path === 'sources.sonic-mix.maxDistance')?.message).toMatch(/between 0\.01 and 1/);
    expect(parseSonicMixOptions({}, { SONIC_MIX_MAX_DISTANCE: '0.4' })).toMatchObject({ ok: true, value: { maxDistance: 0.4 } });
  });
});
