/**
 * Runs inside a plugin's worker thread (core's boundary imports it there): loads the one source the run wants,
 * the same way the CLI loaded it, so the worker runs the plugin's own code and nothing else of the run's.
 */
import type { PlaylistSource } from '@harmoniq/core';
import { customSources, type CustomSourcesInput } from '@harmoniq/plugin-custom';
import type { PluginRef } from './discover-plugins.js';
import { packageImporter } from './package-importer.js';

export type IsolatedLoaderArgs =
  | { kind: 'plugin'; ref: PluginRef; name: string }
  | { kind: 'custom'; input: Omit<CustomSourcesInput, 'importModule'>; importDirs: string[]; name: string };

export async function loadIsolatedSource(args: IsolatedLoaderArgs): Promise<PlaylistSource<unknown>> {
  // The plugin loader (with its shape check) is imported only for a plugin: it brings the whole pipeline entry,
  // which a custom module's thread would otherwise load for nothing (docs/decisions/0018-plugin-boundary.md).
  const sources: PlaylistSource<unknown>[] =
    args.kind === 'plugin'
      ? (await (await import('./load-plugin.js')).loadPlugin(args.ref)).sources
      : customSources({ ...args.input, importModule: packageImporter(args.importDirs) });
  const source = sources.find((s) => s.name === args.name);
  if (!source) throw new Error(`the source '${args.name}' is no longer exported by it`);
  return source;
}
