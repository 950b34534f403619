import { pathToFileURL } from 'node:url';
import { HarmoniqError } from '@harmoniq/core';
import { discoverPlugins, type DiscoverInput } from './discover-plugins.js';
import { loadPlugin, type LoadedPlugin } from './load-plugin.js';
import { findPackageDir, packageEntry } from './node-modules.js';

/**
 * Discovers and loads every third-party plugin. A plugin that cannot be loaded, or exports something that is not
 * a valid source for this plugin API, stops the command with an EPLUGIN… error naming it (every such problem at
 * once): it is a broken installation, like an invalid config file.
 */
export async function loadPlugins(input: DiscoverInput): Promise<LoadedPlugin[]> {
  const { refs, errors } = await discoverPlugins(input);
  const results = await Promise.allSettled(refs.map((ref) => loadPlugin(ref)));
  const loaded: LoadedPlugin[] = [];
  for (const r of results) {
    if (r.status === 'fulfilled') loaded.push(r.value);
    else errors.push(r.reason instanceof HarmoniqError ? r.reason : new HarmoniqError({ code: 'EPLUGINLOAD', message: String(r.reason) }));
  }
  const [first, ...more] = errors;
  if (!first) return loaded;
  if (!more.length) throw first;
  throw new HarmoniqError({
    code: first.code,
    message: `${errors.length} plugins cannot be used: ${errors.map((e) => e.message).join(' ')}`,
    hint: first.hint,
    cause: first,
  });
}

/** Imports an installed package by name, looked up from these folders in turn (for custom modules given by name). */
export function packageImporter(startDirs: readonly string[]): (name: string) => Promise<unknown> {
  return async (name) => {
    const dir = await findPackageDir(name, startDirs);
    if (!dir) throw new Error(`the package '${name}' is not installed in any node_modules folder above ${startDirs.join(' or ')}`);
    return import(pathToFileURL(await packageEntry(dir)).href);
  };
}
