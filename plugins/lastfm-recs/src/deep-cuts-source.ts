import { defineSource, option, readDeclaredOptions, type PlaylistSource, localDate, type CandidateTrack, type Env, type ParseResult } from '@harmoniq/core';
import { LASTFM_ERRORS, clientFor, toCandidate, trackKey, type LastfmPeriod, type LastfmTrack } from '@harmoniq/lastfm';
import { createDegrader, throwIfAllFailed } from './degrade.js';
import { seededShuffle } from '@harmoniq/core';
import { periodLabel, periodOption, userSourceOptions, type UserSourceOptions } from './user-source-options.js';
import { widenedNote, widenWhileThin } from './widen-period.js';

export interface LastfmDeepCutsOptions extends UserSourceOptions {
  /** Whose top artists: over this period. */
  period: LastfmPeriod;
  /** How many of the user's top artists to dig into. */
  artists: number;
  perArtist: number;
  /** Tracks the user played more often than this are not deep cuts. */
  maxPlays: number;
}

const NAME = 'lastfm-deep-cuts';
/** How deep into each artist's popular tracks to look. */
const ARTIST_TOP_TRACKS = 30;
/** The user's play counts come from their top lists (overall and the period), one page of Last.fm's largest size each. */
const PLAYED_POOL = 1000;

const deepCutsOptions = {
  ...userSourceOptions,
  period: periodOption('LASTFM_DEEP_CUTS_PERIOD', '6month'),
  artists: option.integer({ description: "How many of the user's top artists to dig into.", env: 'LASTFM_DEEP_CUTS_ARTISTS', min: 1, max: 100, default: 30 }),
  perArtist: option.integer({ description: 'At most this many tracks per artist.', env: 'LASTFM_DEEP_CUTS_PER_ARTIST', min: 1, max: 20, default: 3 }),
  maxPlays: option.integer({ description: 'Tracks played more often than this are not deep cuts.', env: 'LASTFM_DEEP_CUTS_MAX_PLAYS', min: 0, max: 1000, default: 2 }),
};

/** The options as the core reads them, from a config section and the environment (for tests and embedding). */
export function parseDeepCutsOptions(raw: unknown, env: Env): ParseResult<LastfmDeepCutsOptions> {
  return readDeclaredOptions(NAME, deepCutsOptions, { section: raw, env });
}

export const lastfmDeepCutsSource: PlaylistSource<LastfmDeepCutsOptions> = defineSource({
  apiVersion: 1,
  name: NAME,
  description: "Popular tracks by a Last.fm user's top artists that the user has barely played.",
  displayName: 'Last.fm Deep Cuts',
  defaults: { playlist: 'Last.fm Deep Cuts', size: 50, enabled: false },
  env: { enabled: 'ENABLE_LASTFM_DEEP_CUTS', playlist: 'PLAYLIST_NAME_LASTFM_DEEP_CUTS', size: 'PLAYLIST_SIZE_LASTFM_DEEP_CUTS' },
  options: deepCutsOptions,
  errorCodes: LASTFM_ERRORS,

  async verify(options, ctx) {
    await clientFor(options, ctx).userInfo(options.user);
  },

  async fetch(options, ctx) {
    const client = clientFor(options, ctx);
    // Too few top artists to fill the playlist (a quiet few months): widen the period, 6 months → 12 → overall.
    const needed = Math.min(options.artists, Math.ceil(Math.max(1, ctx.common.size) / options.perArtist));
    const [widened, overall] = await Promise.all([
      widenWhileThin(
        options.period,
        (period) => client.userTopArtists(options.user, period, { limit: options.artists }),
        (found) => found.length,
        needed,
        ctx.logger,
        'top artists to dig into',
      ),
      client.userTopTracks(options.user, 'overall', { limit: PLAYED_POOL, pageSize: PLAYED_POOL }),
    ]);
    const artists = widened.value;
    const period = widened.period;
    const inPeriod = period === 'overall' ? [] : await client.userTopTracks(options.user, period, { limit: PLAYED_POOL, pageSize: PLAYED_POOL });
    // A track can be heavy in the period yet below the overall list's cut-off: take the larger count.
    const plays = new Map<string, number>();
    for (const t of [...overall, ...inPeriod]) {
      const key = trackKey(t.artist, t.title);
      plays.set(key, Math.max(plays.get(key) ?? 0, t.playcount ?? 1));
    }

    const degrader = createDegrader(ctx.logger);
    const lists = await Promise.all(
      artists.map((a) => degrader.attempt(`top tracks of ${a.name}`, () => client.artistTopTracks(a.name, { limit: ARTIST_TOP_TRACKS }))),
    );
    throwIfAllFailed(degrader);

    // Per artist, the popular tracks the user has barely played; a day-seeded pick among twice as many
    // as needed keeps the playlist moving without drifting into an artist's obscurities.
    const day = localDate(ctx.clock);
    const picks: { track: LastfmTrack; note: string }[][] = artists.map((artist, i) => {
      const fresh = (lists[i] ?? []).filter((t) => (plays.get(trackKey(t.artist, t.title)) ?? 0) <= options.maxPlays);
      const pool = fresh.slice(0, options.perArtist * 2);
      const chosen = seededShuffle(pool, `${day}|${options.user.toLowerCase()}|${artist.name.toLowerCase()}`).slice(0, options.perArtist);
      chosen.sort((a, b) => pool.indexOf(a) - pool.indexOf(b));
      return chosen.map((track) => {
        const count = plays.get(trackKey(track.artist, track.title)) ?? 0;
        const heard = count === 0 ? 'not in your most played' : `played ${count} time${count === 1 ? '' : 's'}`;
        return { track, note: `#${track.rank ?? pool.indexOf(track) + 1} on ${artist.name}'s Last.fm top tracks, ${heard}` };
      });
    });

    // Interleave by round: every artist's best pick, then every artist's second pick, and so on.
    const tracks: CandidateTrack[] = [];
    for (let round = 0; round < options.perArtist; round += 1) {
      for (const list of picks) {
        const pick = list[round];
        if (pick) tracks.push(toCandidate(pick.track, pick.note));
      }
    }
    if (tracks.length === 0) ctx.logger.warn(`no deep cuts found for ${options.user}'s top artists over ${periodLabel(period)}`);
    return [
      {
        key: 'default',
        title: ctx.common.playlist,
        summary:
          `Popular tracks by ${options.user}'s top artists of ${periodLabel(period)}${widenedNote(widened)} that ${options.user} has played ` +
          `${options.maxPlays === 0 ? 'never' : `at most ${options.maxPlays} times`}.`,
        tracks,
      },
    ];
  },
});
