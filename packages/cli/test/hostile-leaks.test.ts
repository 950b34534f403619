import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { serve, type PlexEmulator } from '@harmoniq/testkit';
import { runCli, useChartWorld, type ChartWorld } from './cli-harness.js';

/**
 * Smaller leaks and forgeries (docs/reliability.md): secrets typed in a non-canonical form, control characters
 * forging log lines, planted symlinks in the data directory, a token with a line break.
 */

let world: ChartWorld;
let plex: PlexEmulator;
let dataDir: string;
let env: Record<string, string>;
useChartWorld('harmoniq-leaks-', (w, fresh) => {
  world = w;
  plex = w.plex;
  ({ dataDir, env } = fresh);
});

describe('leaks and forgeries', () => {
  it('redacts a secret webhook typed in a non-canonical form, even at -v', async () => {
    const hook = await serve(() => ({ status: 204 }));
    try {
      const port = new URL(hook.url).port;
      const r = await runCli(['sync', '--all', '-v'], { ...env, NOTIFY_WEBHOOK_URL: `HTTP://127.000.000.001:${port}/x/../hooks/secret-path-7777`, NOTIFY_ON: 'always' }, dataDir);
      expect(r.code).toBe(0);
      expect(hook.requests.map((q) => q.path)).toEqual(['/hooks/secret-path-7777']);
      expect(r.stderr + r.stdout).not.toContain('secret-path-7777');
    } finally {
      await hook.close();
    }
  });

  it('shows a newline in a configured title escaped, so it cannot forge a log line', async () => {
    const r = await runCli(['sync', '--all'], { ...env, PLAYLIST_NAME_LASTFM_CHARTS: 'Top\nEPLEXAUTH forged line' }, dataDir);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').some((line) => line.startsWith('EPLEXAUTH forged'))).toBe(false);
    expect(r.stderr).toContain('Top\\nEPLEXAUTH forged line');
  });

  it('shows a newline in a service title escaped in --explain and in the summary, so it cannot forge a line', async () => {
    const [first, ...rest] = world.lastfmData.chart ?? [];
    world.lastfm.setData({ ...world.lastfmData, chart: [{ ...first!, title: 'No Such Song\nEPLEXAUTH forged line' }, ...rest] });
    const r = await runCli(['sync', 'lastfm-charts', '--explain'], env, dataDir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No Such Song\\nEPLEXAUTH forged line');
    expect(r.stdout.split('\n').some((line) => line.startsWith('EPLEXAUTH forged'))).toBe(false);
  });

  it('shows a newline in a Plex album escaped in `harmoniq match`', async () => {
    const track = plex.tracks().find((t) => t.album && !t.trackArtist)!;
    plex.updateTrack(track.ratingKey, { album: 'Album\nEPLEXAUTH forged line' });
    try {
      const r = await runCli(['match', track.artist, track.title], env, dataDir);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Album\\nEPLEXAUTH forged line');
      expect(r.stdout.split('\n').some((line) => line.startsWith('EPLEXAUTH forged'))).toBe(false);
    } finally {
      plex.updateTrack(track.ratingKey, { album: track.album });
    }
  });

  it('does not write through a symlink planted at the old write-probe name', async () => {
    mkdirSync(dataDir, { recursive: true });
    const victim = join(dataDir, '..', `victim-${process.pid}-${Date.now()}`);
    symlinkSync(victim, join(dataDir, `.write-test-${process.pid}`));
    expect((await runCli(['sync', '--all'], env, dataDir)).code).toBe(0);
    expect(existsSync(victim)).toBe(false);
  });

  it('does not quote the file a symlinked state.json points at', async () => {
    mkdirSync(dataDir, { recursive: true });
    const target = join(dataDir, '..', `private-${process.pid}-${Date.now()}.txt`);
    writeFileSync(target, 'TOP-SECRET-LINE-42 this is not JSON\n');
    symlinkSync(target, join(dataDir, 'state.json'));
    const r = await runCli(['sync', '--all'], env, dataDir);
    expect(r.stderr).toMatch(/state file .*state\.json could not be read \(it is a symbolic link/);
    expect(r.stderr + r.stdout).not.toContain('TOP-SECRET');
  });

  it('reports a PLEX_TOKEN with a line break as a token problem, not an unreachable server', async () => {
    const r = await runCli(['sync', '--all'], { ...env, PLEX_TOKEN: `${plex.token}\nsecond-line` }, dataDir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('PLEX_TOKEN contains a line break');
    expect(r.stderr).not.toContain('Check PLEX_URL');
    expect(world.plex.requests).toHaveLength(0);
  });
});
