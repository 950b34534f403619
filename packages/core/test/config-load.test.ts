import { describe, expect, it } from '@jest/globals';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { systemZone } from '../src/clock.js';
import type { Env } from '../src/contract.js';
import { loadConfig, type HarmoniqConfig, type LoadConfigOptions, type LoadConfigResult } from '../src/config/index.js';

/** A temp folder that also serves as the home directory, so the upward search never leaves it. */
function tree(files: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'harmoniq-config-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

async function load(root: string, env: Env = {}, extra: Partial<LoadConfigOptions> = {}): Promise<LoadConfigResult> {
  return loadConfig({ cwd: root, env: { HOME: root, ...env }, homeDir: root, platform: 'linux', ...extra });
}

async function loadOk(root: string, env: Env = {}, extra: Partial<LoadConfigOptions> = {}): Promise<HarmoniqConfig> {
  const result = await load(root, env, extra);
  if (!result.ok) throw new Error(`expected a valid config, got ${JSON.stringify(result.errors)}`);
  return result.config;
}

async function loadErrors(root: string, env: Env = {}, extra: Partial<LoadConfigOptions> = {}) {
  const result = await load(root, env, extra);
  if (result.ok) throw new Error('expected configuration errors');
  return result.errors;
}

describe('loadConfig defaults', () => {
  it('fills every setting with its default when nothing is configured', async () => {
    const root = tree();
    const config = await loadOk(root);
    expect(config).toMatchObject({
      plex: { library: 'Music', pageSize: 1000, timeoutMs: 30000, indexMaxAgeHours: 24 },
      dataDir: join(root, '.local', 'share', 'harmoniq'),
      timezone: systemZone(),
      logLevel: 'info',
      logFormat: 'human',
      updateMode: 'replace',
      minTracks: 1,
      schedule: { runOnStart: true },
      matching: { overrides: [] },
      plugins: [],
      notify: { on: 'failure', format: 'json' },
      custom: [],
      sources: {},
      baseDir: root,
    });
    expect(config.plex.url).toBeUndefined();
    expect(config.plex.token).toBeUndefined();
    expect(config.schedule.intervalMinutes).toBeUndefined();
    expect(config.configFile).toBeUndefined();
    expect(config.origins.logLevel).toBe('default');
  });
});

describe('loadConfig precedence: CLI flag > environment > config file > default', () => {
  const file = 'logLevel: warn\nlogFormat: json\nupdateMode: append\ndataDir: from-file\n';
  const cases: Array<[string, Record<string, string> | undefined, LoadConfigOptions['overrides'], Partial<HarmoniqConfig>, string]> = [
    ['default', undefined, undefined, { logLevel: 'info', logFormat: 'human', updateMode: 'replace' }, 'default'],
    ['file', { 'harmoniq.config.yaml': file }, undefined, { logLevel: 'warn', logFormat: 'json', updateMode: 'append' }, 'file'],
    ['env', { 'harmoniq.config.yaml': file }, undefined, { logLevel: 'error', logFormat: 'human', updateMode: 'replace' }, 'env'],
    ['flag', { 'harmoniq.config.yaml': file }, { logLevel: 'debug', logFormat: 'json', updateMode: 'append' }, { logLevel: 'debug', logFormat: 'json', updateMode: 'append' }, 'flag'],
  ];
  it.each(cases)('takes the value from the %s when that is the highest level set', async (level, files, overrides, expected, origin) => {
    const root = tree(files ?? {});
    const env = level === 'env' || level === 'flag' ? { LOG_LEVEL: 'error', LOG_FORMAT: 'human', PLAYLIST_UPDATE_MODE: 'replace' } : {};
    const config = await loadOk(root, env, overrides ? { overrides } : {});
    expect(config).toMatchObject(expected);
    expect(config.origins).toMatchObject({ logLevel: origin, logFormat: origin, updateMode: origin });
  });

  it('resolves the data dir from each level with its own base folder', async () => {
    const root = tree({ 'conf/harmoniq.config.yaml': 'dataDir: ./state\n' });
    const configPath = 'conf/harmoniq.config.yaml';
    expect((await loadOk(root, {}, { configPath })).dataDir).toBe(join(root, 'conf', 'state'));
    expect((await loadOk(root, { HARMONIQ_DATA_DIR: 'env-state' }, { configPath })).dataDir).toBe(join(root, 'env-state'));
    const flagged = await loadOk(root, { HARMONIQ_DATA_DIR: '/srv/x' }, { configPath, overrides: { dataDir: 'flag-state' } });
    expect(flagged.dataDir).toBe(join(root, 'flag-state'));
  });
});

describe('loadConfig environment names', () => {
  const cases: Array<[string, string, (c: HarmoniqConfig) => unknown, unknown]> = [
    ['PLEX_URL', 'http://plex.lan:32400/', (c) => c.plex.url, 'http://plex.lan:32400'],
    ['PLEX_TOKEN', 'tok-123456', (c) => c.plex.token, 'tok-123456'],
    ['PLEX_MUSIC_LIBRARY_NAME', ' Tunes ', (c) => c.plex.library, 'Tunes'],
    ['PLEX_PAGE_SIZE', '200', (c) => c.plex.pageSize, 200],
    ['PLEX_TIMEOUT_MS', '5000', (c) => c.plex.timeoutMs, 5000],
    ['HARMONIQ_DATA_DIR', '/srv/harmoniq', (c) => c.dataDir, '/srv/harmoniq'],
    ['TIMEZONE', 'Europe/Berlin', (c) => c.timezone, 'Europe/Berlin'],
    ['LOG_LEVEL', 'DEBUG', (c) => c.logLevel, 'debug'],
    ['LOG_FORMAT', 'json', (c) => c.logFormat, 'json'],
    ['PLAYLIST_UPDATE_MODE', 'append', (c) => c.updateMode, 'append'],
    ['MIN_TRACKS', '5', (c) => c.minTracks, 5],
    ['RUN_INTERVAL_MINUTES', '15', (c) => c.schedule.intervalMinutes, 15],
    ['SCHEDULE_CRON', '0 6 * * *', (c) => c.schedule.cron, '0 6 * * *'],
    ['RUN_ON_START', 'no', (c) => c.schedule.runOnStart, false],
    ['HARMONIQ_PLUGINS', 'harmoniq-plugin-a, @me/harmoniq-plugin-b,,', (c) => c.plugins, ['harmoniq-plugin-a', '@me/harmoniq-plugin-b']],
  ];
  it.each(cases)('reads %s=%j', async (name, value, select, expected) => {
    const config = await loadOk(tree(), { [name]: value });
    expect(select(config)).toEqual(expected);
    expect(config.env[name]).toBe(value);
  });

  it.each([
    ['true', true], ['FALSE', false], ['1', true], ['0', false], ['Yes', true], ['no', false], ['ON', true], ['off', false],
  ])('accepts RUN_ON_START=%s as %s', async (value, expected) => {
    expect((await loadOk(tree(), { RUN_ON_START: value })).schedule.runOnStart).toBe(expected);
  });

  it('resolves relative plugin paths and HARMONIQ_DATA_DIR from the working directory', async () => {
    const root = tree();
    const config = await loadOk(root, { HARMONIQ_PLUGINS: './my-plugin.js,harmoniq-plugin-x', HARMONIQ_DATA_DIR: 'data' });
    expect(config.plugins).toEqual([join(root, 'my-plugin.js'), 'harmoniq-plugin-x']);
    expect(config.dataDir).toBe(join(root, 'data'));
  });

  it('treats blank variables as not set', async () => {
    const root = tree({ 'harmoniq.config.yaml': 'logLevel: warn\n' });
    const config = await loadOk(root, { LOG_LEVEL: '  ', PLEX_URL: '', RUN_ON_START: '' });
    expect(config.logLevel).toBe('warn');
    expect(config.plex.url).toBeUndefined();
    expect(config.schedule.runOnStart).toBe(true);
  });
});

describe('loadConfig validation of the environment', () => {
  const cases: Array<[string, string, string]> = [
    ['PLEX_URL', 'plex.lan:32400', "PLEX_URL must be an http:// or https:// address such as http://192.168.1.10:32400, starting with http:// or https://, got 'plex.lan:32400'"],
    ['PLEX_URL', 'http://plex.lan:32400 #main', 'PLEX_URL must be an http:// or https:// address such as http://192.168.1.10:32400, without spaces or quotes'],
    ['PLEX_URL', '"http://plex.lan:32400"', 'without spaces or quotes'],
    ['PLEX_URL', 'ftp://plex.lan', 'starting with http:// or https://'],
    ['PLEX_PAGE_SIZE', '0', "PLEX_PAGE_SIZE must be a whole number from 1 to 10000, got '0'"],
    ['PLEX_TIMEOUT_MS', '2.5', "PLEX_TIMEOUT_MS must be a whole number from 1 to 600000, got '2.5'"],
    ['TIMEZONE', 'Mars/Olympus', "TIMEZONE must be an IANA time zone such as Europe/Berlin or America/New_York, got 'Mars/Olympus'"],
    ['LOG_LEVEL', 'verbose', "LOG_LEVEL must be one of error, warn, info, debug, got 'verbose'"],
    ['LOG_LEVEL', 'warning', "LOG_LEVEL must be one of error, warn, info, debug, got 'warning' (did you mean 'warn'?)"],
    ['LOG_FORMAT', 'xml', "LOG_FORMAT must be one of human, json, got 'xml'"],
    ['PLAYLIST_UPDATE_MODE', 'replac', "PLAYLIST_UPDATE_MODE must be one of replace, append, got 'replac' (did you mean 'replace'?)"],
    ['MIN_TRACKS', '-1', "MIN_TRACKS must be a whole number from 1 to 1000, got '-1'"],
    ['RUN_INTERVAL_MINUTES', 'hourly', "RUN_INTERVAL_MINUTES must be a whole number from 1 to 525600, got 'hourly'"],
    ['RUN_INTERVAL_MINUTES', '0', "RUN_INTERVAL_MINUTES must be a whole number from 1 to 525600, got '0'"],
    ['SCHEDULE_CRON', 'every morning', "SCHEDULE_CRON must be a cron expression with 5 or 6 fields such as '0 6 * * *', got 'every morning'"],
    ['RUN_ON_START', 'maybe', "RUN_ON_START must be true or false (also accepted: yes/no, on/off, 1/0), got 'maybe'"],
  ];
  it.each(cases)('rejects %s=%j with a message that says how to fix it', async (name, value, message) => {
    const errors = await loadErrors(tree(), { [name]: value });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe(name);
    expect(errors[0]?.message).toContain(message);
  });

  it('reports every invalid variable at once, each with its name', async () => {
    const errors = await loadErrors(tree(), { PLEX_URL: 'nope', LOG_LEVEL: 'loud', MIN_TRACKS: 'many', RUN_ON_START: 'sometimes' });
    expect(errors.map((e) => e.path)).toEqual(['PLEX_URL', 'LOG_LEVEL', 'MIN_TRACKS', 'RUN_ON_START']);
  });

  it.each([
    ['http://listener:hunter2secret@plex.lan:32400', 'hunter2secret'],
    ['http://plex.lan:32400/?X-Plex-Token=s3cretT0ken', 's3cretT0ken'],
    ['http://plex.lan:32400/#tok-9988776655', 'tok-9988776655'],
  ])('never prints a secret embedded in PLEX_URL=%s', async (url, secret) => {
    const errors = await loadErrors(tree(), { PLEX_URL: url });
    expect(errors[0]?.path).toBe('PLEX_URL');
    expect(JSON.stringify(errors)).not.toContain(secret);
  });

  it('never prints the Plex token when it was pasted into PLEX_URL', async () => {
    const errors = await loadErrors(tree(), { PLEX_TOKEN: 'abcdEFGH1234', PLEX_URL: 'http://plex.lan:32400 abcdEFGH1234' });
    expect(JSON.stringify(errors)).not.toContain('abcdEFGH1234');
  });
});

describe('loadConfig config files', () => {
  const formats: Array<[string, string]> = [
    ['harmoniq.config.yaml', 'plex:\n  library: Tunes\n'],
    ['harmoniq.config.yml', 'plex:\n  library: Tunes\n'],
    ['harmoniq.config.json', '{ "plex": { "library": "Tunes" } }'],
    ['harmoniq.config.mjs', 'export default { plex: { library: "Tunes" } };'],
    ['harmoniq.config.cjs', 'module.exports = { plex: { library: "Tunes" } };'],
    ['harmoniq.config.js', 'module.exports = { plex: { library: "Tunes" } };'],
    ['.harmoniqrc', 'plex:\n  library: Tunes\n'],
    ['.harmoniqrc.json', '{ "plex": { "library": "Tunes" } }'],
    ['.harmoniqrc.yaml', 'plex: { library: Tunes }\n'],
    ['.harmoniqrc.mjs', 'export default { plex: { library: "Tunes" } };'],
    ['package.json', '{ "name": "x", "harmoniq": { "plex": { "library": "Tunes" } } }'],
  ];
  it.each(formats)('reads %s', async (name, content) => {
    const root = tree({ [name]: content });
    const config = await loadOk(root);
    expect(config.plex.library).toBe('Tunes');
    expect(config.configFile).toBe(join(root, name));
    expect(config.origins['plex.library']).toBe('file');
  });

  it('searches from the working directory upward', async () => {
    const root = tree({ 'harmoniq.config.yaml': 'logLevel: debug\n', 'a/b/c/.keep': '' });
    const config = await loadOk(root, {}, { cwd: join(root, 'a', 'b', 'c') });
    expect(config.logLevel).toBe('debug');
    expect(config.baseDir).toBe(root);
  });

  it('stops searching at the home directory', async () => {
    const root = tree({ 'harmoniq.config.yaml': 'logLevel: debug\n', 'home/me/project/.keep': '' });
    const home = join(root, 'home', 'me');
    const config = await loadOk(root, { HOME: home }, { cwd: join(home, 'project'), homeDir: home });
    expect(config.configFile).toBeUndefined();
    expect(config.logLevel).toBe('info');
  });

  it('ignores a package.json without a harmoniq section and keeps searching', async () => {
    const root = tree({ '.harmoniqrc.json': '{ "minTracks": 7 }', 'app/package.json': '{ "name": "app" }' });
    expect((await loadOk(root, {}, { cwd: join(root, 'app') })).minTracks).toBe(7);
  });

  it('reads an explicit --config path relative to the working directory', async () => {
    const root = tree({ 'conf/mine.yaml': 'minTracks: 3\n', 'harmoniq.config.yaml': 'minTracks: 9\n' });
    const config = await loadOk(root, {}, { configPath: 'conf/mine.yaml' });
    expect(config.minTracks).toBe(3);
    expect(config.baseDir).toBe(join(root, 'conf'));
  });

  it('reports a missing explicit config file as one issue naming it', async () => {
    const errors = await loadErrors(tree(), {}, { configPath: 'nope.yaml' });
    expect(errors).toEqual([{ path: 'nope.yaml', message: expect.stringContaining('The config file nope.yaml does not exist') }]);
  });

  it('reports a YAML syntax error as one issue naming the file and the line', async () => {
    const root = tree({ 'harmoniq.config.yaml': 'plex:\n  url: http://plex:32400\n   token: abc\n' });
    const errors = await loadErrors(root);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe('harmoniq.config.yaml');
    expect(errors[0]?.message).toMatch(/^harmoniq\.config\.yaml has a YAML syntax error at line 3, column \d+: /);
  });

  it('reports a JSON syntax error as one issue naming the file and the line', async () => {
    const root = tree({ '.harmoniqrc.json': '{\n  "logLevel": "info",\n}\n' });
    const errors = await loadErrors(root);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/^\.harmoniqrc\.json has a syntax error at line 3, column 1: JSON: /);
  });

  it('reports a JavaScript config that fails to load as one issue naming the file', async () => {
    const errors = await loadErrors(tree({ 'harmoniq.config.mjs': 'export default {' }));
    expect(errors).toEqual([{ path: 'harmoniq.config.mjs', message: expect.stringContaining('harmoniq.config.mjs could not be loaded (SyntaxError') }]);
  });

  it('reports a file whose top level is not a section of settings', async () => {
    const errors = await loadErrors(tree({ 'harmoniq.config.yaml': '- plex\n- lastfm\n' }));
    expect(errors).toEqual([{ path: 'harmoniq.config.yaml', message: 'harmoniq.config.yaml must hold key: value settings at the top level, got a list' }]);
  });

  it('treats an empty explicit config file as no settings', async () => {
    const config = await loadOk(tree({ 'empty.yaml': '' }), {}, { configPath: 'empty.yaml' });
    expect(config.logLevel).toBe('info');
  });

  it('suggests the closest known key for an unknown top-level key', async () => {
    const errors = await loadErrors(tree({ 'harmoniq.config.yaml': 'plx:\n  url: http://a\nlogLevl: info\n' }));
    expect(errors).toEqual([
      { path: 'plx', message: "plx is not a known setting of harmoniq.config.yaml (did you mean 'plex'?)" },
      { path: 'logLevl', message: "logLevl is not a known setting of harmoniq.config.yaml (did you mean 'logLevel'?)" },
    ]);
  });

  it('suggests the closest key inside a section, and lists the keys when nothing is close', async () => {
    const errors = await loadErrors(tree({ 'harmoniq.config.yaml': 'plex:\n  tokn: abc\nxyzzy: 1\n' }));
    expect(errors).toContainEqual({ path: 'plex.tokn', message: "plex.tokn is not a known setting of plex in harmoniq.config.yaml (did you mean 'token'?)" });
    expect(errors.find((e) => e.path === 'xyzzy')?.message).toContain('known keys: plex, dataDir, timezone');
  });

  const invalid: Array<[string, string, string]> = [
    ['plex:\n  url: plex.lan:32400\n', 'plex.url', 'plex.url must be an http:// or https:// address'],
    ['plex:\n  pageSize: lots\n', 'plex.pageSize', "plex.pageSize must be a whole number from 1 to 10000, got 'lots'"],
    ['plex: http://plex\n', 'plex', "plex must be a section of key: value settings, got 'http://plex'"],
    ['timezone: Mars/Olympus\n', 'timezone', "timezone must be an IANA time zone such as Europe/Berlin or America/New_York, got 'Mars/Olympus'"],
    ['logLevel: warning\n', 'logLevel', "logLevel must be one of error, warn, info, debug, got 'warning' (did you mean 'warn'?)"],
    ['minTracks: 0\n', 'minTracks', 'minTracks must be a whole number from 1 to 1000, got 0'],
    ['schedule:\n  runOnStart: sometimes\n', 'schedule.runOnStart', "schedule.runOnStart must be true or false (also accepted: yes/no, on/off, 1/0), got 'sometimes'"],
    ['schedule:\n  cron: daily\n', 'schedule.cron', "schedule.cron must be a cron expression with 5 or 6 fields such as '0 6 * * *', got 'daily'"],
    ['schedule:\n  intervalMinutes: 1.5\n', 'schedule.intervalMinutes', 'schedule.intervalMinutes must be a whole number from 1 to 525600, got 1.5'],
    ['sources:\n  lastfm-charts:\n    size: fifty\n', 'sources.lastfm-charts.size', "sources.lastfm-charts.size must be a whole number from 1 to 1000, got 'fifty'"],
    ['sources:\n  daily-flow:\n    playlist: "  "\n', 'sources.daily-flow.playlist', 'sources.daily-flow.playlist must be a playlist title of 1 to 200 characters'],
    ['matching:\n  overrides:\n    - { artist: A, title: B }\n', 'matching.overrides[0]', 'matching.overrides[0] needs exactly one of ratingKey: <Plex rating key> or skip: true'],
    ['matching:\n  overrides:\n    - { artist: A, title: B, ratingKey: "1", skip: true }\n', 'matching.overrides[0]', 'needs exactly one of'],
    ['matching:\n  overrides:\n    - { artist: "", title: B, skip: true }\n', 'matching.overrides[0].artist', "matching.overrides[0].artist must be non-empty text, got ''"],
    ['plugins: harmoniq-plugin-x\n', 'plugins', "plugins must be a list of text values, got 'harmoniq-plugin-x'"],
    ['notify:\n  on: sometimes\n', 'notify.on', "notify.on must be one of failure, always, got 'sometimes'"],
    ['notify:\n  format: teams\n', 'notify.format', "notify.format must be one of json, discord, slack, ntfy, gotify, got 'teams'"],
    ['custom:\n  - { playlist: Mine }\n', 'custom[0].name', 'custom[0].name must be non-empty text, got nothing'],
  ];
  it.each(invalid)('rejects %j at %s', async (yaml, path, message) => {
    const errors = await loadErrors(tree({ 'harmoniq.config.yaml': yaml }));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe(path);
    expect(errors[0]?.message).toContain(message);
  });

  it('reports every problem in the file and the environment at once', async () => {
    const root = tree({ 'harmoniq.config.yaml': 'plex:\n  url: nope\nminTracks: none\nsources:\n  lastfm-charts:\n    size: 5000\nlogLvel: x\n' });
    const errors = await loadErrors(root, { LOG_FORMAT: 'yaml', PLEX_PAGE_SIZE: 'big' });
    expect(errors.map((e) => e.path).sort()).toEqual(
      ['LOG_FORMAT', 'PLEX_PAGE_SIZE', 'logLvel', 'minTracks', 'plex.url', 'sources.lastfm-charts.size'].sort(),
    );
  });

  it('accepts the $schema key editors add to JSON files', async () => {
    const config = await loadOk(tree({ 'harmoniq.config.json': '{ "$schema": "./harmoniq.schema.json", "minTracks": 2 }' }));
    expect(config.minTracks).toBe(2);
  });

  it('keeps source sections and custom entries for the plugins to validate', async () => {
    const yaml = 'sources:\n  lastfm-charts:\n    size: 40\n    period: 7day\ncustom:\n  - name: mine\n    module: ./my-source.mjs\n    file: lists/mine.txt\n    shuffle: true\n';
    const root = tree({ 'cfg/harmoniq.config.yaml': yaml });
    const config = await loadOk(root, {}, { configPath: 'cfg/harmoniq.config.yaml' });
    expect(config.sources).toEqual({ 'lastfm-charts': { size: 40, period: '7day' } });
    expect(config.custom).toEqual([
      { name: 'mine', module: join(root, 'cfg', 'my-source.mjs'), file: join(root, 'cfg', 'lists', 'mine.txt'), shuffle: true },
    ]);
  });

  it('resolves relative paths in the file from the file folder and leaves package names alone', async () => {
    const yaml = 'dataDir: ../state\nplugins:\n  - ./plugins/mine.mjs\n  - harmoniq-plugin-extra\n  - "@me/harmoniq-plugin-b"\n';
    const root = tree({ 'etc/harmoniq.config.yaml': yaml });
    const config = await loadOk(root, {}, { configPath: 'etc/harmoniq.config.yaml' });
    expect(config.dataDir).toBe(join(root, 'state'));
    expect(config.plugins).toEqual([join(root, 'etc', 'plugins', 'mine.mjs'), 'harmoniq-plugin-extra', '@me/harmoniq-plugin-b']);
  });

  it('expands ~ in the data dir to the home directory', async () => {
    const root = tree({ 'harmoniq.config.yaml': 'dataDir: ~/music-state\n' });
    expect((await loadOk(root)).dataDir).toBe(join(root, 'music-state'));
  });

  it('turns numeric override rating keys into strings', async () => {
    const yaml = 'matching:\n  overrides:\n    - { artist: A, title: B, ratingKey: 12345 }\n    - { artist: C, title: D, skip: true }\n';
    const config = await loadOk(tree({ 'harmoniq.config.yaml': yaml }));
    expect(config.matching.overrides).toEqual([
      { artist: 'A', title: 'B', ratingKey: '12345' },
      { artist: 'C', title: 'D', skip: true },
    ]);
  });
});

