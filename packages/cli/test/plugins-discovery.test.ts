import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { runCli, spawnCli, tempDir } from './cli-harness.js';
import { installMixtape, sourceModule, writeFiles, writePluginPackage } from './fixtures/plugin-fixtures.js';

interface Row {
  name: string;
  enabled: boolean;
  ready: boolean;
  description: string;
  playlist: string;
}

let root: string;
let env: Record<string, string>;

beforeEach(() => {
  root = tempDir('harmoniq-plugins-');
  env = { HARMONIQ_DATA_DIR: join(root, 'data'), TIMEZONE: 'UTC' };
});

async function sources(cwd = root, extraEnv: Record<string, string> = {}, args: string[] = []): Promise<Row[]> {
  const r = await runCli([...args, 'sources', '--json'], { ...env, ...extraEnv }, cwd);
  expect(r.stderr).not.toContain('EPLUGIN');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Row[];
}
const names = (rows: Row[]) => rows.map((r) => r.name);

describe('installed plugin packages', () => {
  it('finds harmoniq-plugin-* in the current folder\'s node_modules and lists its source', async () => {
    installMixtape(root);
    const rows = await sources();
    expect(rows.find((r) => r.name === 'mixtape')).toMatchObject({ enabled: false, playlist: 'Mixtape', ready: true, description: expect.stringContaining('A fixed mixtape') });
    expect(names(rows).indexOf('mixtape')).toBeGreaterThan(names(rows).indexOf('lastfm-charts'));
  });

  it('finds @scope/harmoniq-plugin-* packages', async () => {
    writePluginPackage(root, '@acme/harmoniq-plugin-radio', sourceModule('acme-radio'));
    expect(names(await sources())).toContain('acme-radio');
  });

  it('walks up from the current folder to every node_modules above it', async () => {
    installMixtape(root);
    const deep = join(root, 'a', 'b', 'c');
    mkdirSync(deep, { recursive: true });
    expect(names(await sources(deep))).toContain('mixtape');
  });

  it('uses the nearest copy when a package is installed at two levels', async () => {
    writePluginPackage(root, 'harmoniq-plugin-twice', sourceModule('twice-outer'));
    const inner = join(root, 'project');
    writePluginPackage(inner, 'harmoniq-plugin-twice', sourceModule('twice-inner'));
    const found = names(await sources(inner));
    expect(found).toContain('twice-inner');
    expect(found).not.toContain('twice-outer');
  });

  it('ignores packages whose names do not follow the pattern, and files that are not packages', async () => {
    writePluginPackage(root, 'harmoniq-mixtape', sourceModule('not-a-plugin-1'));
    writePluginPackage(root, '@acme/radio', sourceModule('not-a-plugin-2'));
    writePluginPackage(root, 'my-harmoniq-plugin-x', sourceModule('not-a-plugin-3'));
    writeFiles(root, { 'node_modules/harmoniq-plugin-file': 'not a folder', 'node_modules/.bin/harmoniq-plugin-x': '' });
    expect(names(await sources()).filter((n) => n.startsWith('not-a-plugin'))).toEqual([]);
  });

  it('accepts a default-exported array, a `sources` export and CommonJS module.exports', async () => {
    writePluginPackage(root, 'harmoniq-plugin-array', `export default [${sourceModule('arr-one').replace('export default ', '').replace(/;\n$/, '')}, ${sourceModule('arr-two').replace('export default ', '').replace(/;\n$/, '')}];`);
    writePluginPackage(root, 'harmoniq-plugin-named', `export const sources = [${sourceModule('named-one').replace('export default ', '').replace(/;\n$/, '')}];`);
    writePluginPackage(root, 'harmoniq-plugin-cjs', `module.exports = { sources: [${sourceModule('cjs-one').replace('export default ', '').replace(/;\n$/, '')}] };`, { type: 'commonjs' });
    expect(names(await sources())).toEqual(expect.arrayContaining(['arr-one', 'arr-two', 'named-one', 'cjs-one']));
  });

  it('resolves the entry from "exports" conditions, else "main", else index.js', async () => {
    writePluginPackage(root, 'harmoniq-plugin-exports', '', { exports: { '.': { types: './x.d.ts', import: './lib/entry.js' } } });
    writeFiles(root, { 'node_modules/harmoniq-plugin-exports/lib/entry.js': sourceModule('via-exports') });
    writePluginPackage(root, 'harmoniq-plugin-main', '', { main: 'src/main.mjs' });
    writeFiles(root, { 'node_modules/harmoniq-plugin-main/src/main.mjs': sourceModule('via-main') });
    expect(names(await sources())).toEqual(expect.arrayContaining(['via-exports', 'via-main']));
  });

  it('does not import any plugin for --help (spawned bin)', async () => {
    const marker = join(root, 'imported.txt');
    writePluginPackage(root, 'harmoniq-plugin-marker', `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'yes');\n${sourceModule('marker')}`);
    const help = await spawnCli(['--help'], env, root);
    expect(help.code).toBe(0);
    expect(existsSync(marker)).toBe(false);
    const listed = await spawnCli(['sources'], env, root);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('marker');
    expect(existsSync(marker)).toBe(true);
  });
});

