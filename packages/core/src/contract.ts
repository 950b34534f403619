/**
 * The plugin contract: what a playlist source is, what it is given, and what it returns.
 * Sources fetch ranked candidates; they never match and never write to Plex.
 */
import pLimit from 'p-limit';
import type { Logger } from './logging/logger.js';
import type { Http } from './http/http.js';
import type { Clock } from './clock.js';
import type { LibraryIndex } from './library/library-index.js';
import type { AnswerCache } from './cache/answer-cache.js';
import type { SourceLook } from './playlist-look/look-options.js';
import type { ConfigIssue, Env, ParseResult } from './user-input.js';
import type { OptionDeclarations, OptionValues } from './sources/declare-options.js';
import { readDeclaredOptions, type RefineContext } from './sources/read-options.js';
import type { ErrorCodes } from './errors/plugin-error-codes.js';

export type { ConfigIssue, Env, ParseResult } from './user-input.js';

export interface SourceDefaults {
  /** Playlist title. */
  playlist: string;
  /** Number of tracks. */
  size: number;
  /** Enabled when the user says nothing (default false: sources are opt-in). */
  enabled?: boolean;
}

/**
 * Names of the environment variables for the options every source has. The core reads them with the
 * precedence CLI flags > environment > config file (`sources.<name>.enabled|playlist|size|minTracks`) > defaults,
 * so a plugin never parses these itself.
 */
export interface SourceEnvNames {
  enabled?: string;
  playlist?: string;
  size?: string;
}

/** The options every source has, resolved by the core. */
export interface CommonSourceOptions {
  enabled: boolean;
  playlist: string;
  size: number;
  /** Fewer matched tracks than this: keep the old playlist and warn. */
  minTracks: number;
  updateMode: 'replace' | 'append';
  /**
   * Covers, description template and exclusions (PLAYLIST_POSTER, PLAYLIST_SUMMARY_TEMPLATE, EXCLUDE_*), resolved
   * by the core for its pipeline; absent in hand-made contexts (then: generated covers, today's text, nothing excluded).
   */
  look?: SourceLook;
}

/** Concurrency limiter as made by p-limit. */
export type Limit = <T>(fn: () => Promise<T>) => Promise<T>;

/** A limiter running at most `concurrency` functions at once (p-limit), for contexts built outside a sync. */
export function createLimit(concurrency: number): Limit {
  return pLimit(concurrency);
}

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
  /** A directory this source may use for its own caches. */
  dataDir: string;
  /**
   * `sync --dry-run`: the source fetches as usual but keeps no record of this run (a history that would change
   * the next real run's choice). Caches of what a service answered may still be written.
   */
  dryRun?: boolean;
  /** The common options the core resolved for this source (title, size…). */
  common: CommonSourceOptions;
  /**
   * Resources shared by every source of one run, created on first use: e.g. one rate gate per API key, so
   * several sources on the same service keep to its limit together. Absent in hand-made test contexts.
   */
  shared?: <T>(key: string, create: () => T) => T;
  /**
   * Slow-changing service answers kept between runs (similar artists, recording metadata…), with per-method
   * lifetimes chosen by the client. Absent in hand-made test contexts and when caching is off.
   */
  answers?: AnswerCache;
}

/** A run-scoped registry for SourceContext.shared (one per run; never module state). */
export function createSharedRegistry(): <T>(key: string, create: () => T) => T {
  const entries = new Map<string, unknown>();
  return <T>(key: string, create: () => T): T => {
    if (!entries.has(key)) entries.set(key, create());
    return entries.get(key) as T;
  };
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
  /**
   * Ranked candidates after `tracks`, used only to take the place of tracks the user's exclusions keep out: a source
   * that picks exactly `size` tracks (Daily Flow) offers its next picks here, so an exclusion does not shorten it.
   */
  reserve?: CandidateTrack[];
  /** A source may ask to leave the existing playlist as it is (e.g. no Daily Flow window active). */
  keepExisting?: { reason: string };
  /** The time window this playlist is for (`06:00-11:00`): fills a title's `{window}` and tints the cover. */
  window?: string;
}

export interface PlaylistSource<O = unknown> {
  apiVersion: 1;
  /** kebab-case CLI id and config key: 'my-radio'. */
  name: string;
  /** One line for `harmoniq sources`. */
  description: string;
  /** The source's name in words, as a title's or description's `{source}` shows it (`My Radio`); default: the name, each word capitalised. */
  displayName?: string;
  defaults: SourceDefaults;
  env?: SourceEnvNames;
  /** Its drafts carry `window` (Daily Flow): titles and descriptions may then use `{window}`. */
  timeWindows?: boolean;
  /**
   * Declared options (docs/writing-a-plugin.md): the core reads them with one precedence rule (environment >
   * `sources.<name>.<key>` > the plugin's shared section > default), checks them, redacts secrets and documents them.
   * Made by defineSource from `options` (and `refineOptions`); a plugin then writes no parseOptions.
   */
  options?: OptionDeclarations;
  /** With declared options: cross-field rules and the shape the plugin wants; report problems on ctx. Never throws. */
  refineOptions?(values: Record<string, unknown>, ctx: RefineContext): O;
  /**
   * Validate this source's own options; never throws. `raw` is the config file's `sources.<name>` section
   * without the common keys (enabled, playlist, size, minTracks, updateMode); `env` is the environment. For a
   * source with declared options defineSource derives it (shared config sections are then not seen: the core's
   * own reading, which sees them, is used in a run).
   */
  parseOptions(raw: unknown, env: Env): ParseResult<O>;
  /**
   * The error codes this source raises beyond the core's, made with defineErrorCodes (prefixed with the plugin's name: EMYRADIO…).
   * Registering them lets the host refuse two plugins claiming one code and keep docs/troubleshooting.md complete.
   */
  errorCodes?: ErrorCodes;
  /** Check credentials and reachability, without side effects. */
  verify?(options: O, ctx: SourceContext): Promise<void>;
  fetch(options: O, ctx: SourceContext): Promise<PlaylistDraft[]>;
  /**
   * When this source's output changes by itself at a known instant (Daily Flow at a window boundary), the
   * next such instant after `now`; the daemon runs the source then instead of waiting for its interval.
   */
  nextChange?(options: O, now: Date, zone: string): Date | undefined;
}

export const PLUGIN_API_VERSION = 1 as const;

/** A source whose options are declared: no parseOptions to write. */
export type DeclaredSource<D extends OptionDeclarations, O> = Omit<PlaylistSource<O>, 'parseOptions' | 'options' | 'refineOptions'> & {
  options: D;
  refineOptions?(values: OptionValues<D>, ctx: RefineContext): O;
};

/**
 * Helper for authors: type inference on the options. With declared `options`, it also derives parseOptions from
 * them, so every consumer of the contract (the contract kit, a custom module host) can still call it.
 */
export function defineSource<O>(source: PlaylistSource<O>): PlaylistSource<O>;
export function defineSource<D extends OptionDeclarations, O = OptionValues<D>>(source: DeclaredSource<D, O>): PlaylistSource<O>;
export function defineSource<O>(source: PlaylistSource<O> | DeclaredSource<OptionDeclarations, O>): PlaylistSource<O> {
  if (!('options' in source) || source.options === undefined || 'parseOptions' in source) return source as PlaylistSource<O>;
  const declared = source as PlaylistSource<O> & { options: OptionDeclarations };
  const refine = declared.refineOptions?.bind(declared);
  return {
    ...declared,
    parseOptions: (raw: unknown, env: Env) => readDeclaredOptions(declared.name, declared.options, { section: raw, env }, refine),
  };
}