describe('loadConfig sets plugin sections aside (FOLDED_ENV is gone: plugins read their own sections)', () => {
  const yaml = [
    'plex: { url: "http://file-plex:32400/", token: file-plex-token, library: FileMusic }',
    'lastfm: { apiKey: file-lastfm-key, user: file-lfm-user, apiUrl: "http://127.0.0.1:9/2.0/" }',
    'listenbrainz: { token: file-lb-token }',
    'timezone: Asia/Tokyo',
  ].join('\n');
  it('keeps a section the core does not know, for the plugin that declares it, and leaves the environment as given', async () => {
    const config = await loadOk(tree({ 'harmoniq.config.yaml': yaml }), { LASTFM_USER: 'env-user' });
    expect(config.sections).toEqual({
      lastfm: { apiKey: 'file-lastfm-key', user: 'file-lfm-user', apiUrl: 'http://127.0.0.1:9/2.0/' },
      listenbrainz: { token: 'file-lb-token' },
    });
    expect(config.env.LASTFM_USER).toBe('env-user');
    expect(config.env.LASTFM_API_KEY).toBeUndefined();
  });
  it('reads its own settings from the file', async () => {
    const config = await loadOk(tree({ 'harmoniq.config.yaml': yaml }));
    expect(config.plex).toMatchObject({ url: 'http://file-plex:32400', token: 'file-plex-token', library: 'FileMusic' });
    expect(config.timezone).toBe('Asia/Tokyo');
  });
});

