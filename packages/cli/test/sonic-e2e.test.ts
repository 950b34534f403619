import { afterEach, describe, expect, it } from '@jest/globals';
import { sampleLibrary, startPlexEmulator, type PlexEmulator, type PlexEmulatorOptions } from '@harmoniq/testkit';
import { runCli, tempDir } from './cli-harness.js';

let plex: PlexEmulator | undefined;
afterEach(async () => {
  await plex?.close();
  plex = undefined;
});

async function world(options: PlexEmulatorOptions = {}) {
  plex = await startPlexEmulator({ tracks: sampleLibrary(), ...options });
  const dataDir = tempDir('harmoniq-sonic-');
  const env = {
    PLEX_URL: plex.url,
    PLEX_TOKEN: plex.token,
    PLEX_MUSIC_LIBRARY_NAME: 'Music',
    HARMONIQ_DATA_DIR: dataDir,
    HARMONIQ_RETRY_BASE_MS: '5',
    TIMEZONE: 'UTC',
    // The sample library's plays are relative to 2024-05-02.
    HARMONIQ_CLOCK_START: '2024-05-02T08:30:00Z',
  };
  return { plex, env, cwd: dataDir };
}

const nearest = (p: PlexEmulator) => p.requests.filter((r) => r.path.endsWith('/nearest'));

describe('harmoniq sync sonic-mix', () => {
  it('fills "Sonic Mix" with 50 library tracks from one neighbour request per seed', async () => {
    const { plex, env, cwd } = await world();
    const r = await runCli(['sync', 'sonic-mix'], { ...env, ENABLE_SONIC_MIX: 'true' }, cwd);
    expect(r.code).toBe(0);
    expect(plex.playlist('Sonic Mix')?.items).toHaveLength(50);
    expect(nearest(plex)).toHaveLength(10);
  });

  it('keeps the playlist and exits 0 with one clear warning when the server has no sonic analysis', async () => {
    const { plex, env, cwd } = await world({ sonicAnalysis: false });
    const mine = plex.createPlaylist('Sonic Mix', plex.tracks().slice(0, 3).map((t) => t.ratingKey));
    const first = await runCli(['sync', 'sonic-mix', '--adopt'], { ...env, ENABLE_SONIC_MIX: 'true' }, cwd);
    const output = first.stdout + first.stderr;
    expect(first.code).toBe(0);
    expect(output.match(/Sonic analysis is missing/g)).toHaveLength(1);
    expect(output).toMatch(/Plex Pass/);
    expect(plex.playlist(mine)?.items).toHaveLength(3);
    expect(nearest(plex)).toHaveLength(0);
  });
});

describe('harmoniq sync daily-flow with TIME_PLAYLIST_ORDER=sonic', () => {
  const flowEnv = { ENABLE_TIME_PLAYLIST: 'true', TIME_WINDOWS: '00:00-24:00=Jazz,Rock,Pop,Electronic', PLAYLIST_SIZE_TIME: '20' };

  it('orders the playlist so that neighbours sound alike', async () => {
    const { plex, env, cwd } = await world();
    const r = await runCli(['sync', 'daily-flow'], { ...env, ...flowEnv, TIME_PLAYLIST_ORDER: 'sonic' }, cwd);
    expect(r.code).toBe(0);
    const keys = plex.playlist('Daily Flow')?.items.map((i) => i.ratingKey) ?? [];
    expect(keys).toHaveLength(20);
    expect(nearest(plex)).toHaveLength(20);
    const steps = keys.slice(1).map((k, i) => plex.sonicDistance(keys[i] ?? k, k));
    const mean = steps.reduce((s, d) => s + d, 0) / steps.length;
    // Tracks of one genre lie ~0.1 apart in the emulator, genres ~0.4: a few genre changes, not one per step.
    expect(mean).toBeLessThan(0.2);
  });

  it('falls back to the usual order with an INFO line, exit 0, on a server without analysis', async () => {
    const { plex, env, cwd } = await world({ sonicAnalysis: false });
    const r = await runCli(['sync', 'daily-flow', '-v'], { ...env, ...flowEnv, TIME_PLAYLIST_ORDER: 'sonic' }, cwd);
    expect(r.code).toBe(0);
    expect(plex.playlist('Daily Flow')?.items).toHaveLength(20);
    expect(r.stdout + r.stderr).toMatch(/TIME_PLAYLIST_ORDER=sonic: the library has no sonically analysed tracks/);
  });
});

describe('harmoniq doctor', () => {
  it('reports sonic analysis as available, partly available or missing, without failing the check', async () => {
    const analysed = await world();
    const yes = await runCli(['doctor'], analysed.env, analysed.cwd);
    expect(yes.stdout).toMatch(/✓ sonic analysis: available/);
    await analysed.plex.close();

    const partly = await world({ tracks: sampleLibrary().map((t, i) => (i % 3 === 0 ? { ...t, sonicAnalysis: false } : t)) });
    expect((await runCli(['doctor'], partly.env, partly.cwd)).stdout).toMatch(/✓ sonic analysis: partly available \(\d+ of 200/);
    await partly.plex.close();

    const none = await world({ sonicAnalysis: false });
    const no = await runCli(['doctor'], none.env, none.cwd);
    expect(no.stdout).toMatch(/✓ sonic analysis: not available .*Plex Pass/);
    expect(no.code).toBe(yes.code);
  });
});
