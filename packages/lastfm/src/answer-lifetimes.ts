import type { LastfmArtist, LastfmPeriod, LastfmTrack } from './types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * How long an answer stays good, per Last.fm method, chosen from how often the data behind it really changes
 * (docs/performance.md, "Service answer cache"). Similarity is computed by Last.fm from months of everyone's
 * listening and moves slowly: a week. An artist's top tracks move when a release catches on: a few days.
 * The user's top lists are sums over a period, so an hour of new plays moves a week's list by well under 1 %
 * and a year's by far less: about 1 % of the period, at least an hour, at most a day. What the user just did
 * (recent plays, loved tracks) and the charts are not kept: they are asked every run.
 */
export const LASTFM_ANSWER_LIFETIMES_MS = {
  'artist.getSimilar': 7 * DAY,
  'track.getSimilar': 7 * DAY,
  'artist.getTopTracks': 3 * DAY,
} as const;

/** A user's top tracks or artists over `period`. */
export const USER_TOP_LIFETIMES_MS: Readonly<Record<LastfmPeriod, number>> = {
  '7day': HOUR,
  '1month': 6 * HOUR,
  '3month': 12 * HOUR,
  '6month': DAY,
  '12month': DAY,
  overall: DAY,
};

export type CachedLastfmMethod = keyof typeof LASTFM_ANSWER_LIFETIMES_MS | 'user.getTopTracks' | 'user.getTopArtists';

export function isTrackList(value: unknown): value is LastfmTrack[] {
  return Array.isArray(value) && value.every((t) => isObject(t) && typeof t['artist'] === 'string' && typeof t['title'] === 'string');
}

export function isArtistList(value: unknown): value is LastfmArtist[] {
  return Array.isArray(value) && value.every((a) => isObject(a) && typeof a['name'] === 'string');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
