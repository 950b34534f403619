import type { ConfigIssue, Env } from '../contract.js';
import type { LogLevel } from '../logging/logger.js';

/** A manual match decision that survives every sync. */
export interface MatchOverride {
  artist: string;
  title: string;
  /** Use this library track. */
  ratingKey?: string;
  /** Never match this candidate. */
  skip?: boolean;
}

/** The resolved configuration. Built by loadConfig at the edge; trusted inside. */
export interface HarmoniqConfig {
  plex: {
    /** Absent when neither PLEX_URL nor plex.url is set: commands that need Plex report ECONFIG. */
    url?: string;
    token?: string;
    /** Music library (section) title. Default "Music". */
    library: string;
    /** Tracks per page when building the library index. */
    pageSize: number;
    timeoutMs: number;
  };
  /** HARMONIQ_DATA_DIR; default per platform. */
  dataDir: string;
  /** IANA zone (TIMEZONE); default the system zone. */
  timezone: string;
  logLevel: LogLevel;
  logFormat: 'human' | 'json';
  /** PLAYLIST_UPDATE_MODE, default 'replace'. */
  updateMode: 'replace' | 'append';
  /** Default minTracks for every source (1). */
  minTracks: number;
  schedule: {
    /** RUN_INTERVAL_MINUTES. */
    intervalMinutes?: number;
    /** SCHEDULE_CRON. */
    cron?: string;
    /** RUN_ON_START, default true. */
    runOnStart: boolean;
  };
  matching: {
    overrides: MatchOverride[];
  };
  /** Extra plugins: package names or paths (resolved from the config file's folder). */
  plugins: string[];
  /** Raw per-source sections from the config file, keyed by source name; validated by each source. */
  sources: Record<string, Record<string, unknown>>;
  /** The environment with the config file's service sections folded in; the real environment wins. */
  env: Env;
  /** Absolute path of the config file that was read, if any. */
  configFile?: string;
  /** Folder that relative paths in the config resolve from (the config file's, else cwd). */
  baseDir: string;
}

export interface LoadConfigOptions {
  cwd: string;
  env: Env;
  /** An explicit config file (--config). */
  configPath?: string;
  /** CLI flags that override everything (e.g. { logLevel: 'debug', dryRun… }). */
  overrides?: Partial<Pick<HarmoniqConfig, 'logLevel' | 'logFormat' | 'updateMode' | 'dataDir'>>;
}

export type LoadConfigResult =
  | { ok: true; config: HarmoniqConfig; warnings: string[] }
  | { ok: false; errors: ConfigIssue[]; warnings: string[]; configFile?: string };
