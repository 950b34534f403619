import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { HarmoniqError } from '@harmoniq/core';
import { findPackageDir, nodeModulesChain, packageEntry, pluginPackagesIn } from './node-modules.js';

/** A plugin to load: what it is called, how it was found, and the file to import. */
export interface PluginRef {
  /** The package name, or the path as listed. */
  id: string;
  /** How it was found: "HARMONIQ_PLUGINS", "plugins in /srv/harmoniq.yaml", "/srv/node_modules". */
  via: string;
  /** Absolute path of the module to import. */
  entry: string;
}

export interface DiscoverInput {
  cwd: string;
  /** The config file's folder: listed package names are looked up from there first. */
  baseDir: string;
  /** The `plugins:` list or HARMONIQ_PLUGINS (paths already absolute when they started with ./ or ../). */
  listed: readonly string[];
  /** Where the list came from, for messages. */
  listedVia: string;
  /** Folder of the installed CLI: plugins installed next to it (e.g. globally) are found too. */
  cliDir: string;
}

/** `./x.mjs`, `lib/x.js`, `/abs/x` are paths; `harmoniq-plugin-x` and `@me/harmoniq-plugin-x` are package names. */
function isPathLike(id: string): boolean {
  return isAbsolute(id) || /^\.{1,2}([\\/]|$)/.test(id) || /\.[cm]?js$/i.test(id) || (!id.startsWith('@') && /[\\/]/.test(id));
}

/**
 * Every plugin to load: the listed ones first (missing ones are EPLUGINLOAD errors), then installed packages named
 * `harmoniq-plugin-*` / `@scope/harmoniq-plugin-*` in the node_modules folders above cwd and above the CLI.
 * A package found in several folders counts once (the nearest wins, as with Node); so does a listed one.
 */
export async function discoverPlugins(input: DiscoverInput): Promise<{ refs: PluginRef[]; errors: HarmoniqError[] }> {
  const refs: PluginRef[] = [];
  const errors: HarmoniqError[] = [];
  const seenNames = new Set<string>();
  for (const id of input.listed) {
    try {
      if (isPathLike(id)) refs.push({ id, via: input.listedVia, entry: await pathEntry(resolve(input.baseDir, id)) });
      else {
        const dir = await findPackageDir(id, [input.baseDir, input.cwd, input.cliDir]);
        if (!dir) throw new Error('it is not installed in any node_modules folder above the config file, the current folder or Harmoniq');
        seenNames.add(id);
        refs.push({ id, via: input.listedVia, entry: await packageEntry(dir) });
      }
    } catch (error) {
      errors.push(
        new HarmoniqError({
          code: 'EPLUGINLOAD',
          message: `Cannot load the plugin '${id}' (listed in ${input.listedVia}): ${(error as Error).message}.`,
          hint: isPathLike(id) ? 'Fix the path; relative paths in the config file resolve from its folder.' : `Install it (npm install ${id}) or remove it from the list.`,
          cause: error,
        }),
      );
    }
  }
  const folders = [...new Set([...nodeModulesChain(input.cwd), ...nodeModulesChain(input.cliDir)])];
  for (const folder of folders) {
    for (const pkg of await pluginPackagesIn(folder)) {
      if (seenNames.has(pkg.name)) continue;
      seenNames.add(pkg.name);
      try {
        refs.push({ id: pkg.name, via: folder, entry: await packageEntry(pkg.dir) });
      } catch (error) {
        errors.push(new HarmoniqError({ code: 'EPLUGINLOAD', message: `Cannot load the plugin ${pkg.name} from ${pkg.dir}: ${(error as Error).message}.`, hint: `Reinstall it, or uninstall it (npm uninstall ${pkg.name}).` }));
      }
    }
  }
  return { refs: await uniqueByFile(refs), errors };
}

/** A listed path may be a module file or a package folder. */
async function pathEntry(path: string): Promise<string> {
  const found = await stat(path).catch(() => undefined);
  if (!found) throw new Error(`no such file or folder: ${path}`);
  return found.isDirectory() ? packageEntry(path) : path;
}

/** The same module listed and also found installed is loaded once. */
async function uniqueByFile(refs: PluginRef[]): Promise<PluginRef[]> {
  const real = await Promise.all(refs.map((r) => realpath(r.entry).catch(() => r.entry)));
  const seen = new Set<string>();
  return refs.filter((_, i) => {
    const key = real[i] as string;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
