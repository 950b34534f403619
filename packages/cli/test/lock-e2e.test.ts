import { afterEach, describe, expect, it } from '@jest/globals';
import { utimesSync } from 'node:fs';
import type { LastfmEmulator, PlexEmulator } from '@harmoniq/testkit';
import { runCli, spawnCli, useChartWorld } from './cli-harness.js';
import { killAll, lockHeld, lockPath, spawnHarmoniq, waitUntil, type SpawnedCli } from './daemon-harness.js';

let plex: PlexEmulator;
let lastfm: LastfmEmulator;
let dataDir: string;
let env: Record<string, string>;
const procs: SpawnedCli[] = [];

/** A daemon whose first run hangs on the chart request, so it holds the lock until the test stops it. */
async function daemonHoldingTheLock(args: string[] = []): Promise<SpawnedCli> {
  lastfm.inject({ path: '/2.0/', times: 1, hang: true });
  const d = spawnHarmoniq(['daemon', ...args], { ...env, RUN_INTERVAL_MINUTES: '600' }, dataDir);
  procs.push(d);
  await waitUntil(() => lastfm.requests.length > 0, 'the daemon run is fetching (and holds the lock)');
  expect(lockHeld(dataDir)).toBe(true);
  return d;
}

useChartWorld('harmoniq-lock-', (world, fresh) => {
  ({ plex, lastfm } = world);
  ({ dataDir, env } = fresh);
});

afterEach(() => killAll(procs));

describe('the run lock shared by sync and daemon', () => {
  it('makes a sync that meets a running daemon exit 4 with --wait 0, and wait for it otherwise', async () => {
    const d = await daemonHoldingTheLock(['--shutdown-seconds', '0']);
    const waiting = spawnHarmoniq(['sync', '--all', '--wait', '60'], env, dataDir);
    procs.push(waiting);
    const refused = await spawnCli(['sync', '--all', '--wait', '0'], env, dataDir);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/^harmoniq: ELOCKED Another Harmoniq run \(a daemon or another sync\) holds the lock on .*--wait <seconds>/m);
    await waiting.waitFor(/^Another Harmoniq run holds .*harmoniq\.lock; waiting up to 60 s for it to finish\.$/);

    // Stopping the daemon ends its run (the hanging request is abandoned) and frees the lock for the waiting sync.
    d.child.kill('SIGTERM');
    expect((await d.exited).code).toBe(0);
    expect((await waiting.exited).code).toBe(0);
    expect(plex.requests.filter((r) => r.method === 'POST' && r.path === '/playlists')).toHaveLength(1);
    expect(plex.playlist('Global Top 50')!.items.length).toBeGreaterThan(0);
    expect(lockHeld(dataDir)).toBe(false);
  });

  it('takes over a stale lock left by a killed process', async () => {
    const d = await daemonHoldingTheLock();
    d.child.kill('SIGKILL');
    await d.exited;
    expect(lockHeld(dataDir)).toBe(true);

    // Fresh: the holder might still be alive, so it is respected.
    const early = await spawnCli(['sync', '--all', '--wait', '0'], env, dataDir);
    expect(early.code).toBe(4);

    // A minute without a heartbeat (the holder refreshes it every 5 s): the holder is gone.
    const past = new Date(Date.now() - 60_000);
    utimesSync(lockPath(dataDir), past, past);
    const r = await spawnCli(['sync', '--all', '--wait', '0'], env, dataDir);
    expect(r.stderr).not.toContain('ELOCKED');
    expect(r.code).toBe(0);
    expect(plex.playlist('Global Top 50')!.items.length).toBeGreaterThan(0);
    expect(lockHeld(dataDir)).toBe(false);
  });

  it('refuses a --wait that is not a number of seconds (exit 2)', async () => {
    const r = await runCli(['sync', '--all', '--wait', 'soon'], env, dataDir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/EUSAGE --wait must be a number of seconds/);
  });
});
