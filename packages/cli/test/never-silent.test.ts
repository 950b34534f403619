import { describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlexEmulator } from '@harmoniq/testkit';
import { runCli, tempDir, useChartWorld } from './cli-harness.js';

/** Issue 14: configured work is done or loudly failed, never dropped with exit 0. */
let plex: PlexEmulator;
let dataDir: string;
let env: Record<string, string>;

useChartWorld('harmoniq-silent-', (world, fresh) => {
  ({ plex } = world);
  ({ dataDir, env } = fresh);
});

const LONG_TITLE = 'x'.repeat(201);
const problemLines = (stderr: string) => stderr.split('\n').filter((l) => l.trim() !== '');

describe('an enabled source with an invalid setting stops the run (ECONFIG, exit 2) before any Plex request', () => {
  const recs = { ENABLE_LASTFM_RECS: 'true', LASTFM_USER: 'someone' };
  const cases: Array<[string, Record<string, string>, RegExp]> = [
    ['PLAYLIST_SIZE_RECS=-5', { ...recs, PLAYLIST_SIZE_RECS: '-5' }, /lastfm-recs: PLAYLIST_SIZE_RECS must be a whole number from 1 to 1000, got '-5'/],
    ['PLAYLIST_SIZE_RECS=abc', { ...recs, PLAYLIST_SIZE_RECS: 'abc' }, /lastfm-recs: PLAYLIST_SIZE_RECS must be a whole number from 1 to 1000, got 'abc'/],
    ['PLAYLIST_SIZE_TIME=0', { ENABLE_TIME_PLAYLIST: 'true', PLAYLIST_SIZE_TIME: '0' }, /daily-flow: PLAYLIST_SIZE_TIME must be a whole number from 1 to 1000, got '0'/],
    ['ENABLE_LASTFM_CHARTS=maybe', { ENABLE_LASTFM_CHARTS: 'maybe' }, /lastfm-charts: ENABLE_LASTFM_CHARTS must be true or false .*got 'maybe'/],
    ['a 201-character playlist name', { PLAYLIST_NAME_LASTFM_CHARTS: LONG_TITLE }, /lastfm-charts: PLAYLIST_NAME_LASTFM_CHARTS must be a playlist title of 1 to 200 characters, got 'x{60}…'/],
  ];

  it.each(cases)('%s', async (_name, extra, line) => {
    const r = await runCli(['sync', '--all'], { ...env, ...extra }, dataDir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^harmoniq: ECONFIG /);
    expect(r.stderr).toMatch(line);
    expect(r.stdout).not.toMatch(/sources ok/);
    expect(plex.requests).toEqual([]);
  });

  it('lists every problem of every enabled source at once, one per line, each named once', async () => {
    const r = await runCli(['sync', '--all'], { ...env, ENABLE_LASTFM_RECS: 'true', LASTFM_USER: 'someone', PLAYLIST_SIZE_RECS: '-5', ENABLE_TIME_PLAYLIST: 'true', PLAYLIST_SIZE_TIME: '0', PLAYLIST_NAME_LASTFM_CHARTS: LONG_TITLE }, dataDir);
    expect(r.code).toBe(2);
    const lines = problemLines(r.stderr);
    expect(lines[0]).toBe('harmoniq: ECONFIG Invalid configuration: 3 problems.');
    expect(lines.filter((l) => /^ {2}(lastfm-recs|daily-flow|lastfm-charts): /.test(l))).toHaveLength(3);
    for (const l of lines) expect(l).not.toMatch(/(\b[A-Z_]{4,}\b).*\1/);
    expect(plex.requests).toEqual([]);
  });

  it('also stops a source named on the command line, even when it is not enabled', async () => {
    const r = await runCli(['sync', 'lastfm-recs'], { ...env, LASTFM_USER: 'someone', PLAYLIST_SIZE_RECS: 'abc' }, dataDir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/PLAYLIST_SIZE_RECS must be a whole number from 1 to 1000, got 'abc'/);
  });

  it('makes doctor fail the check, with a non-zero exit', async () => {
    const r = await runCli(['doctor'], { ...env, ENABLE_LASTFM_RECS: 'true', LASTFM_USER: 'someone', PLAYLIST_SIZE_RECS: '-5' }, dataDir);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/Source lastfm-recs\n {2}✗ configuration: PLAYLIST_SIZE_RECS must be a whole number from 1 to 1000, got '-5'/);
    expect(r.stdout).not.toContain('All checks passed');
  });
});

describe('a source that is not enabled may have problems', () => {
  const broken = { LASTFM_USER: '', PLAYLIST_SIZE_RECS: 'abc' };

  it('sync --all ignores it and syncs the enabled sources', async () => {
    const r = await runCli(['sync', '--all', '--json'], { ...env, ...broken }, dataDir);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { sources: Array<{ source: string }> }).sources.map((s) => s.source)).toEqual(['lastfm-charts']);
  });

  it('`sources` shows its problems', async () => {
    const r = await runCli(['sources', '--json'], { ...env, ...broken }, dataDir);
    expect(r.code).toBe(0);
    const recs = (JSON.parse(r.stdout) as Array<{ name: string; enabled: boolean; problems: string[] }>).find((s) => s.name === 'lastfm-recs');
    expect(recs).toMatchObject({ enabled: false });
    expect(recs?.problems).toContain("PLAYLIST_SIZE_RECS must be a whole number from 1 to 1000, got 'abc'");
  });
});

