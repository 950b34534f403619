import { seededUnit, type LibraryTrack } from '@harmoniq/core';

const DAY_MS = 86_400_000;
/** Weights are shaken by up to ±30% per day: clear favourites always seed, near-equals take turns. */
const DAILY_JITTER = 0.6;

export interface SeedInput {
  tracks: readonly LibraryTrack[];
  now: Date;
  /** Seeds come from tracks played within this many days. */
  periodDays: number;
  count: number;
  /** At most this many seeds by one artist, so one favourite band does not set the whole mix. */
  maxPerArtist: number;
  /** Same seed text, same library → same seeds (the local date: stable within a day). */
  seed: string;
}

export interface Seed {
  track: LibraryTrack;
  /** How much the seed counts when its neighbours are scored: plays and rating, 0–1. */
  weight: number;
}

export interface SeedResult {
  seeds: Seed[];
  /** Analysed tracks played within the period (the pool the seeds were drawn from). */
  pool: number;
  /** True when nothing was played within the period and the seeds came from the whole analysed library. */
  widened: boolean;
}

/**
 * The user's recent favourites: analysed tracks played within the period, weighted by plays (log scale, so one
 * track on repeat does not drown the rest) and rating, shaken by a factor keyed on the date, then the top `count`:
 * the clear favourites are always in, tracks of about equal weight rotate from day to day, and a rerun on the same
 * day gives the same seeds. With no plays in the period the whole analysed library is the pool.
 */
export function selectSeeds(input: SeedInput): SeedResult {
  const since = input.now.getTime() - input.periodDays * DAY_MS;
  const analysed = input.tracks.filter((t) => t.sonicAnalysis === true);
  const recent = analysed.filter((t) => t.lastViewedAt !== undefined && t.lastViewedAt >= since);
  const widened = recent.length === 0;
  const pool = widened ? analysed.filter((t) => (t.viewCount ?? 0) > 0 || (t.userRating ?? 0) > 0) : recent;
  const maxPlays = Math.max(1, ...pool.map((t) => t.viewCount ?? 0));
  const ranked = pool
    .map((track) => {
      const weight = seedWeight(track, maxPlays);
      const u = seededUnit(`${input.seed}|${track.ratingKey}`);
      return { track, weight, rank: weight * (1 + DAILY_JITTER * (u - 0.5)) };
    })
    .sort((a, b) => b.rank - a.rank || compareKeys(a.track, b.track));
  const perArtist = new Map<string, number>();
  const seeds: Seed[] = [];
  for (const { track, weight } of ranked) {
    if (seeds.length >= input.count) break;
    const artist = artistKey(track);
    const n = perArtist.get(artist) ?? 0;
    if (n >= input.maxPerArtist) continue;
    perArtist.set(artist, n + 1);
    seeds.push({ track, weight });
  }
  return { seeds, pool: pool.length, widened };
}

/** Half plays (log-scaled against the most played of the pool), half rating; unrated counts as neutral. */
export function seedWeight(track: LibraryTrack, maxPlays: number): number {
  const plays = Math.log1p(Math.max(0, track.viewCount ?? 0)) / Math.log1p(Math.max(1, maxPlays));
  const rating = track.userRating !== undefined && track.userRating > 0 ? track.userRating / 10 : 0.5;
  return 0.05 + 0.5 * plays + 0.45 * rating;
}

export function artistKey(track: LibraryTrack): string {
  return track.artist.normalize('NFKC').trim().toLowerCase();
}

function compareKeys(a: LibraryTrack, b: LibraryTrack): number {
  return a.ratingKey < b.ratingKey ? -1 : a.ratingKey > b.ratingKey ? 1 : 0;
}
