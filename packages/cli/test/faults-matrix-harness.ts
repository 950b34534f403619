import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createMemoryLogger, createStateStore, type HarmoniqState } from '@harmoniq/core/pipeline';
import { sampleLibrary, startLastfmEmulator, startPlexEmulator, type LastfmEmulator, type PlexEmulator } from '@harmoniq/testkit';
import { runCli, tempDir } from './cli-harness.js';
import { expectedOutcome, matrixCases, type RouteCase } from './faults-matrix-cases.js';

/**
 * Runs rows of the Plex fault matrix (faults-matrix-cases.ts; the table is in docs/reliability.md), one
 * in-process sync per case against the emulators. For each: the playlist holds the old or the new list in
 * full, the exit code is the documented one, one log line says what failed, and the next run ends with
 * exactly what a clean run produces, still managed by Harmoniq.
 */
export function describeMatrix(title: string, routes: RouteCase[]): void {
  const TITLE = 'Global Top 50';
  const LISTING = /^\/library\/sections\/[^/]+\/all$/;
  const fixture = {} as {
    plex: PlexEmulator;
    lastfm: LastfmEmulator;
    /** The playlist chart A leaves, which each 'update' case starts from. */
    before: string[];
    /** What a clean run leaves for chart B (from the old playlist, and from nothing: the same). */
    reference: string[];
    /** A warm library index and the state key of the chart playlist, from the clean run. */
    templateCache: string;
    stateKey: string;
    /** Requests to the section listing let through before the second page of tracks in a cold run. */
    secondTrackPage: number;
  };

  const listsTitled = () => fixture.plex.playlists().filter((p) => p.title === TITLE);
  const keysOf = () => listsTitled().map((p) => p.items.map((i) => i.ratingKey));
  const readState = (dir: string): HarmoniqState => JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as HarmoniqState;
  const envFor = (dataDir: string): Record<string, string> => ({
    PLEX_URL: fixture.plex.url,
    PLEX_TOKEN: fixture.plex.token,
    PLEX_MUSIC_LIBRARY_NAME: 'Music',
    PLEX_TIMEOUT_MS: '300',
    PLEX_PAGE_SIZE: '25',
    LASTFM_API_KEY: fixture.lastfm.apiKey,
    LASTFM_API_URL: `${fixture.lastfm.url}/2.0/`,
    ENABLE_LASTFM_CHARTS: 'true',
    PLAYLIST_SIZE_CHARTS: '20',
    HARMONIQ_DATA_DIR: dataDir,
    HARMONIQ_RETRY_BASE_MS: '5',
    TIMEZONE: 'UTC',
  });
  const resetPlex = (): void => {
    for (const p of fixture.plex.playlists()) fixture.plex.deletePlaylist(p.ratingKey);
    fixture.plex.clearFaults();
    fixture.plex.resetRequests();
  };

  /**
   * The situation before the faulted run, set up without a sync: for 'update', the playlist chart A made
   * (same tracks, recorded as managed) and a warm index unless the case wants a cold one.
   */
  const prepare = async (route: RouteCase, dataDir: string): Promise<void> => {
    resetPlex();
    if (route.scenario !== 'update') return;
    if (!route.cold) cpSync(fixture.templateCache, join(dataDir, 'cache'), { recursive: true });
    const ratingKey = fixture.plex.createPlaylist(TITLE, fixture.before);
    await createStateStore(dataDir, createMemoryLogger()).update((s) => {
      s.playlists[fixture.stateKey] = { ratingKey, title: TITLE, server: fixture.plex.machineIdentifier, updatedAt: new Date(0).toISOString() };
    });
  };

  beforeAll(async () => {
    const plex = (fixture.plex = await startPlexEmulator({ tracks: sampleLibrary().slice(0, 90) }));
    const named = plex.tracks().map((t) => ({ artist: t.trackArtist ?? t.artist, title: t.title }));
    // Chart B reorders survivors, brings new tracks and drops others: the update adds, removes and moves.
    const chartA = named.slice(0, 26);
    const chartB = [...named.slice(10, 26).reverse(), ...named.slice(26, 50)];
    fixture.lastfm = await startLastfmEmulator({ data: { chart: chartA } });

    const clean = tempDir('harmoniq-matrix-');
    expect((await runCli(['sync', '--all'], envFor(clean), clean)).code).toBe(0);
    fixture.before = keysOf()[0]!;
    fixture.stateKey = Object.keys(readState(clean).playlists)[0]!;
    fixture.templateCache = join(tempDir('harmoniq-matrix-cache-'), 'cache');
    cpSync(join(clean, 'cache'), fixture.templateCache, { recursive: true });

    // A clean, cold update to chart B: the reference, and where the second page of tracks is read.
    rmSync(join(clean, 'cache'), { recursive: true, force: true });
    fixture.lastfm.setData({ chart: chartB });
    plex.resetRequests();
    expect((await runCli(['sync', '--all'], envFor(clean), clean)).code).toBe(0);
    fixture.reference = keysOf()[0]!;
    const listing = plex.requests.filter((r) => r.method === 'GET' && LISTING.test(r.path));
    fixture.secondTrackPage = listing.findIndex((r) => r.query.type === '10' && Number(r.query['X-Plex-Container-Start']) > 0);
    expect(fixture.secondTrackPage).toBeGreaterThan(0);
    expect(fixture.reference).not.toEqual(fixture.before);

    resetPlex();
    const fresh = tempDir('harmoniq-matrix-');
    expect((await runCli(['sync', '--all'], envFor(fresh), fresh)).code).toBe(0);
    expect(keysOf()).toEqual([fixture.reference]);
  });

  afterAll(async () => {
    await fixture.plex.close();
    await fixture.lastfm.close();
  });

  describe(title, () => {
    it.each(matrixCases(routes))('%s × %s: a complete playlist, the documented exit code, one line, repaired next run', async (_r, _f, route, fault) => {
      const { plex, before, reference } = fixture;
      const dataDir = tempDir('harmoniq-matrix-');
      const env = envFor(dataDir);
      await prepare(route, dataDir);
      const after = route.cold ? fixture.secondTrackPage : route.after;
      plex.inject({ ...fault.rule, method: route.method, path: route.path, ...(after ? { after } : {}) });

      const faulted = await runCli(['sync', '--all'], env, dataDir);
      const want = expectedOutcome(route, fault);
      expect({ exit: faulted.code, stderr: faulted.stderr }).toMatchObject({ exit: want.exitCode });
      expect(faulted.stderr).not.toMatch(/\n\s+at /);
      if (want.code) {
        // Exactly one line names the error code and what went wrong.
        const lines = faulted.stderr.split('\n').filter((l) => l.includes(want.code!) && want.text!.test(l));
        expect(lines).toHaveLength(1);
      }

      // The playlist holds the old or the new list in full, never an empty or half one, never a duplicate.
      const lists = keysOf();
      expect(lists.length).toBeLessThanOrEqual(1);
      const during = lists[0];
      if (route.scenario === 'update') expect(during).toBeDefined();
      if (during) {
        expect(new Set(during).size).toBe(during.length);
        const holds = (keys: string[]) => keys.every((k) => during.includes(k));
        expect(holds(route.scenario === 'update' ? before : reference) || holds(reference)).toBe(true);
      }
      expect(() => readState(dataDir)).not.toThrow();

      plex.clearFaults();
      const repaired = await runCli(['sync', '--all'], env, dataDir);
      expect({ exit: repaired.code, stderr: repaired.stderr }).toMatchObject({ exit: 0 });
      expect(repaired.stderr).not.toContain('EPLAYLISTCONFLICT');
      expect(keysOf()).toEqual([reference]);
      // Still Harmoniq's playlist: the state points at it, so later runs keep updating it.
      expect(readState(dataDir).playlists[fixture.stateKey]?.ratingKey).toBe(listsTitled()[0]!.ratingKey);
    });
  });
}
