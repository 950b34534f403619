/** The machine-readable report of a sync (`harmoniq sync --json`). Field names are a public contract. */
export interface CandidateReport {
  artist: string;
  title: string;
  album?: string;
  /** `excluded`: kept out by the user's exclusions (EXCLUDE_*, `exclude:`); never used, never reported missing. */
  status: 'matched' | 'unmatched' | 'excluded';
  ratingKey?: string;
  via?: string;
  score?: number;
  reason?: string;
  /** Nearest library track for a miss. */
  best?: { artist: string; title: string; album?: string; ratingKey: string; score: number };
  note?: string;
  /** The rule that excluded it (`genre Christmas (album)`, `artist Mariah Carey`), with status `excluded`. */
  excluded?: string;
  /** This candidate's track is in the playlist after the run (or would be, in a dry run). */
  used: boolean;
  mbid?: string;
  artistMbids?: string[];
}

export type PlaylistAction = 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed' | 'would-create' | 'would-update';

export interface PlaylistReport {
  key: string;
  title: string;
  ratingKey?: string;
  action: PlaylistAction;
  /** Why it was skipped or failed. */
  reason?: string;
  /** `excluded`: candidates kept out by the user's exclusions (not in `found`, not in `missing`). */
  counts: { candidates: number; found: number; missing: number; excluded?: number; added: number; removed: number; kept: number; size: number };
  durationMs: number;
  candidates: CandidateReport[];
  /** The title before this run renamed the playlist in place. */
  renamedFrom?: string;
  /** Dry run only: the tracks the run would add and remove, in playlist order. */
  plan?: { add: PlannedTrack[]; remove: PlannedTrack[] };
}

export interface PlannedTrack {
  artist?: string;
  title?: string;
  ratingKey: string;
}

export interface ErrorReport {
  code: string;
  message: string;
  hint?: string;
}

export interface SourceReport {
  source: string;
  /** The household user whose playlist this is; absent for the owner's. */
  user?: string;
  ok: boolean;
  error?: ErrorReport;
  warnings: string[];
  durationMs: number;
  playlists: PlaylistReport[];
}

export interface SyncReport {
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  dryRun: boolean;
  ok: boolean;
  exitCode: number;
  /** A run-wide failure (Plex unreachable or unauthorised, library missing). */
  error?: ErrorReport;
  library?: { server: string; section: string; tracks: number; fromCache: boolean };
  sources: SourceReport[];
}
