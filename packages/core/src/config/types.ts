import type { HouseholdConfig } from './household-types.js';
import type { LookSettings } from './look-settings.js';
import type { SettingOrigin } from './setting-origin.js';
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
    /** LIBRARY_INDEX_MAX_AGE_HOURS: a cached index older than this is rebuilt (play counts change without a library change). */
    indexMaxAgeHours: number;
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
  /** SERVICE_CACHE_MAX_AGE_HOURS: caps every cached service answer's lifetime; 0 turns the cache off; unset = per method. */
  serviceCacheMaxAgeHours?: number;
  /** Bounds on what services may send (docs/reliability.md). */
  limits: {
    /** PLEX_MAX_ITEMS: items one Plex listing may hold. */
    maxItems: number;
    /** HARMONIQ_MAX_BODY_MB: largest response body, after decompression. */
    maxBodyMb: number;
    /** HARMONIQ_PLUGIN_TIME_LIMIT_SECONDS: time one plugin step (fetch, verify) may take in the boundary. */
    pluginTimeLimitSeconds: number;
    /** HARMONIQ_PLUGIN_MEMORY_MB: heap of a plugin's worker thread. */
    pluginMemoryMb: number;
  };
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
  /** Where failures are reported (config file only; the notifier validates delivery). */
  notify: NotifyConfig;
  /** Run history in the data dir: HISTORY_MAX_RUNS (200) and HISTORY_MAX_DAYS (30), whichever keeps fewer. */
  history: { maxRuns: number; maxDays: number };
  /** Household users (PLEX_USERS / `users:`) and where plex.tv is. */
  household: HouseholdConfig;
  /**
   * How playlists look and what they keep out, for every source (PLAYLIST_POSTER, PLAYLIST_POSTER_FILE,
   * PLAYLIST_SUMMARY_TEMPLATE, EXCLUDE_*); a source's section may add to or override it (docs/playlists.md).
   */
  look: LookSettings;
  /** The daemon's status page: off unless STATUS_PORT is set; STATUS_HOST default 127.0.0.1; POST /run needs STATUS_TOKEN. */
  status: { port?: number; host: string; token?: string };
  /**
   * The config file's `custom:` list, one entry per user-written playlist. Checked here only for the keys every
   * entry has; relative `module` and `file` paths are already resolved from the config file's folder.
   */
  custom: CustomPlaylistEntry[];
  /** Raw per-source sections from the config file, keyed by source name; validated by each source. */
  sources: Record<string, Record<string, unknown>>;
  /** Top-level config-file sections the core does not know, owned by plugins (`<service>:`); checked with the sources. */
  sections: Record<string, unknown>;
  /** The environment as given. */
  env: Env;
  /** Absolute path of the config file that was read, if any. */
  configFile?: string;
  /** Folder that relative paths in the config resolve from (the config file's, else cwd). */
  baseDir: string;
  /** Where each top-level setting came from, keyed by dotted path ('plex.url', 'logLevel'). */
  origins: Record<string, SettingOrigin>;
}

export type { SettingOrigin } from './setting-origin.js';

export interface NotifyConfig {
  webhookUrl?: string;
  /** Default 'failure'. */
  on: 'failure' | 'always';
  /** Default 'json'. */
  format: 'json' | 'discord' | 'slack' | 'ntfy' | 'gotify';
}

/** One entry of the config file's `custom:` list; keys beyond these pass through for the custom plugin. */
export interface CustomPlaylistEntry {
  name: string;
  enabled?: boolean;
  playlist?: string;
  size?: number;
  /** A module exporting a source (package name or path). */
  module?: string;
  /** A track list file (absolute after loading). */
  file?: string;
  [key: string]: unknown;
}

export interface LoadConfigOptions {
  cwd: string;
  env: Env;
  /** An explicit config file (--config). */
  configPath?: string;
  /** CLI flags that override everything (e.g. { logLevel: 'debug', dryRun… }). */
  overrides?: Partial<Pick<HarmoniqConfig, 'logLevel' | 'logFormat' | 'updateMode' | 'dataDir'>>;
  /** For tests: the platform whose data-dir convention applies (default process.platform). */
  platform?: NodeJS.Platform;
  /** For tests: the home directory (default env.HOME / USERPROFILE, else os.homedir()). */
  homeDir?: string;
}

export type LoadConfigResult =
  | { ok: true; config: HarmoniqConfig; warnings: string[] }
  | {
      ok: false;
      errors: ConfigIssue[];
      warnings: string[];
      configFile?: string;
      /** What still resolves without the settings in error, for `harmoniq config`; never for a run. */
      partial: HarmoniqConfig;
    };
