import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineSource, type Env, type PlaylistSource } from '../src/contract.js';
import { option } from '../src/sources/declare-options.js';
import { loadConfig, type HarmoniqConfig } from '../src/config/index.js';
import { describeError } from '../src/errors/harmoniq-error.js';
import { configError, issueLine, resolveSourceStatuses, selectSources } from '../src/sources/index.js';

const source = (name: string, envPrefix: string, extra: Partial<PlaylistSource> = {}): PlaylistSource =>
  defineSource({
    apiVersion: 1,
    name,
    description: name,
    defaults: { playlist: name, size: 50 },
    env: { enabled: `ENABLE_${envPrefix}`, playlist: `PLAYLIST_NAME_${envPrefix}`, size: `PLAYLIST_SIZE_${envPrefix}` },
    parseOptions: () => ({ ok: true, value: {} }),
    fetch: async () => [],
    ...extra,
  });

const charts = source('charts', 'CHARTS');
const recs = source('recs', 'RECS', {
  parseOptions: (_raw, env) => (env.RECS_USER ? { ok: true, value: {} } : { ok: false, errors: [{ path: 'RECS_USER', message: 'is required' }] }),
});

async function config(env: Env, yaml?: string): Promise<HarmoniqConfig> {
  const root = mkdtempSync(join(tmpdir(), 'harmoniq-resolve-'));
  if (yaml !== undefined) writeFileSync(join(root, 'harmoniq.config.yaml'), yaml);
  const loaded = await loadConfig({ cwd: root, env, homeDir: root, platform: 'linux' });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return loaded.config;
}

describe('resolveSourceStatuses', () => {
  it('keeps a source with a bad common setting enabled, with the problem, instead of turning it off', async () => {
    const { statuses } = resolveSourceStatuses(await config({ ENABLE_CHARTS: 'true', PLAYLIST_SIZE_CHARTS: '-5' }), [charts]);
    expect(statuses[0]).toMatchObject({ enabled: true, enabledBy: 'env' });
    expect(statuses[0]?.common).toBeUndefined();
    expect(statuses[0]?.problems.map((p) => issueLine(p))).toEqual(["PLAYLIST_SIZE_CHARTS must be a whole number from 1 to 1000, got '-5'"]);
  });

  it('counts an enabled setting it cannot read as on, so its problem is not dropped', async () => {
    const { statuses } = resolveSourceStatuses(await config({ ENABLE_CHARTS: 'maybe' }), [charts]);
    expect(statuses[0]).toMatchObject({ enabled: true, enabledBy: 'env' });
    expect(statuses[0]?.problems[0]?.path).toBe('ENABLE_CHARTS');
  });

  it('reports a section for a source that does not exist, and a near miss of a common key, whatever is enabled', async () => {
    const cfg = await config({}, 'sources:\n  chart:\n    size: 3\n  recs:\n    enable: true\n');
    const { problems } = resolveSourceStatuses(cfg, [charts, recs]);
    expect(problems.map((p) => p.path)).toEqual(['sources.chart', 'sources.recs.enable']);
    expect(problems[0]?.message).toMatch(/did you mean 'charts'/);
    expect(problems[1]?.message).toMatch(/did you mean 'enabled'/);
  });

  it('refuses a near miss of a common key in the section of a source that hands its other keys on', async () => {
    const host = defineSource({
      apiVersion: 1,
      name: 'host',
      description: 'host',
      defaults: { playlist: 'host', size: 5 },
      options: { settings: option.structured({ description: 'Handed on.', rest: true, allowed: 'a section' }) },
      fetch: async () => [],
    });
    const { problems } = resolveSourceStatuses(await config({}, 'sources:\n  host:\n    enable: true\n    months: 3\n'), [host]);
    expect(problems.map((p) => p.path)).toEqual(['sources.host.enable']);
  });
});

describe('selectSources', () => {
  it('ignores the problems of a source that is not enabled', async () => {
    const resolution = resolveSourceStatuses(await config({ ENABLE_CHARTS: 'true', PLAYLIST_SIZE_RECS: 'abc' }), [charts, recs]);
    expect(selectSources(resolution, { names: [] }).map((s) => s.source.name)).toEqual(['charts']);
  });

  it('stops with every problem of every chosen source, plus the other problems of the run, in one ECONFIG', async () => {
    const env = { ENABLE_CHARTS: 'true', PLAYLIST_SIZE_CHARTS: '0', ENABLE_RECS: 'yes', PLAYLIST_SIZE_RECS: 'abc' };
    const resolution = resolveSourceStatuses(await config(env), [charts, recs]);
    let thrown: unknown;
    try {
      selectSources(resolution, { names: [], otherProblems: ['PLEX_URL is not set'] });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({
      code: 'ECONFIG',
      details: [
        'PLEX_URL is not set',
        "charts: PLAYLIST_SIZE_CHARTS must be a whole number from 1 to 1000, got '0'",
        "recs: PLAYLIST_SIZE_RECS must be a whole number from 1 to 1000, got 'abc'",
        'recs: RECS_USER is required',
      ],
    });
  });

  it('runs a source named on the command line even when it is not enabled, and checks it', async () => {
    const resolution = resolveSourceStatuses(await config({}), [charts, recs]);
    expect(selectSources(resolution, { names: ['charts'] }).map((s) => s.source.name)).toEqual(['charts']);
    expect(() => selectSources(resolution, { names: ['recs'] })).toThrow(expect.objectContaining({ code: 'ECONFIG', message: 'Invalid configuration: recs: RECS_USER is required' }));
  });

  it('says no source is enabled (ESOURCEDISABLED) when that is the only problem', async () => {
    const resolution = resolveSourceStatuses(await config({}), [charts]);
    expect(() => selectSources(resolution, { names: [] })).toThrow(expect.objectContaining({ code: 'ESOURCEDISABLED' }));
  });

  it('takes its example of how to enable a source from the known sources, not from a plugin the core names', async () => {
    const resolution = resolveSourceStatuses(await config({}), [source('no-env', 'X', { env: undefined }), recs]);
    expect(() => selectSources(resolution, { names: [] })).toThrow(
      expect.objectContaining({ hint: "Enable one, e.g. ENABLE_RECS=true, or name it: 'harmoniq sync recs'. 'harmoniq sources' shows what each needs." }),
    );
  });
});

describe('configError', () => {
  it('prints one problem on the message line and several one per line, each path once', () => {
    expect(describeError(configError(['A must be 1']))).toBe('ECONFIG Invalid configuration: A must be 1. ' + "Fix the settings named above ('harmoniq sources' shows what each source needs; see docs/configuration.md).");
    expect(describeError(configError(['A must be 1', 'B must be 2'], { hint: 'Fix them.' })).split('\n')).toEqual([
      'ECONFIG Invalid configuration: 2 problems.',
      '  A must be 1',
      '  B must be 2',
      '  Fix them.',
    ]);
  });

  it('names the path once whether or not the message repeats it', () => {
    expect(issueLine({ path: 'X_SIZE', message: 'X_SIZE must be 1' })).toBe('X_SIZE must be 1');
    expect(issueLine({ path: 'X_SIZE', message: 'must be 1' }, 'src')).toBe('src: X_SIZE must be 1');
  });
});
