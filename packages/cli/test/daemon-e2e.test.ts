import { afterEach, describe, expect, it } from '@jest/globals';
import type { LastfmEmulator, PlexEmulator } from '@harmoniq/testkit';
import { runCli, useChartWorld } from './cli-harness.js';
import { killAll, lockHeld, spawnHarmoniq, waitUntil, type LogLine, type SpawnedCli } from './daemon-harness.js';

let plex: PlexEmulator;
let lastfm: LastfmEmulator;
let dataDir: string;
let env: Record<string, string>;
const procs: SpawnedCli[] = [];

const daemon = (extraEnv: Record<string, string>, args: string[] = []) => {
  const p = spawnHarmoniq(['daemon', ...args], { ...env, ...extraEnv }, dataDir);
  procs.push(p);
  return p;
};
const stopped = async (p: SpawnedCli, signal: NodeJS.Signals = 'SIGTERM') => {
  p.child.kill(signal);
  return p.exited;
};
const messages = (p: SpawnedCli, pattern: RegExp) => p.lines().filter((l) => pattern.test(l.message));
const chartOf = (from: number, to: number) => plex.tracks().slice(from, to).map((t) => ({ artist: t.trackArtist ?? t.artist, title: t.title }));
const keysOf = (title: string) => plex.playlist(title)?.items.map((i) => i.ratingKey) ?? [];

useChartWorld('harmoniq-daemon-', (world, fresh) => {
  ({ plex, lastfm } = world);
  ({ dataDir, env } = fresh);
});

afterEach(() => killAll(procs));

