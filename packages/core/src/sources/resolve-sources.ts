/**
 * Reads every known source's configuration at once and decides what a run does with it. The rule (ADR 0008):
 * a source that is enabled (by env, file or name) and has any invalid setting stops the run before any Plex write;
 * a source that is not enabled may have problems, which `harmoniq sources` shows and `sync --all` ignores.
 * Nothing configured is ever dropped silently.
 */
import type { CommonSourceOptions, ConfigIssue, PlaylistSource } from '../contract.js';
import { HarmoniqError } from '../errors/harmoniq-error.js';
import { resolveCommonOptions, resolveEnabled, sourceRawOptions, type CommonOptionFlags } from '../config/common-options.js';
import { COMMON_SOURCE_KEYS } from '../config/schema.js';
import type { HarmoniqConfig } from '../config/types.js';
import { distance } from 'fastest-levenshtein';
import { suggest } from '../config/values.js';
import type { ResolvedSource } from './run-steps.js';
import { configError, issueLine } from './config-problems.js';
import { readDeclaredOptions, sectionKeys, takesOtherKeys } from './read-options.js';
import { configFileSchema } from '../config/schema.js';

export interface SourceStatus {
  source: PlaylistSource<unknown>;
  /** Turned on by a flag, the environment, the config file or the source's default (invalid = on). */
  enabled: boolean;
  enabledBy: 'flag' | 'env' | 'file' | 'default';
  /** The common options, when they are all valid. */
  common?: CommonSourceOptions;
  /** The source's own options, when parseOptions accepted them. */
  options?: unknown;
  /** Everything wrong with this source's configuration. */
  problems: ConfigIssue[];
  /** Things worth saying that do not stop a run (an ignored setting). */
  warnings: string[];
}

export interface SourceResolution {
  statuses: SourceStatus[];
  /**
   * Problems of the config file's `sources:` section that concern no one source or hide what the user meant
   * (a section for a source that does not exist, `enable:` for `enabled:`): they stop every run.
   */
  problems: ConfigIssue[];
}

/** Every known source's configuration, checked; never throws for user mistakes. */
export function resolveSourceStatuses(
  config: HarmoniqConfig,
  sources: readonly PlaylistSource<unknown>[],
  flags: CommonOptionFlags = {},
): SourceResolution {
  const statuses = sources.map((source) => resolveOne(config, source, flags));
  return { statuses, problems: sectionProblems(config, sources) };
}

function resolveOne(config: HarmoniqConfig, source: PlaylistSource<unknown>, flags: CommonOptionFlags): SourceStatus {
  const { enabled, from } = resolveEnabled(source, config, flags.enabled);
  const common = resolveCommonOptions(source, config, flags);
  const problems: ConfigIssue[] = common.ok ? [] : [...common.errors];
  const warnings: string[] = [];
  let options: unknown;
  try {
    const raw = sourceRawOptions(source, config);
    const parsed = source.options
      ? readDeclaredOptions(source.name, source.options, { section: raw, sections: config.sections, env: config.env }, source.refineOptions?.bind(source))
      : source.parseOptions(raw, config.env);
    if (parsed.ok) {
      options = parsed.value;
      warnings.push(...(parsed.warnings ?? []));
    } else problems.push(...parsed.errors);
  } catch (error) {
    problems.push({ path: source.name, message: `parseOptions threw: ${(error as Error).message} (a bug in the source)` });
  }
  return { source, enabled, enabledBy: from, ...(common.ok ? { common: common.value } : {}), options, problems, warnings };
}

/** `sources.<name>` for an unknown name, and near-misses of the common keys (`enable`, `playlst`), in any source. */
function sectionProblems(config: HarmoniqConfig, sources: readonly PlaylistSource<unknown>[]): ConfigIssue[] {
  const names = sources.map((s) => s.name);
  const problems: ConfigIssue[] = [];
  const common = new Set<string>(COMMON_SOURCE_KEYS);
  const file = config.configFile ? ` in ${config.configFile}` : '';
  problems.push(...unownedSections(config, sources, file));
  for (const [name, section] of Object.entries(config.sources)) {
    const path = `sources.${name}`;
    if (!names.includes(name)) {
      const near = suggest(name, names);
      const hint = near ? `did you mean '${near}'?` : `known sources: ${names.join(', ')}`;
      problems.push({ path, message: `${path}${file} names no known source (${hint})` });
      continue;
    }
    // A source with declared options reports every unknown key itself (readDeclaredOptions), enabled or not; one
    // that hands undeclared keys on (a rest option) still has near misses of the common keys refused below.
    const source = sources.find((s) => s.name === name);
    if (source?.options && !takesOtherKeys(source.options)) {
      const known = sectionKeys(source.options);
      for (const key of Object.keys(section)) {
        if (known.includes(key)) continue;
        const near = suggest(key, known);
        problems.push({ path: `${path}.${key}`, message: `${path}.${key} is not an option of ${name} (${near ? `did you mean '${near}'?` : `known: ${known.join(', ')}`})` });
      }
      continue;
    }
    for (const key of Object.keys(section)) {
      if (common.has(key)) continue;
      const near = nearMiss(key, COMMON_SOURCE_KEYS);
      if (near !== undefined) {
        problems.push({ path: `${path}.${key}`, message: `${path}.${key} is not an option of ${name} (did you mean '${near}'?)` });
      }
    }
  }
  return problems;
}

