import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LastfmEmulator, PlexEmulator } from '@harmoniq/testkit';
import { runCli, spawnCli, useChartWorld } from './cli-harness.js';

let plex: PlexEmulator;
let lastfm: LastfmEmulator;
let dataDir: string;
let env: Record<string, string>;

const health = (args: string[] = [], extra: Record<string, string> = {}) => runCli(['health', ...args], { ...env, ...extra }, dataDir);
const hoursFromNow = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

useChartWorld('harmoniq-health-', (world, fresh) => {
  ({ plex, lastfm } = world);
  ({ dataDir, env } = fresh);
});

describe('harmoniq health (reads the state file, no network)', () => {
  it('is unhealthy before any run has been recorded', async () => {
    const r = await health();
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`unhealthy: no run recorded yet in ${dataDir}\n`);
  });

  it('is healthy after a successful run, without a request to any service (spawned bin)', async () => {
    expect((await runCli(['sync', '--all'], env, dataDir)).code).toBe(0);
    plex.resetRequests();
    lastfm.resetRequests();
    const r = await spawnCli(['health'], env, dataDir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^healthy: the last run \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\) succeeded: 1 of 1 sources ok\n$/);
    expect(plex.requests).toEqual([]);
    expect(lastfm.requests).toEqual([]);
  });

  it('is unhealthy when the last run failed, with the reason on one line', async () => {
    expect((await runCli(['sync', '--all'], env, dataDir)).code).toBe(0);
    expect((await runCli(['sync', '--all'], { ...env, LASTFM_API_KEY: 'bad-key-0000' }, dataDir)).code).toBe(1);
    const r = await health();
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^unhealthy: the last run \(.+\) failed with exit code 1: 0 of 1 sources ok\n$/);
  });

  it('is unhealthy when Plex could not be reached on the last run, naming why', async () => {
    expect((await runCli(['sync', '--all'], { ...env, PLEX_URL: 'http://127.0.0.1:9' }, dataDir)).code).toBe(3);
    const r = await health();
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^unhealthy: the last run \(.+\) failed with exit code 3: .*Plex/);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('is unhealthy when the last success is older than twice the interval plus 10 minutes, or than --max-age', async () => {
    expect((await runCli(['sync', '--all'], env, dataDir)).code).toBe(0);
    const hourly = { RUN_INTERVAL_MINUTES: '60' };
    expect((await health([], { ...hourly, HARMONIQ_CLOCK_START: hoursFromNow(2) })).code).toBe(0);
    const late = await health([], { ...hourly, HARMONIQ_CLOCK_START: hoursFromNow(3) });
    expect(late.code).toBe(1);
    expect(late.stdout).toMatch(/^unhealthy: the last successful run finished 18\d min ago \(.+\), more than 130 min\n$/);
    expect((await health(['--max-age', '240'], { ...hourly, HARMONIQ_CLOCK_START: hoursFromNow(3) })).code).toBe(0);
    expect((await health(['--max-age', '30'], { HARMONIQ_CLOCK_START: hoursFromNow(1) })).code).toBe(1);
    // Without a schedule (a daily cron job), a day and the grace period.
    expect((await health([], { HARMONIQ_CLOCK_START: hoursFromNow(24) })).code).toBe(0);
    expect((await health([], { HARMONIQ_CLOCK_START: hoursFromNow(25) })).code).toBe(1);
  });

  it('reports a corrupt state file as unhealthy and leaves the file where it is', async () => {
    const path = join(dataDir, 'state.json');
    writeFileSync(path, '{ "version": 1, "playl');
    const r = await health();
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^unhealthy: the state file .*state\.json cannot be read: /);
    expect(readFileSync(path, 'utf8')).toBe('{ "version": 1, "playl');
  });

  it('refuses a --max-age that is not a positive number of minutes (exit 2)', async () => {
    const r = await health(['--max-age', 'ten']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/EUSAGE --max-age must be a positive number of minutes, got 'ten'/);
  });
});
