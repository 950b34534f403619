/**
 * The options every source has (enabled, playlist, size, minTracks, updateMode), resolved by the core so that no
 * plugin parses them. Precedence: CLI flags > the source's env names > `sources.<name>` in the config file >
 * the global settings (MIN_TRACKS, PLAYLIST_UPDATE_MODE) > the source's defaults.
 */
import type { CommonSourceOptions, ConfigIssue, ParseResult, PlaylistSource } from '../contract.js';
import { envValue } from './env-names.js';
import { COMMON_SOURCE_KEYS, LIMITS, UPDATE_MODES } from './schema.js';
import type { HarmoniqConfig } from './types.js';
import { parseBoolean, parseEnum, parseWholeNumber, rules, showValue, type Parsed } from './values.js';
import { resolveSourceLook } from './source-look.js';

export type CommonOptionFlags = Partial<CommonSourceOptions>;

const titleRule = `must be a playlist title of 1 to ${LIMITS.titleLength} characters`;

export function parsePlaylistTitle(raw: string): Parsed<string> {
  const title = raw.trim();
  // Characters, not UTF-16 units: an emoji is one character to the user, two units to JavaScript.
  return title !== '' && [...title].length <= LIMITS.titleLength
    ? { ok: true, value: title }
    : { ok: false, message: `${titleRule}, got ${showValue(raw)}` };
}

export function resolveCommonOptions(
  source: PlaylistSource,
  config: HarmoniqConfig,
  flags: CommonOptionFlags = {},
): ParseResult<CommonSourceOptions> {
  const errors: ConfigIssue[] = [];
  const section = config.sources[source.name] ?? {};
  const sectionPath = `sources.${source.name}`;
  const sizeRange = (raw: string) => parseWholeNumber(raw, LIMITS.size.min, LIMITS.size.max);
  const minRange = (raw: string) => parseWholeNumber(raw, LIMITS.minTracks.min, LIMITS.minTracks.max);
  const mode = (raw: string) => parseEnum(raw, UPDATE_MODES);
  const sizeRule = rules.wholeNumber(LIMITS.size.min, LIMITS.size.max);
  const minRule = rules.wholeNumber(LIMITS.minTracks.min, LIMITS.minTracks.max);

  function pick<T>(
    flag: T | undefined,
    envName: string | undefined,
    check: (raw: string) => Parsed<T>,
    key: (typeof COMMON_SOURCE_KEYS)[number],
    typeOk: (v: unknown) => boolean,
    rule: string,
    fallback: T,
  ): T {
    if (flag !== undefined) return flag;
    const raw = envName !== undefined ? envValue(config.env, envName) : undefined;
    if (raw !== undefined && envName !== undefined) {
      const parsed = check(raw);
      if (parsed.ok) return parsed.value;
      errors.push({ path: envName, message: `${envName} ${parsed.message}` });
    }
    const fileValue = section[key];
    if (fileValue !== undefined) {
      // The schema already typed these keys when loading; this also covers configs built in code.
      const parsed: Parsed<T> = typeOk(fileValue)
        ? check(String(fileValue))
        : { ok: false, message: `${rule}, got ${showValue(fileValue)}` };
      if (parsed.ok) return parsed.value;
      const path = `${sectionPath}.${key}`;
      errors.push({ path, message: `${path} ${parsed.message}` });
    }
    return fallback;
  }

  const isNumber = (v: unknown) => typeof v === 'number';
  const isString = (v: unknown) => typeof v === 'string';
  const isBoolean = (v: unknown) => typeof v === 'boolean';
  const env = source.env ?? {};
  const value: CommonSourceOptions = {
    enabled: pick(flags.enabled, env.enabled, parseBoolean, 'enabled', isBoolean, rules.boolean, source.defaults.enabled ?? false),
    playlist: pick(flags.playlist, env.playlist, parsePlaylistTitle, 'playlist', isString, titleRule, source.defaults.playlist),
    size: pick(flags.size, env.size, sizeRange, 'size', isNumber, sizeRule, source.defaults.size),
    minTracks: pick(flags.minTracks, undefined, minRange, 'minTracks', isNumber, minRule, config.minTracks),
    updateMode: pick(
      // A global --update-mode flag beats a per-source setting; a global env/file value does not.
      flags.updateMode ?? (config.origins.updateMode === 'flag' ? config.updateMode : undefined),
      undefined,
      mode,
      'updateMode',
      isString,
      rules.oneOf(UPDATE_MODES),
      config.updateMode,
    ),
  };
  const look = resolveSourceLook(source, config, section, { title: value.playlist, titlePath: titlePath(source, config, flags, section) });
  errors.push(...look.errors);
  if (look.value) value.look = look.value;
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}

/** Where the title was set, for template problems: the flag, the env name, the file path, or the source's default. */
function titlePath(source: PlaylistSource, config: HarmoniqConfig, flags: CommonOptionFlags, section: Record<string, unknown>): string {
  if (flags.playlist !== undefined) return '--playlist';
  const envName = source.env?.playlist;
  if (envName !== undefined && envValue(config.env, envName) !== undefined) return envName;
  if (section.playlist !== undefined) return `sources.${source.name}.playlist`;
  return `${source.name}'s default title`;
}

/**
 * Whether the user turned this source on, and how. An enabled setting that cannot be read (ENABLE_X=maybe) counts
 * as on: the user said something about the source, so its problems must stop the run rather than drop it.
 */
export function resolveEnabled(
  source: PlaylistSource,
  config: HarmoniqConfig,
  flag?: boolean,
): { enabled: boolean; from: 'flag' | 'env' | 'file' | 'default' } {
  if (flag !== undefined) return { enabled: flag, from: 'flag' };
  const envName = source.env?.enabled;
  const raw = envName !== undefined ? envValue(config.env, envName) : undefined;
  if (raw !== undefined) {
    const parsed = parseBoolean(raw);
    return { enabled: parsed.ok ? parsed.value : true, from: 'env' };
  }
  const fileValue = config.sources[source.name]?.enabled;
  if (fileValue !== undefined) return { enabled: typeof fileValue === 'boolean' ? fileValue : true, from: 'file' };
  return { enabled: source.defaults.enabled ?? false, from: 'default' };
}

/** The source's own section of the config file, without the keys the core resolves. */
export function sourceRawOptions(source: PlaylistSource, config: HarmoniqConfig): Record<string, unknown> {
  const section = config.sources[source.name] ?? {};
  const common = new Set<string>(COMMON_SOURCE_KEYS);
  return Object.fromEntries(Object.entries(section).filter(([key]) => !common.has(key)));
}