describe('the plugins list (config file and HARMONIQ_PLUGINS)', () => {
  it('loads paths relative to the config file and package names installed next to it', async () => {
    const configDir = join(root, 'config');
    writeFiles(configDir, {
      'plugins/local.mjs': sourceModule('local-plugin'),
      'harmoniq.json': JSON.stringify({ plugins: ['./plugins/local.mjs', 'my-radio'] }),
    });
    writePluginPackage(configDir, 'my-radio', sourceModule('my-radio'));
    const cwd = join(root, 'elsewhere');
    mkdirSync(cwd);
    expect(names(await sources(cwd, {}, ['--config', join(configDir, 'harmoniq.json')]))).toEqual(expect.arrayContaining(['local-plugin', 'my-radio']));
  });

  it('loads a package folder or a module path given in HARMONIQ_PLUGINS, relative to the current folder', async () => {
    writeFiles(root, { 'vendor/radio/package.json': JSON.stringify({ type: 'module', main: 'radio.js' }), 'vendor/radio/radio.js': sourceModule('vendored'), 'extra.mjs': sourceModule('extra') });
    expect(names(await sources(root, { HARMONIQ_PLUGINS: './vendor/radio, ./extra.mjs' }))).toEqual(expect.arrayContaining(['vendored', 'extra']));
  });

  it("prints the config file's JSON Schema with the built-ins and every loaded plugin (config --schema)", async () => {
    writeFiles(root, { 'extra.mjs': sourceModule('extra') });
    const r = await runCli(['config', '--schema'], { ...env, HARMONIQ_PLUGINS: './extra.mjs' }, root);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as { properties: { sources: { properties: Record<string, unknown> } } };
    expect(Object.keys(schema.properties.sources.properties)).toEqual(expect.arrayContaining(['lastfm-charts', 'daily-flow', 'extra']));
    // Without plugins it is the schema shipped in docs/.
    const plain = await runCli(['config', '--schema'], env, root);
    const shipped = readFileSync(fileURLToPath(new URL('../../../docs/harmoniq.schema.json', import.meta.url)), 'utf8');
    expect(JSON.parse(plain.stdout)).toEqual(JSON.parse(shipped));
  });

  it('loads a listed plugin that is also installed only once', async () => {
    installMixtape(root);
    const rows = await sources(root, { HARMONIQ_PLUGINS: 'harmoniq-plugin-mixtape,./node_modules/harmoniq-plugin-mixtape' });
    expect(names(rows).filter((n) => n === 'mixtape')).toHaveLength(1);
  });
});

