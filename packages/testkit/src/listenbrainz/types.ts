import type { Emulator } from '../common/server.js';

export interface ListenBrainzRecording {
  mbid: string;
  title: string;
  /** The artist-credit string, e.g. "A feat. B". */
  artist: string;
  album?: string;
  lengthMs?: number;
  artistMbids?: string[];
}

export interface ListenBrainzPlaylistFixture {
  mbid: string;
  /** 'weekly-jams' | 'weekly-exploration' | 'daily-jams' | … */
  sourcePatch: string;
  title: string;
  /** ISO creation date; createdfor lists newest first. */
  date: string;
  recordingMbids: string[];
  /** Serve track identifiers in the old single-string form instead of an array. */
  identifierAsString?: boolean;
}

export interface ListenBrainzRecommendationFixture {
  mbid: string;
  score: number;
  /** ISO string, or null for a recording the user never listened to. */
  latestListenedAt?: string | null;
}

export interface ListenBrainzUserFixture {
  /** null or [] → 204 No Content. */
  recommendations?: ListenBrainzRecommendationFixture[] | null;
  playlists?: ListenBrainzPlaylistFixture[];
}

export interface ListenBrainzRateLimit {
  limit: number;
  windowSeconds: number;
  /** Limit for requests without a valid token (default: `limit` when rateLimit is given, else 30). */
  ipLimit?: number;
}

export interface ListenBrainzEmulatorOptions {
  /** token → user name; default { 'lb-test-token': 'harmoniq-user' }. */
  tokens?: Record<string, string>;
  users?: Record<string, ListenBrainzUserFixture>;
  /** For /1/metadata/recording/ and playlist track metadata. */
  recordings?: ListenBrainzRecording[];
  /** Fixed windows aligned to multiples of the window; default 50 per 10 s per token (30 per IP). */
  rateLimit?: ListenBrainzRateLimit;
  /** Milliseconds clock for the rate limiter (default Date.now); inject one for deterministic tests. */
  now?: () => number;
}

export interface ListenBrainzEmulator extends Emulator {
  setUsers(users: Record<string, ListenBrainzUserFixture>): void;
}
