import { seededUnit, type LibraryTrack, type SonicNeighbour } from '@harmoniq/core';
import { artistKey, type Seed } from './select-seeds.js';

export interface SeedNeighbours {
  seed: Seed;
  neighbours: readonly SonicNeighbour[];
}

export interface MixInput {
  expanded: readonly SeedNeighbours[];
  /** The distance asked for: a neighbour this far counts almost nothing, one at 0 counts fully. */
  maxDistance: number;
  /** How many ranked candidates to return (more than the playlist size, so the core can fill it). */
  count: number;
  maxPerArtist: number;
  /** Tracks played at or after this instant (epoch ms) go last: the mix is for what you have not just heard. */
  avoidPlayedSince: number;
  /** The daily shake and tie-breaks are keyed on it (the local date): stable within a day, fresh the next. */
  seed: string;
}

export interface MixTrack {
  track: LibraryTrack;
  score: number;
  /** The seed that contributed most, and how close the track is to it. */
  closestSeed: LibraryTrack;
  distance: number;
  /** Played recently: listed only after every fresh track. */
  recent: boolean;
}

/** Scores are shaken by up to ±10% per day, so near-equal tracks take turns while clear winners stay on top. */
const DAILY_JITTER = 0.2;

interface Tally {
  track: LibraryTrack;
  score: number;
  best: { seed: LibraryTrack; distance: number; contribution: number };
}

/**
 * Scores every neighbour by closeness × seed weight, summed over the seeds it is near (a track close to several
 * favourites ranks higher), leaves the seeds themselves out, keeps at most `maxPerArtist` per artist and puts
 * recently played tracks after the fresh ones.
 */
export function scoreNeighbours(input: MixInput): MixTrack[] {
  const seedKeys = new Set(input.expanded.map((e) => e.seed.track.ratingKey));
  const tallies = new Map<string, Tally>();
  for (const { seed, neighbours } of input.expanded) {
    for (const { track, distance } of neighbours) {
      if (seedKeys.has(track.ratingKey)) continue;
      const contribution = seed.weight * closeness(distance, input.maxDistance);
      const tally = tallies.get(track.ratingKey);
      if (!tally) {
        tallies.set(track.ratingKey, { track, score: contribution, best: { seed: seed.track, distance, contribution } });
        continue;
      }
      tally.score += contribution;
      if (contribution > tally.best.contribution) tally.best = { seed: seed.track, distance, contribution };
    }
  }
  const ranked = [...tallies.values()]
    .map((t) => {
      const u = seededUnit(`${input.seed}|${t.track.ratingKey}`);
      const recent = t.track.lastViewedAt !== undefined && t.track.lastViewedAt >= input.avoidPlayedSince;
      return { ...t, recent, rank: t.score * (1 + DAILY_JITTER * (u - 0.5)), tie: u };
    })
    .sort((a, b) => Number(a.recent) - Number(b.recent) || b.rank - a.rank || a.tie - b.tie);
  const perArtist = new Map<string, number>();
  const out: MixTrack[] = [];
  for (const t of ranked) {
    if (out.length >= input.count) break;
    const artist = artistKey(t.track);
    const n = perArtist.get(artist) ?? 0;
    if (n >= input.maxPerArtist) continue;
    perArtist.set(artist, n + 1);
    out.push({ track: t.track, score: t.score, closestSeed: t.best.seed, distance: t.best.distance, recent: t.recent });
  }
  return out;
}

/** 1 at distance 0, falling linearly to a small floor at maxDistance (a server may answer slightly beyond it). */
export function closeness(distance: number, maxDistance: number): number {
  if (!(maxDistance > 0)) return 1;
  return Math.max(0.02, 1 - distance / maxDistance);
}
