/** Normalised Last.fm objects: numbers are numbers, "" and absent are undefined, durations in ms. */

export type LastfmPeriod = 'overall' | '7day' | '1month' | '3month' | '6month' | '12month';

export const LASTFM_PERIODS: readonly LastfmPeriod[] = ['overall', '7day', '1month', '3month', '6month', '12month'];

export interface LastfmTrack {
  artist: string;
  title: string;
  /** Recording MBID, when Last.fm knows it. */
  mbid?: string;
  artistMbid?: string;
  album?: string;
  /** Milliseconds; undefined when Last.fm reports 0 (unknown). */
  durationMs?: number;
  playcount?: number;
  listeners?: number;
  /** Similarity 0–1 (track.getSimilar). */
  match?: number;
  /** 1-based rank in a chart or top list, when given. */
  rank?: number;
  url?: string;
  /** Epoch ms: when it was loved or scrobbled. */
  date?: number;
  /** user.getRecentTracks: the track playing right now (it has no date). */
  nowPlaying?: boolean;
}

export interface LastfmArtist {
  name: string;
  mbid?: string;
  playcount?: number;
  listeners?: number;
  /** Similarity 0–1 (artist.getSimilar). */
  match?: number;
  rank?: number;
  url?: string;
}

export interface LastfmUser {
  name: string;
  realname?: string;
  country?: string;
  playcount?: number;
  /** Epoch ms. */
  registeredAt?: number;
  url?: string;
}

/** One page of a paged list as Last.fm described it in `@attr`. */
export interface LastfmPage<T> {
  items: T[];
  page?: number;
  perPage?: number;
  totalPages?: number;
  total?: number;
}

/** How many items to fetch from a list method; paged requests are made as needed. */
export interface ListOptions {
  /** Items wanted in total (default 50). */
  limit?: number;
  /** Items per request (default min(limit, 200); Last.fm allows 1–1000). */
  pageSize?: number;
}
