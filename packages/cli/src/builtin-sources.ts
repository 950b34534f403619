import type { PlaylistSource } from '@harmoniq/core';

interface SourceModule {
  sources?: PlaylistSource<unknown>[];
}

const BUILTIN_PACKAGES = [
  () => import('@harmoniq/plugin-lastfm-charts'),
  () => import('@harmoniq/plugin-lastfm-recs'),
  () => import('@harmoniq/plugin-daily-flow'),
  () => import('@harmoniq/plugin-listenbrainz'),
  () => import('@harmoniq/plugin-sonic-mix'),
] as const;

/** Built-in sources, imported only when a command needs them so `harmoniq --help` stays fast. */
export async function loadBuiltinSources(): Promise<PlaylistSource<unknown>[]> {
  const sources: PlaylistSource<unknown>[] = [];
  // One at a time: concurrent dynamic imports of modules sharing dependencies trip jest's ESM loader.
  for (const load of BUILTIN_PACKAGES) sources.push(...(((await load()) as SourceModule).sources ?? []));
  return sources;
}
