/**
 * What a sync is given and what every playlist of a run shares. Its own module so that the steps (sync-playlist.ts
 * and the step modules it calls) and the run (sync.ts) both depend on it rather than on each other: no import circle.
 */
import type { Clock } from '../clock.js';
import type { PlaylistDraft } from '../contract.js';
import type { HarmoniqError } from '../errors/harmoniq-error.js';
import type { Http } from '../http/http.js';
import type { AnswerCache } from '../cache/answer-cache.js';
import type { LibraryIndex } from '../library/library-index.js';
import type { IndexProgress, LibraryReader, PlaylistInfo, PlaylistStore, ServerInfo } from '../library/types.js';
import type { Logger } from '../logging/logger.js';
import type { MatchOverride } from '../config/types.js';
import type { Matcher } from '../match/index.js';
import type { HarmoniqState, StateStore } from '../state/state-store.js';
import type { ResolvedSource } from '../sources/run-steps.js';
import type { CoverMaker } from '../playlist-look/apply-look.js';

export interface SyncOptions {
  sources: ResolvedSource[];
  reader: LibraryReader;
  store: PlaylistStore;
  libraryName: string;
  dataDir: string;
  logger: Logger;
  http: Http;
  clock: Clock;
  overrides?: MatchOverride[];
  dryRun?: boolean;
  refreshLibrary?: boolean;
  /** Rebuild a cached library index older than this (play counts and ratings change without a library change). */
  indexMaxAgeMs?: number;
  /** Take over an unmanaged playlist that has the configured title, instead of refusing. */
  adopt?: boolean;
  signal?: AbortSignal;
  /** Sources fetched at once (they talk to different services). */
  fetchConcurrency?: number;
  onIndexProgress?: (p: IndexProgress) => void;
  /** Service answers kept between runs, handed to every source; saved once the sources have fetched. */
  answers?: AnswerCache;
  /**
   * Draws a playlist cover (the CLI passes @harmoniq/covers, loaded only when a cover is drawn). Without it, a cover
   * that should be generated is one warning; PLAYLIST_POSTER_FILE and `none` need none.
   */
  makeCover?: CoverMaker;
  /** Household users: after the owner's playlists, each user's are kept in their own account (DESIGN: targets × sources). */
  targets?: SyncTarget[];
}

/** A household user's account: their own playlists, written with their own server token, never copied. */
export interface SyncTarget {
  user: string;
  sources: ResolvedSource[];
  /**
   * The user's playlists on this server (written with their own token), or why they cannot be: then every playlist
   * of theirs fails, alone. `fresh` asks for a new token, once, after Plex refused the one given.
   */
  open(server: ServerInfo, fresh: boolean): Promise<PlaylistStore | HarmoniqError>;
}

/** What every playlist of a run shares. */
export interface RunContext {
  options: SyncOptions;
  server: ServerInfo;
  library: LibraryIndex;
  matcher: Matcher;
  state: StateStore;
  current: HarmoniqState;
  /** Where this target's playlists are written: the owner's account, or a household user's. */
  store: PlaylistStore;
  /** The household user, for a user's target. */
  user?: string;
  /** Audio playlists of this target's account, listed once per run and only when needed. */
  listPlaylists: () => Promise<PlaylistInfo[]>;
  /** Drafts by source and option set: a source is fetched once per distinct configuration, whoever it is for. */
  fetched: Map<string, Promise<PlaylistDraft[]>>;
}
