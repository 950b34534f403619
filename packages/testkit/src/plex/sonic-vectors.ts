import type { PlexFixtureTrack } from './types.js';

/**
 * Deterministic stand-ins for Plex's sonic analysis. Real PMS derives a 50-number vector from the audio; here a
 * track's vector is its primary genre's centre plus a small offset from a hash of (artist, album, title), so
 * tracks of one genre cluster together (typical distance ~0.1) and genres lie apart (~0.3–0.6), on Plex's
 * 0.0–1.0 distance scale. Same fixture → same vector, in every run and on every machine.
 */
export const SONIC_DIMENSIONS = 8;
/** Spread of a track around its genre's centre, per dimension. */
const SPREAD = 0.3;

/** FNV-1a, so vectors never depend on insertion order or ratingKeys. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function unit(text: string): number {
  let t = (hash(text) + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** The genre a track's sound follows: its own first genre, else its album's, else its artist's. */
export function primaryGenre(t: PlexFixtureTrack): string {
  return t.genres?.[0] ?? t.albumGenres?.[0] ?? t.artistGenres?.[0] ?? '';
}

export function sonicVector(t: PlexFixtureTrack): Float64Array {
  const genre = primaryGenre(t).toLowerCase();
  const identity = `${t.trackArtist ?? t.artist}\u0000${t.album}\u0000${t.title}`;
  const v = new Float64Array(SONIC_DIMENSIONS);
  for (let i = 0; i < SONIC_DIMENSIONS; i++) {
    v[i] = unit(`genre:${genre}:${i}`) + (unit(`track:${identity}:${i}`) - 0.5) * SPREAD;
  }
  return v;
}

/** Euclidean distance scaled so that two random genre centres are ~0.4 apart; rounded like PMS's floats. */
export function sonicDistance(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < SONIC_DIMENSIONS; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    sum += d * d;
  }
  return Math.round((Math.sqrt(sum / SONIC_DIMENSIONS)) * 1e6) / 1e6;
}

/** Vectors by fixture object: a track's vector is recomputed only when its fixture is replaced (updateTrack). */
export class SonicVectors {
  private readonly cache = new WeakMap<PlexFixtureTrack, Float64Array>();

  of(t: PlexFixtureTrack): Float64Array {
    let v = this.cache.get(t);
    if (!v) {
      v = sonicVector(t);
      this.cache.set(t, v);
    }
    return v;
  }

  distance(a: PlexFixtureTrack, b: PlexFixtureTrack): number {
    return sonicDistance(this.of(a), this.of(b));
  }

  distanceTo(point: Float64Array, t: PlexFixtureTrack): number {
    return sonicDistance(point, this.of(t));
  }
}
