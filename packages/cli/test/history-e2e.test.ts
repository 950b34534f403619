import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import stringWidth from 'string-width';
import type { LastfmEmulator, PlexEmulator } from '@harmoniq/testkit';
import { runCli, useChartWorld } from './cli-harness.js';

let plex: PlexEmulator;
let lastfm: LastfmEmulator;
let dataDir: string;
let env: Record<string, string>;

useChartWorld('harmoniq-history-', (world, fresh) => {
  ({ plex, lastfm } = world);
  ({ dataDir, env } = fresh);
});

interface JsonRun {
  trigger: string;
  ok: boolean;
  requests: { plex: number; total: number };
  sources: { source: string; ok: boolean; error?: { code: string } }[];
  playlists: { title: string; action: string; found: number; wanted: number; added: unknown[]; removed: unknown[]; misses: { reason: string }[] }[];
}

describe('harmoniq history', () => {
  it('says so when nothing was recorded yet', async () => {
    const r = await runCli(['history'], env, dataDir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^No run recorded yet: run `harmoniq sync` first\./);
  });

  it('lists each sync with its playlists, what changed and what failed, newest first', async () => {
    expect((await runCli(['sync', '--all'], env, dataDir)).code).toBe(0);
    expect((await runCli(['sync', '--all'], { ...env, LASTFM_API_KEY: 'bad-key-0000' }, dataDir)).code).toBe(1);
    expect((await runCli(['sync', '--all', '--dry-run'], env, dataDir)).code).toBe(0);

    const r = await runCli(['history'], env, dataDir);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const failed = lines.findIndex((l) => l.includes('exit 1'));
    const created = lines.findIndex((l) => l.includes('Global Top 50'));
    expect(failed).toBeGreaterThan(0);
    expect(created).toBeGreaterThan(failed);
    expect(lines[failed]).toContain('ELASTFMKEY');
    expect(lines[created]).toMatch(/\+\d+ −0, 0 kept/);
    expect(r.stdout).toContain('2 runs recorded');
    // A pipe gets the 80 columns a terminal would: long messages are cut with "…", never wrapped.
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(80);

    const json = JSON.parse((await runCli(['history', '--json'], env, dataDir)).stdout) as { runs: JsonRun[] };
    expect(json.runs.map((run) => run.ok)).toEqual([false, true]);
    const [bad, good] = json.runs as [JsonRun, JsonRun];
    expect(bad.sources).toEqual([expect.objectContaining({ source: 'lastfm-charts', ok: false, error: expect.objectContaining({ code: 'ELASTFMKEY' }) })]);
    expect(good.trigger).toBe('sync');
    const top = good.playlists[0]!;
    expect(top).toMatchObject({ title: 'Global Top 50', action: 'created', removed: [] });
    expect(top.added.length).toBe(plex.playlist('Global Top 50')!.items.length);
    expect(top.misses.length).toBe(top.wanted - top.found);
    expect(top.misses.length).toBeGreaterThan(0);
    // What the run really sent: the emulator counted the same Plex requests.
    expect(good.requests.plex).toBeGreaterThan(0);
    expect(good.requests.total).toBeGreaterThan(good.requests.plex);
    expect(readFileSync(join(dataDir, 'history.json'), 'utf8')).not.toContain(lastfm.apiKey);
  });

  it('refuses a --limit that is not a positive whole number (exit 2), and shows at most N runs', async () => {
    for (const bad of ['0', '-3', 'abc', '2.5']) {
      const r = await runCli(['history', '--limit', bad], env, dataDir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--limit must be a whole number of rows, 1 or more, got '${bad}'`);
    }
    expect((await runCli(['sync', '--all'], env, dataDir)).code).toBe(0);
    expect((await runCli(['sync', '--all'], env, dataDir)).code).toBe(0);
    const one = await runCli(['history', '--limit', '1'], env, dataDir);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('2 runs recorded (showing 1; --limit N for more)');
  });

  it('narrows to one source with --source', async () => {
    expect((await runCli(['sync', '--all'], env, dataDir)).code).toBe(0);
    const none = await runCli(['history', '--source', 'daily-flow'], env, dataDir);
    expect(none.stdout).toMatch(/^No recorded run involved source 'daily-flow'\./);
    const some = JSON.parse((await runCli(['history', '--source', 'lastfm-charts', '--json'], env, dataDir)).stdout) as { runs: JsonRun[] };
    expect(some.runs).toHaveLength(1);
  });
});

describe('harmoniq report --html', () => {
  it('writes one page with the playlist, its generated cover, a missing track and the Lidarr link, after real syncs', async () => {
    expect((await runCli(['sync', '--all'], env, dataDir)).code).toBe(0);
    const out = join(dataDir, 'report.html');
    const r = await runCli(['report', '--html', '--out', out], env, dataDir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Report written to ${out}\n`);
    const page = readFileSync(out, 'utf8');
    expect(page).toContain('<h3>Global Top 50</h3>');
    expect(page).toMatch(/<img class="cover" src="data:image\/jpeg;base64,[A-Za-z0-9+/=]+" alt="Cover of Global Top 50"/);
    expect(page).toContain('<a href="lidarr-import.json">Lidarr list</a>');
    const missing = JSON.parse((await runCli(['missing', '--json'], env, dataDir)).stdout) as { tracks: { title: string }[] };
    expect(missing.tracks.length).toBeGreaterThan(0);
    expect(page).toContain(missing.tracks[0]!.title.replace(/&/g, '&amp;').replace(/'/g, '&#39;'));
    expect(page).not.toContain(lastfm.apiKey);
    expect(page).not.toContain(plex.token);
  });

  it('asks for --html (exit 2) and prints the page on stdout without --out', async () => {
    const bare = await runCli(['report'], env, dataDir);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/EUSAGE harmoniq report needs --html/);
    const page = await runCli(['report', '--html'], env, dataDir);
    expect(page.code).toBe(0);
    expect(page.stdout).toContain('No run recorded yet.');
  });
});
