import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HISTORY_FILE } from '@harmoniq/plugin-daily-flow';
import { serve, type PlexEmulator } from '@harmoniq/testkit';
import { runCli, useChartWorld } from './cli-harness.js';

let plex: PlexEmulator;
let dataDir: string;
let env: Record<string, string>;

useChartWorld('harmoniq-first-hour-', (world, fresh) => {
  ({ plex } = world);
  ({ dataDir, env } = fresh);
});

const widest = (text: string) => Math.max(...text.split('\n').map((l) => l.length));
/** Lines cli-table3 draws between rows (and one under the header). */
const separators = (text: string) => text.split('\n').filter((l) => l.startsWith('├')).length;

describe('the dry-run plan', () => {
  it('goes to stdout, one line per track, even with -q', async () => {
    const r = await runCli(['-q', 'sync', '--dry-run'], env, dataDir);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const head = lines.find((l) => l.startsWith('Global Top 50 (lastfm-charts) would be created: +'));
    expect(head).toBeDefined();
    const added = Number(/\+(\d+)/.exec(head!)![1]);
    expect(added).toBeGreaterThan(0);
    expect(lines.filter((l) => l.startsWith('  + '))).toHaveLength(added);
    expect(r.stderr).not.toContain('  + ');
    expect(plex.playlists()).toEqual([]);
  });

  it('is in the --json report: the tracks to add, with artist and title', async () => {
    const r = await runCli(['sync', '--dry-run', '--json'], env, dataDir);
    const playlist = JSON.parse(r.stdout).sources[0].playlists[0];
    expect(playlist.action).toBe('would-create');
    expect(playlist.plan.add).toHaveLength(playlist.counts.added);
    expect(playlist.plan.add[0]).toEqual({ artist: expect.any(String), title: expect.any(String), ratingKey: expect.any(String) });
    expect(playlist.plan.remove).toEqual([]);
  });

  it("does not write Daily Flow's selection history; a real run does", async () => {
    const flowEnv = { ...env, ENABLE_TIME_PLAYLIST: 'true' };
    const history = join(dataDir, 'sources', 'daily-flow', HISTORY_FILE);
    const dry = await runCli(['sync', 'daily-flow', '--dry-run'], flowEnv, dataDir);
    expect(dry.code).toBe(0);
    expect(existsSync(history)).toBe(false);
    const real = await runCli(['sync', 'daily-flow'], flowEnv, dataDir);
    expect(real.code).toBe(0);
    expect(existsSync(history)).toBe(true);
  });
});

describe('output that fits', () => {
  it('prints a run-wide failure once, on stderr, and nothing on stdout', async () => {
    const r = await runCli(['sync'], { ...env, PLEX_URL: 'http://127.0.0.1:9' }, dataDir);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter((l) => l.includes('EPLEXUNREACHABLE'))).toHaveLength(1);
  });

  it('keeps the sync summary, `sources` and `missing` within 80 columns when stdout is not a terminal, without a line between rows', async () => {
    const sync = await runCli(['sync'], { ...env, PLAYLIST_NAME_LASTFM_CHARTS: 'A playlist title long enough to push the summary table past eighty columns' }, dataDir);
    expect(sync.code).toBe(0);
    expect(widest(sync.stdout)).toBeLessThanOrEqual(80);
    expect(sync.stdout).toMatch(/│ A playlist [^│]*… │/);
    expect(separators(sync.stdout)).toBe(1);

    const sources = await runCli(['sources'], { ...env, ENABLE_LASTFM_RECS: 'true' }, dataDir);
    expect(sources.code).toBe(0);
    const table = sources.stdout.slice(0, sources.stdout.lastIndexOf('┘') + 1);
    expect(widest(table)).toBeLessThanOrEqual(80);
    expect(separators(table)).toBe(1);
    // The problem, cut in the table, is spelled out in full below it.
    expect(sources.stdout).toMatch(/✗ .*LASTFM_USER/);

    const missing = await runCli(['missing'], env, dataDir);
    expect(missing.code).toBe(0);
    const missingTable = missing.stdout.slice(0, missing.stdout.lastIndexOf('┘') + 1);
    expect(missingTable.split('\n').length).toBeGreaterThan(4);
    expect(widest(missingTable)).toBeLessThanOrEqual(80);
    expect(separators(missingTable)).toBe(1);
  });
});

describe('harmoniq missing flags', () => {
  it.each(['abc', '0', '-3', '2.5'])('rejects --limit %s with exit 2', async (limit) => {
    const r = await runCli(['missing', '--limit', limit], env, dataDir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`EUSAGE --limit must be a whole number of rows, 1 or more, got '${limit}'`);
  });

  it('rejects an unknown --source with exit 2, naming the closest one', async () => {
    const r = await runCli(['missing', '--source', 'lastfm-chart'], env, dataDir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("EUNKNOWNSOURCE Unknown source 'lastfm-chart'. Did you mean 'lastfm-charts'?");
  });

  it('accepts --limit 2 and shows two rows', async () => {
    await runCli(['sync'], env, dataDir);
    const r = await runCli(['missing', '--limit', '2'], env, dataDir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(showing 2; --limit N for more)');
  });
});

describe('PLEX_URL pointing at a web server that is not Plex', () => {
  it('sync and doctor both say so, and both exit 3', async () => {
    const web = await serve(() => ({ status: 200, headers: { 'content-type': 'text/html' }, body: '<html><head><title>Router login</title></head></html>' }));
    try {
      const wrong = { ...env, PLEX_URL: web.url };
      const sync = await runCli(['sync'], wrong, dataDir);
      expect(sync.code).toBe(3);
      expect(sync.stderr).toContain(`EPLEXUNREACHABLE ${web.url.replace(/\/$/, '')} is not a Plex Media Server: it answered GET / with a web page ("Router login")`);
      const doctor = await runCli(['doctor'], wrong, dataDir);
      expect(doctor.code).toBe(3);
      expect(doctor.stdout).toContain('is not a Plex Media Server');
    } finally {
      await web.close();
    }
  });
});

describe('human log lines', () => {
  it('start with the local time, ISO 8601 with the offset of TIMEZONE', async () => {
    const r = await runCli(['sync', '--dry-run'], { ...env, TIMEZONE: 'Europe/Berlin', HARMONIQ_CLOCK_START: '2026-07-01T10:00:00Z' }, dataDir);
    const lines = r.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line).toMatch(/^2026-07-01T12:0\d:\d\d\+02:00 /);
    expect(r.stderr).toContain('+02:00 [lastfm-charts] ');
  });

  it('carry no timestamp with LOG_TIMESTAMPS=false', async () => {
    const r = await runCli(['sync', '--dry-run'], { ...env, LOG_TIMESTAMPS: 'false' }, dataDir);
    expect(r.stderr).toMatch(/^Syncing lastfm-charts \(dry run\)\./m);
    expect(r.stderr).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
  });
});

describe('harmoniq match', () => {
  it('exits 0 when the track is found and 1 when it is not', async () => {
    const track = plex.tracks()[0]!;
    const found = await runCli(['match', track.trackArtist ?? track.artist, track.title], env, dataDir);
    expect(found.code).toBe(0);
    expect(found.stdout).toContain('Result: found');
    const missing = await runCli(['match', 'Nobody Anyone', 'A Song That Is Not There'], env, dataDir);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('Result: not found');
  });
});
