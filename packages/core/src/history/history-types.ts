import type { PlaylistAction } from '../pipeline/report.js';

/** One track as the history names it: compact, for people (no candidates, no scores beyond the nearest miss). */
export interface HistoryTrack {
  artist: string;
  title: string;
  /** Plex ratingKey, to tell the same track across runs. */
  ratingKey?: string;
}

export interface HistoryMiss {
  artist: string;
  title: string;
  /** The matcher's verdict: not-found, below-threshold, ambiguous. */
  reason: string;
  /** The nearest library track, as `Artist – Title` with its score. */
  nearest?: { artist: string; title: string; score: number };
}

/** A candidate left out by the user's exclusion rules (EXCLUDE_*, `exclude:`), with the rule that matched. */
export interface HistoryExclusion {
  artist: string;
  title: string;
  rule: string;
}

export interface HistoryPlaylist {
  source: string;
  /** The draft key within its source. */
  key: string;
  title: string;
  ratingKey?: string;
  action: PlaylistAction;
  reason?: string;
  /** Candidates found in the library / candidates the source wanted. */
  found: number;
  wanted: number;
  size: number;
  added: HistoryTrack[];
  removed: HistoryTrack[];
  kept: number;
  misses: HistoryMiss[];
  /** Misses beyond the ones kept in the record (kept compact). */
  missesOmitted?: number;
  exclusions: HistoryExclusion[];
  durationMs: number;
}

export interface HistorySource {
  source: string;
  ok: boolean;
  error?: { code: string; message: string };
  durationMs: number;
}

export interface HistoryRun {
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** What started it: `sync` (command line), or the daemon's reason (`start`, `every 60 min`, `status page`…). */
  trigger: string;
  ok: boolean;
  exitCode: number;
  /** A run-wide failure (Plex unreachable, library missing). */
  error?: { code: string; message: string };
  sources: HistorySource[];
  playlists: HistoryPlaylist[];
  /** HTTP requests this run sent: to Plex, and in all. */
  requests: { plex: number; total: number };
}

/** The history file: the runs, newest last, and each managed playlist's tracks after its latest run. */
export interface RunHistory {
  version: 1;
  runs: HistoryRun[];
  /** Keyed by `<source>/<draft key>`: the tracks Harmoniq last put in the playlist, in order. */
  current: Record<string, { title: string; ratingKey?: string; updatedAt: string; tracks: HistoryTrack[] }>;
}

export const emptyHistory = (): RunHistory => ({ version: 1, runs: [], current: {} });
