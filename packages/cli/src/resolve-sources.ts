import {
  HarmoniqError,
  resolveCommonOptions,
  sourceRawOptions,
  type CommonSourceOptions,
  type ConfigIssue,
  type PlaylistSource,
  type ResolvedSource,
} from '@harmoniq/core';
import type { Runtime } from './runtime.js';

export interface SourceStatus {
  source: PlaylistSource<unknown>;
  enabled: boolean;
  common?: CommonSourceOptions;
  options?: unknown;
  /** What is missing or wrong in this source's configuration. */
  problems: ConfigIssue[];
}

/** Validates every known source's configuration; never throws for user mistakes. */
export function resolveSources(rt: Runtime, sources: PlaylistSource<unknown>[]): SourceStatus[] {
  return sources.map((source) => {
    const common = resolveCommonOptions(source, rt.config);
    const problems: ConfigIssue[] = common.ok ? [] : [...common.errors];
    let options: unknown;
    try {
      const parsed = source.parseOptions(sourceRawOptions(source, rt.config), rt.config.env);
      if (parsed.ok) {
        options = parsed.value;
        for (const w of parsed.warnings ?? []) rt.logger.child(source.name).warn(w);
      } else problems.push(...parsed.errors);
    } catch (error) {
      problems.push({ path: source.name, message: `parseOptions threw: ${(error as Error).message}` });
    }
    return { source, enabled: common.ok ? common.value.enabled : false, common: common.ok ? common.value : undefined, options, problems };
  });
}

/**
 * The sources a sync runs: the named ones (even when not enabled: the user asked for them), or every
 * enabled one. Unknown names and invalid configuration stop before any request is made.
 */
export function selectSources(statuses: SourceStatus[], names: string[]): ResolvedSource[] {
  const byName = new Map(statuses.map((s) => [s.source.name, s]));
  const unknown = names.filter((n) => !byName.has(n));
  if (unknown.length) {
    throw new HarmoniqError({
      code: 'EUNKNOWNSOURCE',
      message: `Unknown source${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}.`,
      hint: `Known sources: ${[...byName.keys()].join(', ')}. 'harmoniq sources' lists them with their status.`,
    });
  }
  const chosen = names.length ? names.map((n) => byName.get(n) as SourceStatus) : statuses.filter((s) => s.enabled);
  if (!chosen.length) {
    throw new HarmoniqError({
      code: 'ESOURCEDISABLED',
      message: 'No source is enabled.',
      hint: "Enable one, e.g. ENABLE_LASTFM_CHARTS=true, or name it: 'harmoniq sync lastfm-charts'. 'harmoniq sources' shows what each needs.",
    });
  }
  const invalid = chosen.filter((s) => s.problems.length || !s.common);
  if (invalid.length) {
    const lines = invalid.flatMap((s) => s.problems.map((p) => `${s.source.name}: ${p.path}: ${p.message}`));
    throw new HarmoniqError({
      code: 'ECONFIG',
      message: `Invalid configuration: ${lines.join('; ')}.`,
      hint: "Fix the settings named above ('harmoniq sources' shows what each source needs; see docs/configuration.md).",
    });
  }
  return chosen.map((s) => ({ source: s.source, options: s.options, common: s.common as CommonSourceOptions }));
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
