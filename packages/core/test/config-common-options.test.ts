import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineSource, type Env, type PlaylistSource } from '../src/contract.js';
import { loadConfig, resolveCommonOptions, sourceRawOptions, type HarmoniqConfig, type LoadConfigOptions } from '../src/config/index.js';

const charts: PlaylistSource = defineSource({
  apiVersion: 1,
  name: 'lastfm-charts',
  description: 'Global Last.fm chart',
  defaults: { playlist: 'Global Top 50', size: 50 },
  env: { enabled: 'ENABLE_LASTFM_CHARTS', playlist: 'PLAYLIST_NAME_LASTFM_CHARTS', size: 'PLAYLIST_SIZE_CHARTS' },
  parseOptions: () => ({ ok: true, value: {} }),
  fetch: async () => [],
});

const quiet: PlaylistSource = defineSource({
  apiVersion: 1,
  name: 'quiet',
  description: 'A source without env names, enabled by default',
  defaults: { playlist: 'Quiet', size: 20, enabled: true },
  parseOptions: () => ({ ok: true, value: {} }),
  fetch: async () => [],
});

async function configWith(yaml: string | undefined, env: Env = {}, extra: Partial<LoadConfigOptions> = {}): Promise<HarmoniqConfig> {
  const root = mkdtempSync(join(tmpdir(), 'harmoniq-common-'));
  mkdirSync(root, { recursive: true });
  if (yaml !== undefined) writeFileSync(join(root, 'harmoniq.config.yaml'), yaml);
  const result = await loadConfig({ cwd: root, env, homeDir: root, platform: 'linux', ...extra });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.config;
}

