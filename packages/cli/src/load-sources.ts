import { fileURLToPath } from 'node:url';
import type { PlaylistSource } from '@harmoniq/core';
import type { CustomOptions } from '@harmoniq/plugin-custom';
import type { IsolatedLoaderArgs } from './plugins/isolated-loader.js';
import { ISOLATED_LOADER } from './plugins/isolate-sources.js';
import { loadBuiltinSources } from './builtin-sources.js';
import { describeRef } from './plugins/load-plugin.js';
import { loadPlugins } from './plugins/load-plugins.js';
import { packageImporter } from './plugins/package-importer.js';
import { assertUniqueErrorCodes, assertUniqueNames } from './resolve-sources.js';
import type { Runtime } from './runtime.js';

/** The folder of the installed CLI package: plugins installed beside Harmoniq (e.g. globally) are found from here. */
const CLI_DIR = fileURLToPath(new URL('..', import.meta.url));

/**
 * Every source this configuration knows: built-ins, then third-party plugins, then custom playlists. Called only by
 * commands that need sources, so `harmoniq --help` imports no plugin.
 */
export async function loadSources(rt: Runtime): Promise<PlaylistSource<unknown>[]> {
  const { config, io } = rt;
  const builtin = await loadBuiltinSources();
  const origin = new Map<PlaylistSource<unknown>, string>(builtin.map((s) => [s, 'built-in']));

  const fromEnv = config.origins.plugins === 'env';
  const plugins = await loadPlugins({
    cwd: io.cwd,
    baseDir: fromEnv ? io.cwd : config.baseDir,
    listed: config.plugins,
    listedVia: fromEnv ? 'HARMONIQ_PLUGINS' : `plugins in ${config.configFile ?? 'the config file'}`,
    cliDir: CLI_DIR,
  });
  const pluginSources: PlaylistSource<unknown>[] = [];
  for (const plugin of plugins) {
    for (const source of plugin.sources) {
      // Listing a built-in package as a plugin loads the very same object: nothing to add.
      if (origin.has(source)) continue;
      origin.set(source, describeRef(plugin.ref));
      pluginSources.push(source);
      const args: IsolatedLoaderArgs = { kind: 'plugin', ref: plugin.ref, name: source.name };
      rt.isolation?.set(source, () => ({ loader: ISOLATED_LOADER, args, label: `the ${describeRef(plugin.ref)}` }));
    }
  }
  for (const p of pluginSources) rt.logger.debug(`Plugin source '${p.name}' from ${origin.get(p) ?? '?'}.`);

  const { customSources } = await import('@harmoniq/plugin-custom');
  const input = { entries: config.custom, env: config.env, cwd: io.cwd, baseDir: config.baseDir, configFile: config.configFile };
  const importDirs = [config.baseDir, io.cwd, CLI_DIR];
  const custom = customSources({ ...input, importModule: packageImporter(importDirs) });
  for (const s of custom) {
    origin.set(s, `the custom playlist ${s.custom.origin}`);
    // A module is someone's code: it runs in the boundary. A track file is only read: it runs in-process.
    const args: IsolatedLoaderArgs = { kind: 'custom', input, importDirs, name: s.name };
    rt.isolation?.set(s, (options) => {
      const o = options as CustomOptions | undefined;
      return o?.kind === 'module' ? { loader: ISOLATED_LOADER, args, label: `the custom module ${o.label}` } : undefined;
    });
  }

  const all = [...builtin, ...pluginSources, ...custom];
  assertUniqueNames(all, (s) => origin.get(s) ?? 'unknown');
  assertUniqueErrorCodes(all, (s) => origin.get(s) ?? 'unknown');
  return all;
}
