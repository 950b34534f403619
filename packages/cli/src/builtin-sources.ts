import type { PlaylistSource } from '@harmoniq/core';

interface SourceModule {
  sources?: PlaylistSource<unknown>[];
}

/** Built-in sources, imported only when a command needs them so `harmoniq --help` stays fast. */
export async function loadBuiltinSources(): Promise<PlaylistSource<unknown>[]> {
  const modules: SourceModule[] = await Promise.all([
    import('@harmoniq/plugin-lastfm-charts') as Promise<SourceModule>,
    import('@harmoniq/plugin-lastfm-recs') as Promise<SourceModule>,
    import('@harmoniq/plugin-daily-flow') as Promise<SourceModule>,
    import('@harmoniq/plugin-listenbrainz') as Promise<SourceModule>,
  ]);
  return modules.flatMap((m) => m.sources ?? []);
}