/** Top-level sections no loaded source declares: a typo (`playlst:`) or a plugin that is not installed. */
function unownedSections(config: HarmoniqConfig, sources: readonly PlaylistSource<unknown>[], file: string): ConfigIssue[] {
  const owned = new Set(sources.flatMap((s) => Object.values(s.options ?? {}).flatMap((o) => (o.section !== undefined ? [o.section] : []))));
  const known = [...Object.keys(configFileSchema.shape).filter((k) => k !== '$schema'), ...owned];
  return Object.keys(config.sections)
    .filter((key) => !owned.has(key))
    .map((key) => {
      const near = suggest(key, known);
      const hint = near ? `did you mean '${near}'?` : `known keys: ${known.join(', ')}`;
      return { path: key, message: `${key} is not a known setting of ${file ? file.replace(/^ in /, '') : 'the config file'} (${hint})` };
    });
}

/** Env names of every declared option, for `harmoniq config`. */
export function optionEnvNames(sources: readonly PlaylistSource<unknown>[]): string[] {
  return sources.flatMap((s) => [
    ...Object.values(s.env ?? {}).filter((n): n is string => typeof n === 'string'),
    ...Object.values(s.options ?? {}).flatMap((o) => (o.env !== undefined ? [o.env] : [])),
  ]);
}

/** A common key one or two typos away (`enable`, `playlst`, `minTrack`), but not a different word (`tracks`). */
function nearMiss(key: string, known: readonly string[]): string | undefined {
  const k = key.toLowerCase();
  return known.find((c) => {
    const d = distance(k, c.toLowerCase());
    return d > 0 && d <= (c.length >= 6 ? 2 : 1);
  });
}

export interface SelectOptions {
  /** Named on the command line; empty = every enabled source. */
  names: readonly string[];
  /** Other problems of the same run (missing Plex settings), reported together with the sources' problems. */
  otherProblems?: readonly string[];
}

/**
 * The sources a run does: the named ones (even when not enabled: the user asked for them), or every enabled one.
 * Unknown names stop at once (EUNKNOWNSOURCE); every other problem of the run is reported in one ECONFIG.
 */
export function selectSources(resolution: SourceResolution, options: SelectOptions): ResolvedSource[] {
  const { statuses } = resolution;
  const byName = new Map(statuses.map((s) => [s.source.name, s]));
  const unknown = options.names.filter((n) => !byName.has(n));
  if (unknown.length) {
    throw new HarmoniqError({
      code: 'EUNKNOWNSOURCE',
      message: `Unknown source${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}.`,
      hint: `Known sources: ${[...byName.keys()].join(', ')}. 'harmoniq sources' lists them with their status.`,
    });
  }
  const chosen = options.names.length ? options.names.map((n) => byName.get(n) as SourceStatus) : statuses.filter((s) => s.enabled);
  const fileLevel = new Set(resolution.problems.map((p) => p.path));
  const lines = [
    ...(options.otherProblems ?? []),
    ...resolution.problems.map((p) => issueLine(p)),
    // An unknown key is already a file problem above; say it once.
    ...chosen.flatMap((s) => s.problems.filter((p) => !fileLevel.has(p.path)).map((p) => issueLine(p, s.source.name))),
  ];
  if (!chosen.length) {
    const none = 'No source is enabled.';
    const fix = enableHint(statuses);
    if (!lines.length) throw new HarmoniqError({ code: 'ESOURCEDISABLED', message: none, hint: fix });
    lines.push(`${none} ${fix}`);
  }
  if (lines.length) throw configError(lines);
  return chosen.map((s) => ({ source: s.source, options: s.options, common: s.common as CommonSourceOptions }));
}

/** How to enable a source, with the first known one as the example (the core names no plugin of its own). */
function enableHint(statuses: SourceStatus[]): string {
  const example = statuses.find((s) => s.source.env?.enabled) ?? statuses[0];
  if (!example) return "No source is installed: 'harmoniq sources' lists what Harmoniq knows.";
  const name = example.source.name;
  const enable = example.source.env?.enabled ? `${example.source.env.enabled}=true` : `sources.${name}.enabled: true`;
  return `Enable one, e.g. ${enable}, or name it: 'harmoniq sync ${name}'. 'harmoniq sources' shows what each needs.`;
}