describe('a new user learns everything that is missing in one go', () => {
  it('sync --all with no environment names Plex and the missing source together', async () => {
    const cwd = tempDir();
    const r = await runCli(['sync', '--all'], { HOME: cwd }, cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/PLEX_URL and PLEX_TOKEN are not set/);
    expect(r.stderr).toMatch(/No source is enabled/);
  });

  it('an enabled source lacking its key is reported with missing Plex settings', async () => {
    const cwd = tempDir();
    const r = await runCli(['sync', '--all'], { HOME: cwd, ENABLE_LASTFM_CHARTS: 'true' }, cwd);
    expect(r.code).toBe(2);
    expect(problemLines(r.stderr).slice(1, 3)).toEqual([
      expect.stringMatching(/^ {2}PLEX_URL and PLEX_TOKEN are not set/),
      expect.stringMatching(/^ {2}lastfm-charts: LASTFM_API_KEY is required/),
    ]);
  });
});

describe('config file typos are reported, not ignored', () => {
  const withFile = (yaml: string) => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'harmoniq.config.yaml'), yaml);
    return cwd;
  };

  it('`enable:` for `enabled:` in a source section stops the run', async () => {
    const cwd = withFile('sources:\n  lastfm-recs:\n    enable: true\n');
    const r = await runCli(['sync', '--all'], { ...env, HOME: cwd }, cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sources\.lastfm-recs\.enable is not an option of lastfm-recs \(did you mean 'enabled'\?\)/);
    expect(plex.requests).toEqual([]);
  });

  it('a section for a source that does not exist stops the run', async () => {
    const cwd = withFile('sources:\n  lastfm-chart:\n    size: 20\n');
    const r = await runCli(['sync', '--all'], { ...env, HOME: cwd }, cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sources\.lastfm-chart in .* names no known source \(did you mean 'lastfm-charts'\?\)/);
  });

  it('a top-level `playlst:` stops the run, named once', async () => {
    const cwd = withFile('playlst: Mine\n');
    const r = await runCli(['sync', '--all'], { ...env, HOME: cwd }, cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ECONFIG Invalid configuration \(.*\): playlst is not a known setting of harmoniq\.config\.yaml/);
    expect(r.stderr).not.toMatch(/playlst: playlst/);
  });

  it('a section no installed plugin declares stops the run', async () => {
    const cwd = withFile('lastfmm:\n  apiKey: x\n');
    const r = await runCli(['sync', '--all'], { ...env, HOME: cwd }, cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/lastfmm is not a known setting of .*harmoniq\.config\.yaml \(did you mean 'lastfm'\?\)/);
  });

  it('an unknown option of a source that is not enabled still stops the run (unknown keys alike everywhere)', async () => {
    const cwd = withFile('sources:\n  listenbrainz:\n    mode: weekly-jams\n');
    const r = await runCli(['sync', '--all'], { ...env, HOME: cwd }, cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sources\.listenbrainz\.mode is not an option of listenbrainz \(did you mean 'modes'\?\)/);
  });
});

describe('harmoniq config', () => {
  it('runs on a bad configuration: shows what resolves and every problem, exit 2', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'harmoniq.config.yaml'), 'playlst: Mine\nlogLevel: warn\n');
    const r = await runCli(['config'], { ...env, HOME: cwd, PLAYLIST_SIZE_CHARTS: '-5' }, cwd);
    expect(r.code).toBe(2);
    const shown = JSON.parse(r.stdout) as { logLevel: { value: string; from: string }; problems: string[] };
    expect(shown.logLevel).toEqual({ value: 'warn', from: 'file' });
    expect(shown.problems).toEqual([
      expect.stringMatching(/^playlst is not a known setting/),
      "lastfm-charts: PLAYLIST_SIZE_CHARTS must be a whole number from 1 to 1000, got '-5'",
    ]);
    expect(r.stderr).toMatch(/^harmoniq: ECONFIG playlst is not a known setting/m);
  });

  it('shows sources enabled by the environment, with where that came from', async () => {
    const r = await runCli(['config'], env, dataDir);
    expect(r.code).toBe(0);
    const shown = JSON.parse(r.stdout) as { sources: Record<string, { enabled: boolean; from: string; playlist: string }> };
    expect(shown.sources['lastfm-charts']).toMatchObject({ enabled: true, from: 'env', playlist: 'Global Top 50' });
    expect(shown.sources['daily-flow']).toMatchObject({ enabled: false, from: 'default' });
    expect(r.stdout).not.toContain(env.LASTFM_API_KEY);
  });
});

describe('a plugin reads its own config-file section (no folding into the environment)', () => {
  it('takes the Last.fm key from `lastfm:` in the file and syncs', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'harmoniq.config.yaml'), `lastfm:\n  apiKey: ${env.LASTFM_API_KEY}\n  apiUrl: ${env.LASTFM_API_URL}\n`);
    const { LASTFM_API_KEY: _k, LASTFM_API_URL: _u, ...rest } = env;
    const r = await runCli(['sync', 'lastfm-charts', '--json'], { ...rest, HOME: cwd }, cwd);
    expect(r.stderr).not.toMatch(/ECONFIG/);
    expect(r.code).toBe(0);
  });

  it('reports a bad value there with its file path, when a source using it is enabled', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'harmoniq.config.yaml'), 'lastfm:\n  apiUrl: "localhost:9"\n');
    const { LASTFM_API_URL: _u, ...rest } = env;
    const r = await runCli(['sync', '--all'], { ...rest, HOME: cwd }, cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/lastfm-charts: lastfm\.apiUrl must be an http:\/\/ or https:\/\/ address/);
  });
});