describe('plugins that cannot be used stop the command with a clear error', () => {
  const fails = async (code: string, message: RegExp | string, extraEnv: Record<string, string> = {}) => {
    const r = await runCli(['sources'], { ...env, ...extraEnv }, root);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`harmoniq: ${code} `);
    if (typeof message === 'string') expect(r.stderr).toContain(message);
    else expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/EINTERNAL|\n\s+at /);
    return r;
  };

  it('EPLUGINLOAD names a listed plugin that is not installed and where it was listed', async () => {
    await fails('EPLUGINLOAD', "Cannot load the plugin 'harmoniq-plugin-nowhere' (listed in HARMONIQ_PLUGINS): it is not installed", { HARMONIQ_PLUGINS: 'harmoniq-plugin-nowhere' });
  });

  it('EPLUGINLOAD names a listed path that does not exist', async () => {
    await fails('EPLUGINLOAD', `no such file or folder: ${join(root, 'gone.mjs')}`, { HARMONIQ_PLUGINS: './gone.mjs' });
  });

  it('EPLUGINLOAD names the package and its file when the module has a syntax error', async () => {
    const dir = writePluginPackage(root, 'harmoniq-plugin-broken', 'export default {\n  apiVersion: 1,,\n};\n');
    await fails('EPLUGINLOAD', new RegExp(`Cannot load the plugin harmoniq-plugin-broken \\(${join(dir, 'index.js')}\\), found via ${join(root, 'node_modules')}: SyntaxError`));
  });

  it('EPLUGINAPI names the plugin, its file and the version it was written for', async () => {
    const dir = writePluginPackage(root, 'harmoniq-plugin-future', sourceModule('future').replace('apiVersion: 1', 'apiVersion: 2'));
    await fails('EPLUGINAPI', `The source 'future' of the plugin harmoniq-plugin-future (${join(dir, 'index.js')}) was written for plugin API version 2; this Harmoniq supports version 1.`);
  });

  it.each([
    ['exports nothing usable', 'export const version = 3;\n', "exports no source (it exports 'version')"],
    ['default-exports a string', "export default 'mixtape';\n", 'exports no source'],
    ['has a source without fetch', sourceModule('no-fetch').replace(/async fetch[^\n]*\n/, ''), "The source 'no-fetch' of the plugin harmoniq-plugin-bad"],
    ['has a source with a name that is not kebab-case', sourceModule('Bad Name'), 'name must be kebab-case, got "Bad Name"'],
  ])('EPLUGINSHAPE when a plugin %s', async (_, text, message) => {
    writePluginPackage(root, 'harmoniq-plugin-bad', text);
    await fails('EPLUGINSHAPE', message);
  });

  it('reports every broken plugin at once', async () => {
    writePluginPackage(root, 'harmoniq-plugin-bad-one', 'export const nothing = 1;\n');
    writePluginPackage(root, 'harmoniq-plugin-bad-two', sourceModule('two').replace('apiVersion: 1', 'apiVersion: 0'));
    const r = await fails('EPLUGINSHAPE', '2 plugins cannot be used');
    expect(r.stderr).toContain('harmoniq-plugin-bad-one');
    expect(r.stderr).toContain('harmoniq-plugin-bad-two');
  });
});

describe('two sources with one name', () => {
  it('EPLUGINDUP names the built-in and the plugin', async () => {
    const dir = writePluginPackage(root, 'harmoniq-plugin-charts', sourceModule('lastfm-charts'));
    const r = await runCli(['sources'], env, root);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`EPLUGINDUP Two sources are named 'lastfm-charts': built-in and plugin harmoniq-plugin-charts (${join(dir, 'index.js')}).`);
  });

  it('EPLUGINDUP names both plugins', async () => {
    writePluginPackage(root, 'harmoniq-plugin-a', sourceModule('same'));
    writePluginPackage(root, '@x/harmoniq-plugin-b', sourceModule('same'));
    const r = await runCli(['sync', 'same'], env, root);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/EPLUGINDUP Two sources are named 'same': plugin (harmoniq-plugin-a|@x\/harmoniq-plugin-b) .* and plugin (harmoniq-plugin-a|@x\/harmoniq-plugin-b) /);
  });

  it('EPLUGINDUP names a plugin claiming a built-in plugin\'s error code with another meaning', async () => {
    const codes = "errorCodes: { meanings: { ELASTFMKEY: 'My radio refused the key.' }, error: (init) => Object.assign(new Error(init.message), init) },";
    const dir = writePluginPackage(root, 'harmoniq-plugin-radio', sourceModule('my-radio', codes));
    const r = await runCli(['sources'], env, root);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`EPLUGINDUP Two plugins claim one error code: ELASTFMKEY is declared by 'lastfm-charts' (built-in) and by 'my-radio' (plugin harmoniq-plugin-radio (${join(dir, 'index.js')})).`);
  });

  it('a plugin\'s own prefixed error codes load beside the built-ins', async () => {
    const codes = "errorCodes: { meanings: { EMYRADIO: 'My radio failed.' }, error: (init) => Object.assign(new Error(init.message), init) },";
    writePluginPackage(root, 'harmoniq-plugin-radio', sourceModule('my-radio', codes));
    expect(names(await sources())).toContain('my-radio');
  });

  it('EPLUGINDUP names a plugin and a custom playlist with its name, suggesting a rename', async () => {
    installMixtape(root);
    writeFileSync(join(root, 'harmoniq.config.json'), JSON.stringify({ custom: [{ name: 'Mixtape', file: './tracks.csv' }] }));
    const r = await runCli(['sources'], env, root);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`EPLUGINDUP Two sources are named 'mixtape': plugin harmoniq-plugin-mixtape`);
    expect(r.stderr).toContain(`and the custom playlist custom[0] in ${join(root, 'harmoniq.config.json')}. Remove one of the plugins, or rename the custom source.`);
  });
});
