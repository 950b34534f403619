import type { ConfigIssue, Env, ParseResult } from '@harmoniq/core';
import type { GenreAliases } from './genre-match.js';
import { parseTimeWindows, parseWindowList } from './parse-windows.js';
import { DEFAULT_WINDOWS_TEXT, type TimeWindow } from './time-window.js';

export type Preference = 'none' | 'rated' | 'rarely-played';

export interface DailyFlowOptions {
  windows: TimeWindow[];
  /** Where the windows came from, for logs and `harmoniq config`. */
  windowsFrom: 'TIME_WINDOWS' | 'config' | 'default';
  aliases: GenreAliases;
  /** At most this many tracks by one artist in the playlist. */
  maxPerArtist: number;
  prefer: Preference;
}

export const CONFIG_PATH = 'sources.daily-flow';
const PREFERENCES: readonly Preference[] = ['none', 'rated', 'rarely-played'];
const KNOWN_KEYS = new Set(['windows', 'aliases', 'maxPerArtist', 'prefer']);
export const DEFAULT_MAX_PER_ARTIST = 3;

/**
 * Reads the Daily Flow options. TIME_WINDOWS wins over `sources.daily-flow.windows` (a Docker user's env
 * overrides a shared config file, as everywhere else); with neither, DEFAULT_WINDOWS_TEXT applies.
 * DAILY_FLOW_MAX_PER_ARTIST and DAILY_FLOW_PREFER likewise win over maxPerArtist and prefer.
 */
export function parseDailyFlowOptions(raw: unknown, env: Env): ParseResult<DailyFlowOptions> {
  const section = raw === undefined || raw === null ? {} : raw;
  if (typeof section !== 'object' || Array.isArray(section)) {
    return { ok: false, errors: [{ path: CONFIG_PATH, message: 'must be an object' }] };
  }
  const config = section as Record<string, unknown>;
  const errors: ConfigIssue[] = [];
  const warnings: string[] = [];
  for (const key of Object.keys(config)) {
    if (!KNOWN_KEYS.has(key)) warnings.push(`${CONFIG_PATH}.${key} is not a Daily Flow option and is ignored (known: ${[...KNOWN_KEYS].join(', ')})`);
  }

  const envWindows = env.TIME_WINDOWS?.trim() ? env.TIME_WINDOWS : undefined;
  let windowsFrom: DailyFlowOptions['windowsFrom'] = 'default';
  let parsed: ParseResult<TimeWindow[]>;
  if (envWindows !== undefined) {
    windowsFrom = 'TIME_WINDOWS';
    parsed = parseTimeWindows(envWindows, 'TIME_WINDOWS');
    if (config.windows !== undefined) warnings.push(`TIME_WINDOWS is set, so ${CONFIG_PATH}.windows is ignored`);
  } else if (config.windows !== undefined) {
    windowsFrom = 'config';
    parsed = typeof config.windows === 'string'
      ? parseTimeWindows(config.windows, `${CONFIG_PATH}.windows`)
      : parseWindowList(config.windows, `${CONFIG_PATH}.windows`);
  } else {
    parsed = parseTimeWindows(DEFAULT_WINDOWS_TEXT, 'default windows');
  }
  if (!parsed.ok) errors.push(...parsed.errors);

  const aliases = parseAliases(config.aliases, errors);
  const maxPerArtist = parseMaxPerArtist(env.DAILY_FLOW_MAX_PER_ARTIST ?? config.maxPerArtist, env.DAILY_FLOW_MAX_PER_ARTIST !== undefined ? 'DAILY_FLOW_MAX_PER_ARTIST' : `${CONFIG_PATH}.maxPerArtist`, errors);
  const prefer = parsePrefer(env.DAILY_FLOW_PREFER ?? config.prefer, env.DAILY_FLOW_PREFER !== undefined ? 'DAILY_FLOW_PREFER' : `${CONFIG_PATH}.prefer`, errors);

  if (errors.length > 0 || !parsed.ok) return { ok: false, errors };
  return { ok: true, value: { windows: parsed.value, windowsFrom, aliases, maxPerArtist, prefer }, ...(warnings.length > 0 ? { warnings } : {}) };
}

function parseAliases(value: unknown, errors: ConfigIssue[]): GenreAliases {
  if (value === undefined) return {};
  const path = `${CONFIG_PATH}.aliases`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    errors.push({ path, message: 'must map a genre to the genres it stands for, e.g. { "Chill": ["Chillout", "Downtempo"] }' });
    return {};
  }
  const aliases: Record<string, string[]> = {};
  for (const [name, targets] of Object.entries(value)) {
    const list = typeof targets === 'string' ? [targets] : targets;
    if (!Array.isArray(list) || !list.every((t): t is string => typeof t === 'string') || list.length === 0) {
      errors.push({ path: `${path}.${name}`, message: 'must be a non-empty list of genre names' });
      continue;
    }
    aliases[name] = list.map((t) => t.trim()).filter((t) => t.length > 0);
  }
  return aliases;
}

function parseMaxPerArtist(value: unknown, path: string, errors: ConfigIssue[]): number {
  if (value === undefined || value === '') return DEFAULT_MAX_PER_ARTIST;
  const n = typeof value === 'string' ? Number(value.trim()) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
    errors.push({ path, message: `'${String(value)}' is not a whole number of tracks per artist (1 or more)` });
    return DEFAULT_MAX_PER_ARTIST;
  }
  return n;
}

function parsePrefer(value: unknown, path: string, errors: ConfigIssue[]): Preference {
  if (value === undefined || value === '') return 'none';
  const text = typeof value === 'string' ? value.trim().toLowerCase() : value;
  const found = PREFERENCES.find((p) => p === text);
  if (!found) errors.push({ path, message: `'${String(value)}' is not one of ${PREFERENCES.join(', ')}` });
  return found ?? 'none';
}
