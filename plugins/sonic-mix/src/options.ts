import type { ConfigIssue, Env, ParseResult } from '@harmoniq/core';

export interface SonicMixOptions {
  /** Seeds are tracks played within this many days. */
  periodDays: number;
  /** How many seeds, each costing one neighbour request. */
  seeds: number;
  /** At most this many tracks by one artist, in the seeds and in the playlist. */
  maxPerArtist: number;
  /** Tracks played within this many days go to the end of the ranking. */
  avoidDays: number;
  /** Neighbours further than this (Plex's 0–1 scale) are not asked for. */
  maxDistance: number;
}

export const CONFIG_PATH = 'sources.sonic-mix';

interface NumberOption {
  key: keyof SonicMixOptions;
  env: string;
  fallback: number;
  min: number;
  max: number;
  integer: boolean;
  what: string;
}

/** Env name, config key, default and bounds of each option: declared once, read by one loop. */
export const SONIC_MIX_OPTIONS: readonly NumberOption[] = [
  { key: 'periodDays', env: 'SONIC_MIX_PERIOD_DAYS', fallback: 30, min: 1, max: 3650, integer: true, what: 'a whole number of days (1–3650)' },
  { key: 'seeds', env: 'SONIC_MIX_SEEDS', fallback: 10, min: 1, max: 50, integer: true, what: 'a whole number of seed tracks (1–50)' },
  { key: 'maxPerArtist', env: 'SONIC_MIX_MAX_PER_ARTIST', fallback: 3, min: 1, max: 100, integer: true, what: 'a whole number of tracks per artist (1–100)' },
  { key: 'avoidDays', env: 'SONIC_MIX_AVOID_DAYS', fallback: 3, min: 0, max: 365, integer: true, what: 'a whole number of days (0–365; 0 avoids nothing)' },
  { key: 'maxDistance', env: 'SONIC_MIX_MAX_DISTANCE', fallback: 0.25, min: 0.01, max: 1, integer: false, what: 'a sonic distance between 0.01 and 1 (Plex uses 0.25)' },
];

/** The environment wins over `sources.sonic-mix.<key>`, which wins over the default; every problem reported at once. */
export function parseSonicMixOptions(raw: unknown, env: Env): ParseResult<SonicMixOptions> {
  const section = raw === undefined || raw === null ? {} : raw;
  if (typeof section !== 'object' || Array.isArray(section)) return { ok: false, errors: [{ path: CONFIG_PATH, message: 'must be an object' }] };
  const config = section as Record<string, unknown>;
  const errors: ConfigIssue[] = [];
  const warnings: string[] = [];
  const known = new Set<string>(SONIC_MIX_OPTIONS.map((o) => o.key));
  for (const key of Object.keys(config)) {
    if (!known.has(key)) warnings.push(`${CONFIG_PATH}.${key} is not a Sonic Mix option and is ignored (known: ${[...known].join(', ')})`);
  }
  const value = {} as SonicMixOptions;
  for (const o of SONIC_MIX_OPTIONS) {
    const fromEnv = env[o.env] !== undefined && env[o.env]?.trim() !== '';
    const given = fromEnv ? env[o.env] : config[o.key];
    value[o.key] = readNumber(given, fromEnv ? o.env : `${CONFIG_PATH}.${o.key}`, o, errors);
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value, ...(warnings.length > 0 ? { warnings } : {}) };
}

function readNumber(given: unknown, path: string, o: NumberOption, errors: ConfigIssue[]): number {
  if (given === undefined || given === '') return o.fallback;
  const n = typeof given === 'string' ? Number(given.trim()) : given;
  if (typeof n !== 'number' || !Number.isFinite(n) || (o.integer && !Number.isInteger(n)) || n < o.min || n > o.max) {
    errors.push({ path, message: `'${String(given)}' is not ${o.what}` });
    return o.fallback;
  }
  return n;
}
