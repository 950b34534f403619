import { join } from 'node:path';
import { quarantine, readJsonFile, writeJsonFile } from '../fs/json-file.js';
import type { Logger } from '../logging/logger.js';
import type { UploadedPoster } from '../playlist-look/poster-decision.js';

/** A playlist Harmoniq manages, identified by its Plex ratingKey (never by its title). */
export interface ManagedPlaylist {
  ratingKey: string;
  title: string;
  /** machineIdentifier of the server it lives on. */
  server: string;
  updatedAt: string;
  /** Hash of the track list Harmoniq last gave it, in order. */
  contentHash?: string;
  /**
   * Plex's `updatedAt` of the playlist when Harmoniq last saw it hold exactly that list. While Plex still reports
   * this value (nobody edited it) and the new list hashes the same, the playlist is not even read.
   */
  plexUpdatedAt?: number;
  /**
   * The poster Harmoniq uploaded (the `thumb` Plex showed right after, and which cover it was). Any other poster the
   * playlist shows was set by the user and is never replaced.
   */
  poster?: UploadedPoster;
}

export interface SourceRun {
  at: string;
  ok: boolean;
  error?: { code: string; message: string };
}

export interface RunRecord {
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  exitCode: number;
  summary?: string;
}

export interface HarmoniqState {
  version: 1;
  /** Keyed by `<source>/<draft key>` (the owner's) or `@<user>/<source>/<draft key>`. */
  playlists: Record<string, ManagedPlaylist>;
  sources: Record<string, SourceRun>;
  lastRun?: RunRecord;
}

export const emptyState = (): HarmoniqState => ({ version: 1, playlists: {}, sources: {} });

/** A household user's playlists live in their own account: their keys carry the user (`@alice/<source>/<draft>`). */
export function playlistKey(source: string, draftKey: string, user?: string): string {
  return user === undefined ? `${source}/${draftKey}` : `@${user.toLowerCase()}/${source}/${draftKey}`;
}

export interface StateStore {
  readonly path: string;
  load(): Promise<HarmoniqState>;
  /** Applies a change to the latest state on disk and writes it atomically. */
  update(change: (state: HarmoniqState) => void): Promise<HarmoniqState>;
}

/**
 * state.json in the data directory. A corrupt file is moved aside with a warning and a fresh state begins:
 * managed playlists are then found again by the title conflict check, never duplicated silently.
 */
export function createStateStore(dataDir: string, logger: Logger, stamp: () => string = () => new Date().toISOString()): StateStore {
  const path = join(dataDir, 'state.json');
  let current: HarmoniqState | undefined;

  async function load(): Promise<HarmoniqState> {
    const read = await readJsonFile<unknown>(path);
    if (read.status === 'missing') return (current = emptyState());
    if (read.status === 'ok' && isState(read.value)) return (current = read.value);
    const why = read.status === 'corrupt' ? read.error : 'unexpected contents';
    const moved = await quarantine(path, stamp().replace(/[:.]/g, '-'));
    logger.warn(`The state file ${path} could not be read (${why}); starting from an empty state.${moved ? ` The old file was kept as ${moved}.` : ''}`);
    return (current = emptyState());
  }

  return {
    path,
    load,
    async update(change) {
      const state = current ?? (await load());
      change(state);
      await writeJsonFile(path, state);
      return state;
    },
  };
}

function isState(value: unknown): value is HarmoniqState {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<HarmoniqState>;
  return v.version === 1 && typeof v.playlists === 'object' && v.playlists !== null && typeof v.sources === 'object' && v.sources !== null;
}
