import { pathToFileURL } from 'node:url';
import { HarmoniqError, type PlaylistSource } from '@harmoniq/core';
import { sourceShapeProblems } from '@harmoniq/core/pipeline';
import type { PluginRef } from './discover-plugins.js';

export interface LoadedPlugin {
  ref: PluginRef;
  sources: PlaylistSource<unknown>[];
}

const SHAPE_HINT = 'A plugin default-exports a source or an array of sources, or exports `sources`. See docs/writing-a-plugin.md.';

export function describeRef(ref: PluginRef): string {
  return `plugin ${ref.id} (${ref.entry})`;
}

/** Imports one plugin and checks every source it exports; errors name the plugin, its file and how it was found. */
export async function loadPlugin(ref: PluginRef): Promise<LoadedPlugin> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(ref.entry).href)) as Record<string, unknown>;
  } catch (error) {
    const e = error as Error;
    throw new HarmoniqError({
      code: 'EPLUGINLOAD',
      message: `Cannot load the ${describeRef(ref)}, found via ${ref.via}: ${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e.message}`.replace(/\.?$/, '.'),
      hint: `Reinstall or remove it; 'node --check ${ref.entry}' shows syntax errors.`,
      cause: error,
    });
  }
  const exported = exportedSources(mod);
  if (!exported || exported.length === 0) {
    const names = Object.keys(mod);
    throw new HarmoniqError({
      code: 'EPLUGINSHAPE',
      message: `The ${describeRef(ref)} exports no source (${names.length ? `it exports ${names.map((n) => `'${n}'`).join(', ')}` : 'it exports nothing'}).`,
      hint: SHAPE_HINT,
    });
  }
  exported.forEach((source, i) => checkSource(source, i, ref));
  return { ref, sources: exported as PlaylistSource<unknown>[] };
}

function exportedSources(mod: Record<string, unknown>): unknown[] | undefined {
  const d = mod.default;
  if (Array.isArray(d)) return d;
  if (d && typeof d === 'object') {
    // CommonJS `module.exports = { sources }` arrives as the default export.
    const inner = (d as { sources?: unknown }).sources;
    if ('apiVersion' in d || 'fetch' in d) return [d];
    if (Array.isArray(inner)) return inner;
  }
  return Array.isArray(mod.sources) ? mod.sources : undefined;
}

function checkSource(source: unknown, index: number, ref: PluginRef): void {
  const name = typeof (source as { name?: unknown } | null)?.name === 'string' ? `'${(source as { name: string }).name}'` : `#${index + 1}`;
  const version = (source as { apiVersion?: unknown } | null)?.apiVersion;
  if (source && typeof source === 'object' && version !== 1) {
    throw new HarmoniqError({
      code: 'EPLUGINAPI',
      message: `The source ${name} of the ${describeRef(ref)} was written for plugin API version ${String(version)}; this Harmoniq supports version 1.`,
      hint: `Install a release of ${ref.id} made for plugin API 1, or a Harmoniq release that supports version ${String(version)}.`,
    });
  }
  const problems = sourceShapeProblems(source);
  if (problems.length) {
    throw new HarmoniqError({
      code: 'EPLUGINSHAPE',
      message: `The source ${name} of the ${describeRef(ref)} is not a valid source: ${problems.join('; ')}.`,
      hint: SHAPE_HINT,
    });
  }
}