describe('resolveCommonOptions', () => {
  it("uses the source's defaults when nothing is configured", async () => {
    expect(resolveCommonOptions(charts, await configWith(undefined))).toEqual({
      ok: true,
      value: {
        enabled: false,
        playlist: 'Global Top 50',
        size: 50,
        minTracks: 1,
        updateMode: 'replace',
        look: { poster: { mode: 'generate' }, exclude: { genres: [], artists: [], tracks: [], ratingKeys: [] } },
      },
    });
    expect(resolveCommonOptions(quiet, await configWith(undefined))).toMatchObject({ ok: true, value: { enabled: true } });
  });

  const file = 'sources:\n  lastfm-charts:\n    enabled: false\n    playlist: File Title\n    size: 30\n';
  const env = { ENABLE_LASTFM_CHARTS: 'yes', PLAYLIST_NAME_LASTFM_CHARTS: '  Env Title  ', PLAYLIST_SIZE_CHARTS: '40' };
  const cases: Array<[string, string | undefined, Env, Parameters<typeof resolveCommonOptions>[2], object]> = [
    ['defaults', undefined, {}, {}, { enabled: false, playlist: 'Global Top 50', size: 50 }],
    ['the config file', file, {}, {}, { enabled: false, playlist: 'File Title', size: 30 }],
    ['the environment', file, env, {}, { enabled: true, playlist: 'Env Title', size: 40 }],
    ['CLI flags', file, env, { enabled: false, playlist: 'Flag Title', size: 10 }, { enabled: false, playlist: 'Flag Title', size: 10 }],
  ];
  it.each(cases)('takes enabled, playlist and size from %s when that is the highest level set', async (_level, yaml, e, flags, expected) => {
    expect(resolveCommonOptions(charts, await configWith(yaml, e), flags)).toMatchObject({ ok: true, value: expected });
  });

  it('takes minTracks and updateMode from the source section before the global settings', async () => {
    const yaml = 'minTracks: 5\nupdateMode: append\nsources:\n  lastfm-charts:\n    minTracks: 8\n    updateMode: replace\n';
    expect(resolveCommonOptions(charts, await configWith(yaml))).toMatchObject({ ok: true, value: { minTracks: 8, updateMode: 'replace' } });
    expect(resolveCommonOptions(quiet, await configWith(yaml))).toMatchObject({ ok: true, value: { minTracks: 5, updateMode: 'append' } });
  });

  it('applies MIN_TRACKS and PLAYLIST_UPDATE_MODE to sources that say nothing themselves', async () => {
    const config = await configWith(undefined, { MIN_TRACKS: '12', PLAYLIST_UPDATE_MODE: 'append' });
    expect(resolveCommonOptions(charts, config)).toMatchObject({ ok: true, value: { minTracks: 12, updateMode: 'append' } });
  });

  it('lets a global --update-mode flag beat the source section', async () => {
    const config = await configWith('sources:\n  quiet:\n    updateMode: replace\n', {}, { overrides: { updateMode: 'append' } });
    expect(resolveCommonOptions(quiet, config)).toMatchObject({ ok: true, value: { updateMode: 'append' } });
  });

  it('trims playlist titles', async () => {
    const config = await configWith('sources:\n  quiet:\n    playlist: "  Late Night  "\n');
    expect(resolveCommonOptions(quiet, config)).toMatchObject({ ok: true, value: { playlist: 'Late Night' } });
  });

  it('counts a title in characters, not UTF-16 units: 200 emoji fit, 201 do not, in the environment and the file', async () => {
    const fits = '🎵'.repeat(200);
    expect(resolveCommonOptions(charts, await configWith(undefined, { PLAYLIST_NAME_LASTFM_CHARTS: fits }))).toMatchObject({ ok: true, value: { playlist: fits } });
    expect(resolveCommonOptions(quiet, await configWith(`sources:\n  quiet:\n    playlist: "${fits}"\n`))).toMatchObject({ ok: true, value: { playlist: fits } });
    const over = await configWith(undefined, { PLAYLIST_NAME_LASTFM_CHARTS: `${fits}🎵` });
    expect(resolveCommonOptions(charts, over)).toMatchObject({ ok: false, errors: [{ path: 'PLAYLIST_NAME_LASTFM_CHARTS' }] });
  });

  const bad: Array<[string, string, string]> = [
    ['PLAYLIST_SIZE_CHARTS', 'fifty', "PLAYLIST_SIZE_CHARTS must be a whole number from 1 to 1000, got 'fifty'"],
    ['PLAYLIST_SIZE_CHARTS', '0', "PLAYLIST_SIZE_CHARTS must be a whole number from 1 to 1000, got '0'"],
    ['PLAYLIST_SIZE_CHARTS', '1001', "PLAYLIST_SIZE_CHARTS must be a whole number from 1 to 1000, got '1001'"],
    ['PLAYLIST_SIZE_CHARTS', '12.5', "PLAYLIST_SIZE_CHARTS must be a whole number from 1 to 1000, got '12.5'"],
    ['ENABLE_LASTFM_CHARTS', 'si', "ENABLE_LASTFM_CHARTS must be true or false (also accepted: yes/no, on/off, 1/0), got 'si'"],
    ['PLAYLIST_NAME_LASTFM_CHARTS', 'x'.repeat(201), 'PLAYLIST_NAME_LASTFM_CHARTS must be a playlist title of 1 to 200 characters, got '],
  ];
  it.each(bad)('rejects %s=%j with its name and the fix', async (name, value, message) => {
    const result = resolveCommonOptions(charts, await configWith(undefined, { [name]: value }));
    expect(result).toEqual({ ok: false, errors: [{ path: name, message: expect.stringContaining(message) }] });
  });

  it('reports every problem at once, file and environment alike', async () => {
    const config = await configWith(undefined, { PLAYLIST_SIZE_CHARTS: 'lots', ENABLE_LASTFM_CHARTS: 'perhaps' });
    const handmade: HarmoniqConfig = { ...config, sources: { 'lastfm-charts': { playlist: 42, minTracks: 0, updateMode: 'merge' } } };
    const result = resolveCommonOptions(charts, handmade);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual([
      'ENABLE_LASTFM_CHARTS',
      'sources.lastfm-charts.playlist',
      'PLAYLIST_SIZE_CHARTS',
      'sources.lastfm-charts.minTracks',
      'sources.lastfm-charts.updateMode',
    ]);
    expect(result.errors[1]?.message).toBe('sources.lastfm-charts.playlist must be a playlist title of 1 to 200 characters, got 42');
    expect(result.errors[4]?.message).toBe("sources.lastfm-charts.updateMode must be one of replace, append, got 'merge'");
  });
});

describe('sourceRawOptions', () => {
  it("returns the source's section without the common keys", async () => {
    const config = await configWith('sources:\n  lastfm-charts:\n    size: 40\n    enabled: true\n    period: 7day\n    country: DE\n');
    expect(sourceRawOptions(charts, config)).toEqual({ period: '7day', country: 'DE' });
  });
  it('returns an empty object for a source without a section', async () => {
    expect(sourceRawOptions(quiet, await configWith(undefined))).toEqual({});
  });
});
