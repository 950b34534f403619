import { defineSource, option, readDeclaredOptions, type PlaylistSource, localDate, type Env, type ParseResult } from '@harmoniq/core';
import { LASTFM_ERRORS, clientFor, toCandidate, trackKey, type LastfmPeriod } from '@harmoniq/lastfm';
import { createDegrader, throwIfAllFailed } from './degrade.js';
import { expandSeeds } from './recs-expand.js';
import { noteFor, rankCandidates } from './recs-rank.js';
import { gatherSeeds } from './recs-seeds.js';
import { widenedNote } from './widen-period.js';
import { periodLabel, periodOption, userSourceOptions, type UserSourceOptions } from './user-source-options.js';

export interface LastfmRecsOptions extends UserSourceOptions {
  period: LastfmPeriod;
  seedArtists: number;
  seedTracks: number;
  perArtist: number;
}

const NAME = 'lastfm-recs';
const OVERFETCH = 3;

const recsOptions = {
  ...userSourceOptions,
  period: periodOption('LASTFM_RECS_PERIOD', '3month'),
  seedArtists: option.integer({ description: 'Top artists to start from.', env: 'LASTFM_RECS_SEED_ARTISTS', min: 0, max: 50, default: 10 }),
  seedTracks: option.integer({ description: 'Top and loved tracks to start from.', env: 'LASTFM_RECS_SEED_TRACKS', min: 0, max: 50, default: 10 }),
  perArtist: option.integer({ description: 'At most this many tracks per artist.', env: 'LASTFM_RECS_PER_ARTIST', min: 1, max: 50, default: 2 }),
};

/** The options as the core reads them, from a config section and the environment (for tests and embedding). */
export function parseRecsOptions(raw: unknown, env: Env): ParseResult<LastfmRecsOptions> {
  return readDeclaredOptions(NAME, recsOptions, { section: raw, env });
}

export const lastfmRecsSource: PlaylistSource<LastfmRecsOptions> = defineSource({
  apiVersion: 1,
  name: NAME,
  description: "Discovery: tracks similar to a Last.fm user's top artists, top tracks and loved tracks.",
  displayName: 'Last.fm Recommendations',
  defaults: { playlist: 'Last.fm Discovery', size: 50, enabled: false },
  env: { enabled: 'ENABLE_LASTFM_RECS', playlist: 'PLAYLIST_NAME_LASTFM_RECS', size: 'PLAYLIST_SIZE_RECS' },
  options: recsOptions,
  errorCodes: LASTFM_ERRORS,

  async verify(options, ctx) {
    await clientFor(options, ctx).userInfo(options.user);
  },

  async fetch(options, ctx) {
    const client = clientFor(options, ctx);
    const day = localDate(ctx.clock);
    const daySeed = `${day}|${options.user.toLowerCase()}`;
    const seeds = await gatherSeeds(client, { ...options, daySeed, logger: ctx.logger });
    const degrader = createDegrader(ctx.logger);
    const contributions = await expandSeeds(client, seeds, degrader);
    throwIfAllFailed(degrader);

    const exclude = new Set(seeds.heard);
    for (const s of seeds.tracks) exclude.add(trackKey(s.track.artist, s.track.title));
    const ranked = rankCandidates(contributions, {
      exclude,
      perArtist: options.perArtist,
      limit: Math.max(1, ctx.common.size) * OVERFETCH,
      daySeed,
    });

    const seedText = `${seeds.artists.length} top artists and ${seeds.tracks.length} top or loved tracks`;
    if (seeds.artists.length + seeds.tracks.length === 0) {
      ctx.logger.warn(`${options.user} has no listening history on Last.fm, even over ${periodLabel(seeds.period)}: no seeds to recommend from`);
    }
    if (degrader.failures > 0) ctx.logger.warn(`${degrader.failures} of ${degrader.attempts} similarity lookups failed; recommendations are thinner than usual`);
    ctx.logger.debug(`${ranked.length} candidates from ${seedText} (${client.requestCount()} Last.fm requests)`);
    return [
      {
        key: 'default',
        title: ctx.common.playlist,
        summary:
          `New-to-you tracks similar to what ${options.user} played in ${periodLabel(seeds.period)}${widenedNote(seeds)} ` +
          `(from ${seedText}, via Last.fm similar artists and tracks).`,
        tracks: ranked.map((c) => toCandidate(c.track, noteFor(c))),
      },
    ];
  },
});
