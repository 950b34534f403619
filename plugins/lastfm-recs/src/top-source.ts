import { defineSource, type Env, type ParseResult } from '@harmoniq/core';
import { clientFor, toCandidate, type LastfmPeriod } from '@harmoniq/lastfm';
import { parseUserSource, periodLabel, readPeriod, type UserSourceOptions } from './user-source-options.js';

export interface LastfmTopOptions extends UserSourceOptions {
  period: LastfmPeriod;
}

const NAME = 'lastfm-top';
const OVERFETCH = 2;

export function parseTopOptions(raw: unknown, env: Env): ParseResult<LastfmTopOptions> {
  return parseUserSource<LastfmTopOptions>(raw, env, NAME, (reader) => ({
    period: readPeriod(reader, 'LASTFM_TOP_PERIOD', '3month'),
  }));
}

export const lastfmTopSource = defineSource<LastfmTopOptions>({
  apiVersion: 1,
  name: NAME,
  description: "A Last.fm user's own most played tracks over a period.",
  defaults: { playlist: 'Last.fm Top Tracks', size: 50, enabled: false },
  env: { enabled: 'ENABLE_LASTFM_TOP', playlist: 'PLAYLIST_NAME_LASTFM_TOP', size: 'PLAYLIST_SIZE_LASTFM_TOP' },
  parseOptions: parseTopOptions,

  async verify(options, ctx) {
    await clientFor(options, ctx).userInfo(options.user);
  },

  async fetch(options, ctx) {
    const client = clientFor(options, ctx);
    const when = periodLabel(options.period);
    const tracks = await client.userTopTracks(options.user, options.period, { limit: Math.max(1, ctx.common.size) * OVERFETCH });
    if (tracks.length === 0) ctx.logger.warn(`${options.user} has no scrobbles on Last.fm for ${when}`);
    return [
      {
        key: 'default',
        title: ctx.common.playlist,
        summary: `${options.user}'s most played tracks on Last.fm over ${when}.`,
        tracks: tracks.map((t, i) => {
          const plays = t.playcount !== undefined ? `, ${t.playcount} play${t.playcount === 1 ? '' : 's'}` : '';
          return toCandidate(t, `#${t.rank ?? i + 1} in your top tracks for ${when}${plays}`);
        }),
      },
    ];
  },
});