describe('harmoniq daemon (spawned bin, accelerated clock)', () => {
  it('syncs at start and then on every interval, logging one JSON object per line, and exits 0 on SIGTERM', async () => {
    // 120 simulated seconds per real second: a 1-minute interval comes every half second.
    const d = daemon({ RUN_INTERVAL_MINUTES: '1', HARMONIQ_CLOCK_RATE: '120' });
    const finished = await d.waitFor(/^Run finished \(/, { count: 3 });
    expect(finished[0]!.message).toMatch(/^Run finished \(start\): 1 of 1 sources ok/);
    expect(finished[1]!.message).toMatch(/^Run finished \(every 1 min\): 1 of 1 sources ok/);
    expect(await stopped(d)).toEqual({ code: 0, signal: null });

    const lines = d.lines();
    expect(lines.filter((l) => l.level === 'raw')).toEqual([]);
    expect(lines[0]!.message).toMatch(/^Harmoniq daemon started: every 1 min, time zone UTC, sources lastfm-charts, run on start yes\./);
    expect(messages(d, /^Next scheduled run \(every 1 min\): \d{4}-\d\d-\d\d \d\d:\d\d/).length).toBeGreaterThan(0);
    expect(lines.at(-1)!.message).toBe('Harmoniq daemon stopped.');
    // Updated in place run after run: created once.
    expect(plex.playlists().filter((p) => p.title === 'Global Top 50')).toHaveLength(1);
    expect(plex.requests.filter((r) => r.method === 'POST' && r.path === '/playlists')).toHaveLength(1);
    expect(lockHeld(dataDir)).toBe(false);
  });

  it('logs a failing run and goes on: the next run succeeds', async () => {
    lastfm.inject({
      path: '/2.0/',
      status: 403,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'Invalid API key - You must be granted a valid key by last.fm', error: 10 }),
      times: 1,
    });
    const d = daemon({ RUN_INTERVAL_MINUTES: '1', HARMONIQ_CLOCK_RATE: '120' });
    const [failed] = await d.waitFor(/^Run finished with errors \(start\)/);
    expect(failed!.level).toBe('warn');
    expect(failed!.message).toMatch(/0 of 1 sources ok, exit code 1.*The daemon goes on\./);
    expect(d.lines().some((l) => l.label === 'lastfm-charts' && l.level === 'error' && l.message.includes('ELASTFMKEY'))).toBe(true);
    await d.waitFor(/^Run finished \(every 1 min\): 1 of 1 sources ok/);
    expect(keysOf('Global Top 50').length).toBeGreaterThan(0);
    expect((await stopped(d)).code).toBe(0);
  });

  it('skips a tick that arrives while a run is still going, and never overlaps two runs', async () => {
    // The first run's chart request takes 1.5 s of real time, 15 simulated minutes: several ticks arrive meanwhile.
    lastfm.inject({ path: '/2.0/', delayMs: 1500, times: 1 });
    const d = daemon({ RUN_INTERVAL_MINUTES: '1', HARMONIQ_CLOCK_RATE: '600' });
    await d.waitFor(/^Skipped the every 1 min run: the previous run is still going\.$/);
    await d.waitFor(/^Run finished \(/, { count: 2 });
    expect((await stopped(d)).code).toBe(0);

    const events = d.lines().filter((l: LogLine) => /^(Starting a run|Run finished)/.test(l.message));
    events.forEach((e, i) => expect(e.message.startsWith(i % 2 === 0 ? 'Starting a run' : 'Run finished')).toBe(true));
    expect(plex.requests.filter((r) => r.method === 'POST' && r.path === '/playlists')).toHaveLength(1);
  });

  it('rebuilds Daily Flow at a window boundary in TIMEZONE without waiting for the interval', async () => {
    const dailyFlow = {
      ENABLE_LASTFM_CHARTS: 'false',
      ENABLE_TIME_PLAYLIST: 'true',
      TIME_WINDOWS: '06:00-12:00=Rock;12:00-06:00=Jazz',
      TIMEZONE: 'Europe/Berlin',
    };
    const night = await runCli(['sync', 'daily-flow'], { ...env, ...dailyFlow, HARMONIQ_CLOCK_START: '2026-03-10T05:58:00+01:00' }, dataDir);
    expect(night.code).toBe(0);
    const before = plex.playlist('Daily Flow')!;
    expect(before.summary).toContain('Jazz');
    const beforeKeys = keysOf('Daily Flow');

    // Forty simulated seconds (4 s real: room for a slow start) before 06:00 local time; no run at start and no interval run due for ten hours.
    const d = daemon({ ...dailyFlow, HARMONIQ_CLOCK_START: '2026-03-10T05:59:20+01:00', HARMONIQ_CLOCK_RATE: '10', RUN_ON_START: 'false', RUN_INTERVAL_MINUTES: '600' });
    await d.waitFor(/^Next content change: daily-flow at 2026-03-10 06:00 GMT\+1\.$/);
    const [run] = await d.waitFor(/^Run finished \(daily-flow change at 2026-03-10 06:00 GMT\+1\): 1 of 1 sources ok/);
    expect(run).toBeDefined();
    expect(messages(d, /^Starting a run \(start\)/)).toEqual([]);
    expect(messages(d, /^Starting a run \(every/)).toEqual([]);
    expect(messages(d, /^Next content change: daily-flow at 2026-03-10 12:00 GMT\+1\.$/)).toHaveLength(1);
    expect((await stopped(d)).code).toBe(0);

    const after = plex.playlist('Daily Flow')!;
    expect(after.ratingKey).toBe(before.ratingKey);
    expect(after.summary).toContain('Rock');
    expect(keysOf('Daily Flow')).not.toEqual(beforeKeys);
  });

  it('runs a scheduled sync that comes due together with a Daily Flow boundary, whichever starts first', async () => {
    const d = daemon({
      ENABLE_TIME_PLAYLIST: 'true',
      TIME_WINDOWS: '06:00-12:00=Rock;12:00-06:00=Jazz',
      TIMEZONE: 'Europe/Berlin',
      SCHEDULE_CRON: '0 6 * * *',
      RUN_ON_START: 'false',
      HARMONIQ_CLOCK_START: '2026-03-10T05:59:20+01:00',
      HARMONIQ_CLOCK_RATE: '10',
    });
    await d.waitFor(/^Run finished \(/, { count: 2 });
    expect((await stopped(d)).code).toBe(0);
    expect(messages(d, /^Skipped/)).toEqual([]);
    expect(messages(d, /^The .* run waits for the current run to finish\.$/)).toHaveLength(1);
    expect(keysOf('Global Top 50').length).toBeGreaterThan(0);
    expect(plex.playlist('Daily Flow')!.summary).toContain('Rock');
  });

  it('on SIGTERM during a playlist write exits 0 with the playlist whole, stops before the next source, and releases the lock', async () => {
    expect((await runCli(['sync', 'lastfm-charts'], env, dataDir)).code).toBe(0);
    const before = keysOf('Global Top 50');
    expect(before.length).toBeGreaterThan(0);
    const wanted = chartOf(40, 60);
    lastfm.setData({ chart: wanted });
    plex.inject({ method: 'PUT', path: /^\/playlists\/\d+\/items$/, delayMs: 2000, times: 1 });

    // Daily Flow comes after the charts and must not start once the stop bound (0 s) has passed.
    const d = daemon({ RUN_INTERVAL_MINUTES: '600', ENABLE_TIME_PLAYLIST: 'true', TIME_WINDOWS: '00:00-12:00=Rock;12:00-00:00=Pop' }, ['--shutdown-seconds', '0']);
    await waitUntil(() => plex.requests.some((r) => r.method === 'PUT' && /\/items$/.test(r.path)), 'the playlist write has started');
    expect(lockHeld(dataDir)).toBe(true);
    expect(await stopped(d)).toEqual({ code: 0, signal: null });

    const during = keysOf('Global Top 50');
    const wantedKeys = plex.tracks().slice(40, 60).map((t) => t.ratingKey);
    const hasAll = (keys: string[]) => keys.every((k) => during.includes(k));
    expect(hasAll(wantedKeys) || hasAll(before)).toBe(true);
    expect(new Set(during).size).toBe(during.length);
    expect(plex.playlist('Daily Flow')).toBeUndefined();
    expect(messages(d, /^SIGTERM received: finishing the current run \(at most 0 s\)/)).toHaveLength(1);
    expect(messages(d, /^Run stopped early \(start\): 1 of 2 sources ok/)).toHaveLength(1);
    expect(d.lines().at(-1)!.message).toBe('Harmoniq daemon stopped.');
    expect(lockHeld(dataDir)).toBe(false);
  });

  it('exits at once on a second signal', async () => {
    lastfm.inject({ path: '/2.0/', hang: true, times: 1 });
    const d = daemon({ RUN_INTERVAL_MINUTES: '600' });
    await waitUntil(() => lastfm.requests.length > 0, 'the run is fetching the chart');
    d.child.kill('SIGTERM');
    await d.waitFor(/^SIGTERM received/);
    const exit = await stopped(d, 'SIGINT');
    expect(exit.code).toBe(130);
    expect(lockHeld(dataDir)).toBe(false);
  });

  it('refuses to start without a schedule, naming the settings (exit 2, a JSON error line with LOG_FORMAT=json)', async () => {
    const r = await runCli(['daemon'], { ...env, LOG_FORMAT: 'json' }, dataDir);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.at(-1)).toMatchObject({ level: 'error', code: 'ECONFIG', message: expect.stringMatching(/RUN_INTERVAL_MINUTES nor SCHEDULE_CRON/) });
  });
});
