import type { Emulator } from '../common/server.js';

export type LastfmPeriod = 'overall' | '7day' | '1month' | '3month' | '6month' | '12month';

export interface LastfmTrackFixture {
  artist: string;
  title: string;
  mbid?: string;
  artistMbid?: string;
  playcount?: number;
  listeners?: number;
  /** Seconds; absent is served as "0" (unknown), as Last.fm does. */
  durationS?: number;
  album?: string;
}

export interface LastfmArtistFixture {
  name: string;
  mbid?: string;
  playcount?: number;
}

export interface LastfmUserFixture {
  /** A period without its own list falls back to `overall`. */
  topTracks?: Partial<Record<LastfmPeriod, LastfmTrackFixture[]>>;
  topArtists?: Partial<Record<LastfmPeriod, LastfmArtistFixture[]>>;
  loved?: LastfmTrackFixture[];
  /** Newest first. */
  recent?: LastfmTrackFixture[];
  /** Loved and recent tracks answer error 17 (login required). */
  private?: boolean;
}

export interface LastfmSimilarArtistFixture {
  name: string;
  match: number;
  mbid?: string;
}

export interface LastfmSimilarTracksFixture {
  artist: string;
  title: string;
  similar: (LastfmTrackFixture & { match: number })[];
}

export interface LastfmFixture {
  /** chart.getTopTracks, in rank order. */
  chart?: LastfmTrackFixture[];
  /** geo.getTopTracks by country name (case-insensitive). */
  geo?: Record<string, LastfmTrackFixture[]>;
  /** tag.getTopTracks by tag (case-insensitive). */
  tags?: Record<string, LastfmTrackFixture[]>;
  /** User names are case-insensitive. */
  users?: Record<string, LastfmUserFixture>;
  /** artist.getSimilar by artist name (case-insensitive). */
  similarArtists?: Record<string, LastfmSimilarArtistFixture[]>;
  /** artist.getTopTracks by artist name (case-insensitive). */
  artistTopTracks?: Record<string, LastfmTrackFixture[]>;
  /** track.getSimilar by seed artist and title (case-insensitive). */
  similarTracks?: LastfmSimilarTracksFixture[];
}

export interface LastfmEmulatorOptions {
  /** The one valid key (default 'lastfm-test-key'). */
  apiKey?: string;
  data?: LastfmFixture;
  /** Answer 429 + error 29 above this many requests in any 1 s window (default: no limit). */
  rateLimitPerSecond?: number;
  /** Keys answered with error 26 (HTTP 403). */
  suspendedKeys?: string[];
  /** Milliseconds clock for the rate limiter (default Date.now); inject one for deterministic tests. */
  now?: () => number;
}

export interface LastfmEmulator extends Emulator {
  readonly apiKey: string;
  setData(data: LastfmFixture): void;
  /** Peak number of requests seen within any 1-second window (for rate-limit tests). */
  peakRequestsPerSecond(): number;
}
