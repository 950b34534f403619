import { defineSource, option, readDeclaredOptions, type PlaylistSource, formatLocal, localDate, type Env, type LibraryTrack, type ParseResult } from '@harmoniq/core';
import { LASTFM_ERRORS, artistKey, clientFor, toCandidate, type LastfmTrack } from '@harmoniq/lastfm';
import { seededShuffle } from '@harmoniq/core';
import { periodOption, userSourceOptions, type UserSourceOptions } from './user-source-options.js';

export interface LastfmLovedOptions extends UserSourceOptions {
  /** 'recent': newest loves first. 'shuffle': a different mix of all loved tracks each day. */
  order: 'recent' | 'shuffle';
}

const NAME = 'lastfm-loved';
const OVERFETCH = 3;
/** A shuffle draws from this many of the newest loved tracks (Last.fm's largest page). */
const SHUFFLE_POOL = 1000;

const lovedOptions = {
  ...userSourceOptions,
  order: option.choice(['recent', 'shuffle'] as const, { description: 'recent: newest loves first; shuffle: a new mix each day.', env: 'LASTFM_LOVED_ORDER', default: 'recent' }),
};

/** The options as the core reads them, from a config section and the environment (for tests and embedding). */
export function parseLovedOptions(raw: unknown, env: Env): ParseResult<LastfmLovedOptions> {
  return readDeclaredOptions(NAME, lovedOptions, { section: raw, env });
}

export const lastfmLovedSource: PlaylistSource<LastfmLovedOptions> = defineSource({
  apiVersion: 1,
  name: NAME,
  description: "A Last.fm user's loved tracks, newest first or shuffled daily.",
  displayName: 'Last.fm Loved',
  defaults: { playlist: 'Last.fm Loved', size: 50, enabled: false },
  env: { enabled: 'ENABLE_LASTFM_LOVED', playlist: 'PLAYLIST_NAME_LASTFM_LOVED', size: 'PLAYLIST_SIZE_LASTFM_LOVED' },
  options: lovedOptions,
  errorCodes: LASTFM_ERRORS,

  async verify(options, ctx) {
    await clientFor(options, ctx).userInfo(options.user);
  },

  async fetch(options, ctx) {
    const client = clientFor(options, ctx);
    const wanted = Math.max(1, ctx.common.size) * OVERFETCH;
    const shuffle = options.order === 'shuffle';
    let loved = await client.userLovedTracks(options.user, shuffle ? { limit: SHUFFLE_POOL, pageSize: SHUFFLE_POOL } : { limit: wanted });
    // The newest loves may be mostly music the library lacks: when fewer than a playlist's worth are by library
    // artists and Last.fm has more, read the whole pool (one page) so older loves the library holds fill it.
    let widened = false;
    if (!shuffle && loved.length >= wanted && byLibraryArtists(loved, ctx.library.tracks) < ctx.common.size) {
      ctx.logger.info(`few of ${options.user}'s ${loved.length} newest loved tracks are by artists in the library; reading up to ${SHUFFLE_POOL}`);
      loved = await client.userLovedTracks(options.user, { limit: SHUFFLE_POOL, pageSize: SHUFFLE_POOL });
      widened = true;
    }
    const ordered = shuffle ? seededShuffle(loved, `${localDate(ctx.clock)}|${options.user.toLowerCase()}|loved`).slice(0, wanted) : loved;
    if (ordered.length === 0) ctx.logger.warn(`${options.user} has no loved tracks on Last.fm`);
    return [
      {
        key: 'default',
        title: ctx.common.playlist,
        summary: `${options.user}'s loved tracks on Last.fm, ${shuffle ? 'shuffled for the day' : 'newest first'}${widened ? ` (widened to the ${loved.length} newest: few of the newest are in the library)` : ''}.`,
        tracks: ordered.map((t) => toCandidate(t, t.date !== undefined ? `loved on ${formatLocal(ctx.clock, new Date(t.date)).slice(0, 10)}` : 'loved on Last.fm')),
      },
    ];
  },
});

/** How many of the tracks are by an artist the library has (a cheap stand-in for matching, which comes later). */
function byLibraryArtists(tracks: readonly LastfmTrack[], library: readonly LibraryTrack[]): number {
  const artists = new Set<string>();
  for (const t of library) {
    artists.add(artistKey(t.artist));
    if (t.albumArtist) artists.add(artistKey(t.albumArtist));
  }
  return tracks.filter((t) => artists.has(artistKey(t.artist))).length;
}
