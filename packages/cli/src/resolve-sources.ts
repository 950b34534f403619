import { HarmoniqError, type PlaylistSource } from '@harmoniq/core';
import { registeredErrorCodes, resolveSourceStatuses, selectSources as selectFrom, type ResolvedSource, type SourceResolution, type SourceStatus } from '@harmoniq/core/pipeline';
import type { Runtime } from './runtime.js';

export type { SourceResolution, SourceStatus };

/** Every known source's configuration, checked by the core; its warnings are logged under the source's label. */
export function resolveSources(rt: Runtime, sources: PlaylistSource<unknown>[]): SourceResolution {
  const resolution = resolveSourceStatuses(rt.config, sources);
  for (const s of resolution.statuses) for (const w of s.warnings) rt.logger.child(s.source.name).warn(w);
  return resolution;
}

/**
 * The sources a sync runs: the named ones, or every enabled one. Unknown names, and every configuration problem
 * of the run (the chosen sources', and `otherProblems` such as missing Plex settings), stop before any request.
 */
export function selectSources(resolution: SourceResolution, names: string[], otherProblems: string[] = []): ResolvedSource[] {
  return selectFrom(resolution, { names, otherProblems });
}

/** Two sources with one name would overwrite each other's playlists: refuse. */
export function assertUniqueNames(sources: PlaylistSource<unknown>[], origin: (s: PlaylistSource<unknown>) => string): void {
  const seen = new Map<string, PlaylistSource<unknown>>();
  for (const s of sources) {
    const prior = seen.get(s.name);
    if (prior) {
      throw new HarmoniqError({
        code: 'EPLUGINDUP',
        message: `Two sources are named '${s.name}': ${origin(prior)} and ${origin(s)}.`,
        hint: 'Remove one of the plugins, or rename the custom source.',
      });
    }
    seen.set(s.name, s);
  }
}

/** A plugin's error code means one thing: a second plugin giving it another meaning (claiming ELASTFMKEY) is refused. */
export function assertUniqueErrorCodes(sources: PlaylistSource<unknown>[], origin: (s: PlaylistSource<unknown>) => string): void {
  const { clashes } = registeredErrorCodes(sources);
  if (!clashes.length) return;
  const byName = new Map(sources.map((s) => [s.name, s]));
  const where = (name: string) => `'${name}' (${origin(byName.get(name) as PlaylistSource<unknown>)})`;
  throw new HarmoniqError({
    code: 'EPLUGINDUP',
    message: `Two plugins claim one error code: ${clashes.map((c) => `${c.code} is declared by ${where(c.first)} and by ${where(c.second)}`).join('; ')}.`,
    hint: 'Remove one of the plugins; a plugin prefixes its error codes with its own name (docs/writing-a-plugin.md).',
  });
}
