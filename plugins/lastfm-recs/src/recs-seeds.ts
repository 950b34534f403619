import { trackKey, type LastfmArtist, type LastfmClient, type LastfmPeriod, type LastfmTrack } from '@harmoniq/lastfm';
import type { Seed } from './recs-rank.js';
import { seededShuffle, type Logger } from '@harmoniq/core';
import { widenWhileThin } from './widen-period.js';

export interface ArtistSeed extends Seed {
  artist: LastfmArtist;
}

export interface TrackSeed extends Seed {
  track: LastfmTrack;
}

export interface RecsSeeds {
  artists: ArtistSeed[];
  tracks: TrackSeed[];
  /** trackKey of everything the user already plays a lot (top and recent tracks, loved tracks, seeds). */
  heard: Set<string>;
  /** The period the top artists and tracks are from, and the narrower ones that gave too few. */
  period: LastfmPeriod;
  thin: LastfmPeriod[];
}

export interface SeedOptions {
  user: string;
  period: LastfmPeriod;
  seedArtists: number;
  seedTracks: number;
  daySeed: string;
  logger: Logger;
}

/** How far down the user's lists "already plays a lot" reaches. */
const HEAVY_ROTATION_TOP = 200;
const HEAVY_ROTATION_RECENT = 200;
const LOVED_POOL = 100;
const LOVED_WEIGHT = 0.7;

/** Seeds a period gives, up to the configured numbers; a period gives enough with half of them. */
export function seedCount(artists: number, tracks: number, o: Pick<SeedOptions, 'seedArtists' | 'seedTracks'>): number {
  return Math.min(artists, o.seedArtists) + Math.min(tracks, o.seedTracks);
}

/**
 * Seeds: the user's top artists and top tracks over the period, plus a day's sample of loved tracks
 * (half as many as track seeds). A higher rank weighs more: the first seed 1, the last about 0.5.
 * A period with too few (a quiet few months on a rich account) widens: 3 months → 6 → 12 → overall.
 */
export async function gatherSeeds(client: LastfmClient, o: SeedOptions): Promise<RecsSeeds> {
  const [widened, overallTracks, loved, recent] = await Promise.all([
    widenWhileThin(
      o.period,
      (period) =>
        Promise.all([
          client.userTopArtists(o.user, period, { limit: o.seedArtists }),
          client.userTopTracks(o.user, period, { limit: HEAVY_ROTATION_TOP }),
        ]),
      ([a, t]) => seedCount(a.length, t.length, o),
      Math.ceil((o.seedArtists + o.seedTracks) / 2),
      o.logger,
      'top artists and tracks to seed from',
    ),
    o.period === 'overall' ? Promise.resolve([]) : client.userTopTracks(o.user, 'overall', { limit: HEAVY_ROTATION_TOP }),
    client.userLovedTracks(o.user, { limit: LOVED_POOL }),
    client.userRecentTracks(o.user, { limit: HEAVY_ROTATION_RECENT }),
  ]);
  const [topArtists, topTracks] = widened.value;

  const heard = new Set<string>();
  for (const t of [...topTracks, ...overallTracks, ...loved, ...recent]) heard.add(trackKey(t.artist, t.title));

  const artists = topArtists.slice(0, o.seedArtists).map((artist, i, all) => ({
    label: artist.name,
    weight: rankWeight(i, all.length),
    artist,
  }));

  const tracks: TrackSeed[] = topTracks.slice(0, o.seedTracks).map((track, i, all) => ({
    label: `${track.artist} – ${track.title}`,
    weight: rankWeight(i, all.length),
    track,
  }));
  const taken = new Set(tracks.map((s) => trackKey(s.track.artist, s.track.title)));
  const lovedPool = loved.filter((t) => !taken.has(trackKey(t.artist, t.title)));
  const lovedCount = Math.ceil(o.seedTracks / 2);
  for (const track of seededShuffle(lovedPool, `${o.daySeed}|loved`).slice(0, lovedCount)) {
    tracks.push({ label: `${track.artist} – ${track.title}`, weight: LOVED_WEIGHT, track });
  }
  return { artists, tracks, heard, period: widened.period, thin: widened.thin };
}

export function rankWeight(index: number, count: number): number {
  return count <= 1 ? 1 : 1 - (0.5 * index) / (count - 1);
}
