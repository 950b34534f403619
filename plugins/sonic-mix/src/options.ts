import { option, readDeclaredOptions, type Env, type OptionValues, type ParseResult, type RefineContext } from '@harmoniq/core';

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

const MAX_DISTANCE_RULE = 'a sonic distance between 0.01 and 1 (Plex uses 0.25)';
export const DEFAULT_MAX_DISTANCE = 0.25;

/** Sonic Mix's declared options: the core reads them (environment > `sources.sonic-mix.<key>` > default). */
export const sonicMixOptions = {
  periodDays: option.integer({ description: 'Seeds are analysed tracks played within this many days.', env: 'SONIC_MIX_PERIOD_DAYS', min: 1, max: 3650, default: 30 }),
  seeds: option.integer({ description: 'How many seed tracks (one Plex neighbour request each).', env: 'SONIC_MIX_SEEDS', min: 1, max: 50, default: 10 }),
  maxPerArtist: option.integer({ description: 'At most this many tracks by one artist.', env: 'SONIC_MIX_MAX_PER_ARTIST', min: 1, max: 100, default: 3 }),
  avoidDays: option.integer({ description: 'Tracks played within this many days go last (0 avoids nothing).', env: 'SONIC_MIX_AVOID_DAYS', min: 0, max: 365, default: 3 }),
  maxDistance: option.structured<unknown>({
    description: 'The furthest neighbour asked for, on Plex\'s 0–1 sonic distance scale.',
    env: 'SONIC_MIX_MAX_DISTANCE',
    allowed: MAX_DISTANCE_RULE,
  }),
};

/** The one option with a decimal value, checked where the core found it. */
export function refineSonicMix(v: OptionValues<typeof sonicMixOptions>, ctx: RefineContext): SonicMixOptions {
  let maxDistance = DEFAULT_MAX_DISTANCE;
  if (v.maxDistance !== undefined && v.maxDistance !== '') {
    const n = typeof v.maxDistance === 'string' ? Number(v.maxDistance.trim()) : v.maxDistance;
    if (typeof n === 'number' && Number.isFinite(n) && n >= 0.01 && n <= 1) maxDistance = n;
    else ctx.issue(ctx.pathOf('maxDistance'), `must be ${MAX_DISTANCE_RULE}, got '${String(v.maxDistance)}'`);
  }
  return { periodDays: v.periodDays, seeds: v.seeds, maxPerArtist: v.maxPerArtist, avoidDays: v.avoidDays, maxDistance };
}

/** The options as the core reads them, from a config section and the environment (for tests and embedding). */
export function parseSonicMixOptions(raw: unknown, env: Env): ParseResult<SonicMixOptions> {
  return readDeclaredOptions('sonic-mix', sonicMixOptions, { section: raw, env }, refineSonicMix);
}
