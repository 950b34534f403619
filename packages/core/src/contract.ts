/**
 * The plugin contract: what a playlist source is, what it is given, and what it returns.
 * Sources fetch ranked candidates; they never match and never write to Plex.
 */
import type { Logger } from './logging/logger.js';
import type { Http } from './http/http.js';
import type { Clock } from './clock.js';
import type { LibraryIndex } from './library/library-index.js';

/** Environment variables as the user gave them. */
export type Env = Readonly<Record<string, string | undefined>>;

/** One problem in user input, with where it is (a dotted path or an env name). */
export interface ConfigIssue {
  path: string;
  message: string;
}

/** parseOptions never throws: it reports every problem at once. */
export type ParseResult<O> = { ok: true; value: O; warnings?: string[] } | { ok: false; errors: ConfigIssue[] };

export interface SourceDefaults {
  playlist: string;
  size: number;
}

/** Concurrency limiter as made by p-limit. */
export type Limit = <T>(fn: () => Promise<T>) => Promise<T>;

export interface SourceContext {
  /** Child logger labelled with the source name. */
  logger: Logger;
  /** Shared HTTP client (timeouts, retries, User-Agent, redaction). */
  http: Http;
  /** Concurrency limiter for this source's requests. */
  limit: Limit;
  /** Current time and the user's IANA zone. */
  clock: Clock;
  /** Read-only view of the Plex music library (the shared, cached index). */
  library: LibraryIndex;
  /** Aborted when the run is being stopped (SIGTERM, timeout). */
  signal: AbortSignal;
  /** The source's name and data directory for its own caches, if any. */
  dataDir: string;
}

export interface CandidateTrack {
  artist: string;
  title: string;
  album?: string;
  durationMs?: number;
  ids?: {
    /** A library track already chosen by the source (daily-flow, custom): no matching needed. */
    plexRatingKey?: string;
    /** MusicBrainz recording MBID (never compared with Plex mbid:// guids). */
    mbid?: string;
    /** MusicBrainz artist MBIDs, when the source knows them (for the missing-tracks report). */
    artistMbids?: string[];
  };
  /** Why the source picked it ("similar to X, Y"), shown by --explain. */
  note?: string;
}

export interface PlaylistDraft {
  /** Stable key of this playlist within the source ('default', 'weekly-jams'). */
  key: string;
  title: string;
  summary?: string;
  /** How many tracks the playlist should hold; defaults to the source's configured size. */
  size?: number;
  /** Ranked: best first. Usually more than the size, so the core can fill from what the library has. */
  tracks: CandidateTrack[];
  /** A source may ask to leave the existing playlist as it is (e.g. no Daily Flow window active). */
  keepExisting?: { reason: string };
}

export interface PlaylistSource<O = unknown> {
  apiVersion: 1;
  /** kebab-case CLI id and config key: 'lastfm-charts'. */
  name: string;
  /** One line for `harmoniq sources`. */
  description: string;
  defaults: SourceDefaults;
  /** Validate raw options (config file section merged with env); never throws. */
  parseOptions(raw: unknown, env: Env): ParseResult<O>;
  /** Check credentials and reachability, without side effects. */
  verify?(options: O, ctx: SourceContext): Promise<void>;
  fetch(options: O, ctx: SourceContext): Promise<PlaylistDraft[]>;
}

export const PLUGIN_API_VERSION = 1 as const;

/** Helper for authors: gives type inference on the options without any runtime effect. */
export function defineSource<O>(source: PlaylistSource<O>): PlaylistSource<O> {
  return source;
}
