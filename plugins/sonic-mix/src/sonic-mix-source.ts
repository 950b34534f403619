import {
  defineSource,
  HarmoniqError,
  localDate,
  type CandidateTrack,
  type PlaylistDraft,
  type PlaylistSource,
  type SourceContext,
} from '@harmoniq/core';
import { refineSonicMix, sonicMixOptions, type SonicMixOptions } from './options.js';
import { scoreNeighbours, type MixTrack, type SeedNeighbours } from './score-neighbours.js';
import { selectSeeds } from './select-seeds.js';

const DRAFT_KEY = 'default';
const DAY_MS = 86_400_000;
/** Ranked candidates per playlist slot, so the core can fill the playlist past per-artist caps and gaps. */
const CANDIDATES_PER_SLOT = 3;

/** What to tell a user whose server has no sonic analysis: where it comes from and where to turn it on. */
export const NO_ANALYSIS_HINT =
  'Sonic analysis needs Plex Pass and the music library\'s "Perform sonic analysis for tracks" setting ' +
  '(Plex Web: Manage Library → Edit → Advanced); Plex then analyses tracks during scheduled maintenance.';

export const sonicMixSource: PlaylistSource<SonicMixOptions> = defineSource({
  apiVersion: 1,
  name: 'sonic-mix',
  description: "Tracks that sound like your recent favourites, from Plex's sonic analysis (Plex Pass)",
  defaults: { playlist: 'Sonic Mix', size: 50, enabled: false },
  env: { enabled: 'ENABLE_SONIC_MIX', playlist: 'PLAYLIST_NAME_SONIC_MIX', size: 'PLAYLIST_SIZE_SONIC_MIX' },
  options: sonicMixOptions,
  refineOptions: refineSonicMix,
  fetch: fetchSonicMix,
});

async function fetchSonicMix(options: SonicMixOptions, ctx: SourceContext): Promise<PlaylistDraft[]> {
  const title = ctx.common.playlist;
  const size = ctx.common.size;
  const { tracks, sonic } = ctx.library;
  const analysed = tracks.reduce((n, t) => n + (t.sonicAnalysis === true ? 1 : 0), 0);
  if (analysed === 0 || !sonic) {
    const why = !sonic ? 'this Plex connection offers no sonic requests' : `none of the ${tracks.length} tracks of the library is sonically analysed`;
    ctx.logger.warn(`Sonic analysis is missing: ${why}, so '${title}' is left as it is. ${NO_ANALYSIS_HINT}`);
    return [keep(title, 'sonic analysis is missing on the Plex server')];
  }
  if (analysed < tracks.length) ctx.logger.info(`${analysed} of ${tracks.length} tracks are sonically analysed; the mix draws on those.`);

  const now = ctx.clock.now();
  const day = localDate(ctx.clock);
  const { seeds, pool, widened } = selectSeeds({ tracks, now, periodDays: options.periodDays, count: options.seeds, maxPerArtist: options.maxPerArtist, seed: `${day}|seeds` });
  if (seeds.length === 0) {
    ctx.logger.warn(`No analysed track has been played or rated yet, so Sonic Mix has no favourites to start from; '${title}' is left as it is.`);
    return [keep(title, 'no played or rated analysed tracks to start from')];
  }
  if (widened) ctx.logger.info(`Nothing was played in the last ${options.periodDays} days; seeds come from your most played and best rated tracks overall.`);
  else ctx.logger.info(`${seeds.length} seeds from ${pool} analysed tracks played in the last ${options.periodDays} days.`);

  const perSeed = neighboursPerSeed(size, seeds.length);
  // One neighbour request per seed, at most ctx.limit's concurrency at once.
  const expanded: SeedNeighbours[] = await Promise.all(
    seeds.map((seed) =>
      ctx.limit(async () => {
        if (ctx.signal.aborted) throw new HarmoniqError({ code: 'EABORTED', message: 'Sonic Mix was stopped while asking Plex for neighbours' });
        return { seed, neighbours: await sonic.nearest(seed.track.ratingKey, { limit: perSeed, maxDistance: options.maxDistance }) };
      }),
    ),
  );
  const mix = scoreNeighbours({
    expanded,
    maxDistance: options.maxDistance,
    count: size * CANDIDATES_PER_SLOT,
    maxPerArtist: options.maxPerArtist,
    avoidPlayedSince: now.getTime() - options.avoidDays * DAY_MS,
    seed: `${day}|mix`,
  });
  const found = expanded.reduce((n, e) => n + e.neighbours.length, 0);
  ctx.logger.info(`${seeds.length} neighbour requests answered ${found} tracks; ${mix.length} candidates after leaving out the seeds and capping artists.`);
  if (mix.length === 0) {
    ctx.logger.warn(`Plex found no tracks within distance ${options.maxDistance} of the ${seeds.length} seeds; '${title}' is left as it is (raise SONIC_MIX_MAX_DISTANCE to cast a wider net).`);
    return [keep(title, `no sonic neighbours within ${options.maxDistance} of the seeds`)];
  }
  const summary = `Sonic Mix: tracks that sound like ${seeds.length} of your favourites${widened ? '' : ` from the last ${options.periodDays} days`} (${day}).`;
  return [{ key: DRAFT_KEY, title, size, summary, tracks: mix.map(candidate) }];
}

/** Enough neighbours per seed for three candidates per slot after overlaps and artist caps; bounded both ways. */
export function neighboursPerSeed(size: number, seeds: number): number {
  return Math.min(100, Math.max(20, Math.ceil((size * CANDIDATES_PER_SLOT * 2) / Math.max(1, seeds))));
}

function keep(title: string, reason: string): PlaylistDraft {
  return { key: DRAFT_KEY, title, tracks: [], keepExisting: { reason } };
}

function candidate(m: MixTrack): CandidateTrack {
  const { track } = m;
  return {
    artist: track.artist,
    title: track.title,
    ...(track.album !== undefined ? { album: track.album } : {}),
    ...(track.durationMs !== undefined ? { durationMs: track.durationMs } : {}),
    ids: { plexRatingKey: track.ratingKey },
    note: `sounds like ${m.closestSeed.artist} – ${m.closestSeed.title} (distance ${m.distance.toFixed(3)})${m.recent ? ', played recently' : ''}`,
  };
}