describe('loadConfig data dir defaults', () => {
  const cases: Array<[NodeJS.Platform, Env, string]> = [
    ['linux', { XDG_DATA_HOME: '/xdg/data' }, '/xdg/data/harmoniq'],
    ['linux', {}, '/home/me/.local/share/harmoniq'],
    ['linux', { XDG_DATA_HOME: 'relative/ignored' }, '/home/me/.local/share/harmoniq'],
    ['freebsd', {}, '/home/me/.local/share/harmoniq'],
    ['darwin', { XDG_DATA_HOME: '/xdg/data' }, '/home/me/Library/Application Support/harmoniq'],
    ['win32', { LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local' }, 'C:\\Users\\me\\AppData\\Local\\harmoniq'],
  ];
  it.each(cases)('on %s with %j uses %s', async (platform, env, expected) => {
    const root = tree();
    const config = await loadOk(root, env, { platform, homeDir: '/home/me' });
    expect(config.dataDir).toBe(expected);
  });
});

describe('loadConfig file permission warning', () => {
  it('warns, with the chmod fix, when a file holding secrets is readable by others', async () => {
    const root = tree({ 'harmoniq.config.yaml': 'plex:\n  token: super-secret-token\nlastfm:\n  apiKey: another-secret\n' });
    const file = join(root, 'harmoniq.config.yaml');
    chmodSync(file, 0o644);
    const result = await load(root);
    expect(result.warnings).toEqual([expect.stringContaining(`Run: chmod 600 '${file}'`)]);
    expect(result.warnings[0]).toContain('plex.token, lastfm.apiKey');
    expect(JSON.stringify(result)).toContain('super-secret-token'); // the config itself still carries it
    expect(result.warnings.join('\n')).not.toContain('super-secret-token');
  });
  it('does not warn when only the owner can read the file', async () => {
    const root = tree({ 'harmoniq.config.yaml': 'plex:\n  token: super-secret-token\n' });
    chmodSync(join(root, 'harmoniq.config.yaml'), 0o600);
    expect((await load(root)).warnings).toEqual([]);
  });
  it('does not warn about a readable file without secrets', async () => {
    const root = tree({ 'harmoniq.config.yaml': 'logLevel: info\n' });
    chmodSync(join(root, 'harmoniq.config.yaml'), 0o644);
    expect((await load(root)).warnings).toEqual([]);
  });
  it('warns about secrets inside source sections too', async () => {
    const root = tree({ 'harmoniq.config.yaml': 'sources:\n  my-source:\n    apiKey: abc123456\n' });
    chmodSync(join(root, 'harmoniq.config.yaml'), 0o640);
    expect((await load(root)).warnings[0]).toContain('sources.my-source.apiKey');
  });
});

describe('loadConfig empty YAML values', () => {
  it('reads `key:` with nothing after it as not set, and an empty source section as an empty section', async () => {
    const root = tree({ 'harmoniq.config.yaml': 'plex:\n  url:\n  library: Tunes\nschedule:\nsources:\n  daily-flow:\n' });
    const config = await loadOk(root);
    expect(config.plex.url).toBeUndefined();
    expect(config.plex.library).toBe('Tunes');
    expect(config.sources).toEqual({ 'daily-flow': {} });
  });
});

describe('loadConfig: history and status page settings', () => {
  it('defaults to 200 runs or 30 days of history and no status page', async () => {
    const result = await loadConfig({ cwd: mkdtempSync(join(tmpdir(), 'harmoniq-status-')), env: {} });
    expect(result.ok && result.config.history).toEqual({ maxRuns: 200, maxDays: 30 });
    expect(result.ok && result.config.status).toEqual({ host: '127.0.0.1' });
  });

  it('reads STATUS_PORT, STATUS_HOST, STATUS_TOKEN and the history limits, and reports bad values with their names', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'harmoniq-status-'));
    const good = await loadConfig({ cwd, env: { STATUS_PORT: '8787', STATUS_HOST: '0.0.0.0', STATUS_TOKEN: 'tok-123456', HISTORY_MAX_RUNS: '50', HISTORY_MAX_DAYS: '7' } });
    expect(good.ok && good.config.status).toEqual({ port: 8787, host: '0.0.0.0', token: 'tok-123456' });
    expect(good.ok && good.config.history).toEqual({ maxRuns: 50, maxDays: 7 });
    const bad = await loadConfig({ cwd, env: { STATUS_PORT: '70000', HISTORY_MAX_RUNS: '0' } });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors.map((e) => e.message)).toEqual([
      "HISTORY_MAX_RUNS must be a whole number from 1 to 100000, got '0'",
      "STATUS_PORT must be a whole number from 0 to 65535, got '70000'",
    ]);
  });
});
