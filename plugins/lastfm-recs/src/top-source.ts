import { defineSource, option, readDeclaredOptions, type PlaylistSource, type Env, type ParseResult } from '@harmoniq/core';
import { LASTFM_ERRORS, clientFor, toCandidate, type LastfmPeriod } from '@harmoniq/lastfm';
import { periodLabel, periodOption, userSourceOptions, type UserSourceOptions } from './user-source-options.js';
import { widenedNote, widenWhileThin } from './widen-period.js';

export interface LastfmTopOptions extends UserSourceOptions {
  period: LastfmPeriod;
}

const NAME = 'lastfm-top';
const OVERFETCH = 2;

const topOptions = { ...userSourceOptions, period: periodOption('LASTFM_TOP_PERIOD', '3month') };

/** The options as the core reads them, from a config section and the environment (for tests and embedding). */
export function parseTopOptions(raw: unknown, env: Env): ParseResult<LastfmTopOptions> {
  return readDeclaredOptions(NAME, topOptions, { section: raw, env });
}

export const lastfmTopSource: PlaylistSource<LastfmTopOptions> = defineSource({
  apiVersion: 1,
  name: NAME,
  description: "A Last.fm user's own most played tracks over a period.",
  displayName: 'Last.fm Top',
  defaults: { playlist: 'Last.fm Top Tracks', size: 50, enabled: false },
  env: { enabled: 'ENABLE_LASTFM_TOP', playlist: 'PLAYLIST_NAME_LASTFM_TOP', size: 'PLAYLIST_SIZE_LASTFM_TOP' },
  options: topOptions,
  errorCodes: LASTFM_ERRORS,

  async verify(options, ctx) {
    await clientFor(options, ctx).userInfo(options.user);
  },

  async fetch(options, ctx) {
    const client = clientFor(options, ctx);
    const size = Math.max(1, ctx.common.size);
    // A quiet period cannot fill the playlist: widen it (3 months → 6 → 12 → overall), logged and summarised.
    const widened = await widenWhileThin(
      options.period,
      (period) => client.userTopTracks(options.user, period, { limit: size * OVERFETCH }),
      (found) => found.length,
      size,
      ctx.logger,
      'top tracks to fill the playlist',
    );
    const tracks = widened.value;
    const when = periodLabel(widened.period);
    if (tracks.length === 0) ctx.logger.warn(`${options.user} has no scrobbles on Last.fm, even over ${when}`);
    return [
      {
        key: 'default',
        title: ctx.common.playlist,
        summary: `${options.user}'s most played tracks on Last.fm over ${when}${widenedNote(widened)}.`,
        tracks: tracks.map((t, i) => {
          const plays = t.playcount !== undefined ? `, ${t.playcount} play${t.playcount === 1 ? '' : 's'}` : '';
          return toCandidate(t, `#${t.rank ?? i + 1} in your top tracks for ${when}${plays}`);
        }),
      },
    ];
  },
});
