import { HarmoniqError } from '@harmoniq/core';
import { discoverPlugins, type DiscoverInput } from './discover-plugins.js';
import { loadPlugin, type LoadedPlugin } from './load-plugin.js';

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
