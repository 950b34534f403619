/** Environment variable names the core reads, exactly as users write them (Docker users know these names). */
export const ENV_NAMES = {
  plexUrl: 'PLEX_URL',
  plexToken: 'PLEX_TOKEN',
  plexLibrary: 'PLEX_MUSIC_LIBRARY_NAME',
  plexPageSize: 'PLEX_PAGE_SIZE',
  plexTimeoutMs: 'PLEX_TIMEOUT_MS',
  plexIndexMaxAgeHours: 'LIBRARY_INDEX_MAX_AGE_HOURS',
  maxItems: 'PLEX_MAX_ITEMS',
  maxBodyMb: 'HARMONIQ_MAX_BODY_MB',
  pluginTimeLimitSeconds: 'HARMONIQ_PLUGIN_TIME_LIMIT_SECONDS',
  pluginMemoryMb: 'HARMONIQ_PLUGIN_MEMORY_MB',
  dataDir: 'HARMONIQ_DATA_DIR',
  timezone: 'TIMEZONE',
  logLevel: 'LOG_LEVEL',
  logFormat: 'LOG_FORMAT',
  updateMode: 'PLAYLIST_UPDATE_MODE',
  minTracks: 'MIN_TRACKS',
  serviceCacheMaxAgeHours: 'SERVICE_CACHE_MAX_AGE_HOURS',
  intervalMinutes: 'RUN_INTERVAL_MINUTES',
  cron: 'SCHEDULE_CRON',
  runOnStart: 'RUN_ON_START',
  plugins: 'HARMONIQ_PLUGINS',
  notifyWebhookUrl: 'NOTIFY_WEBHOOK_URL',
  notifyOn: 'NOTIFY_ON',
  notifyFormat: 'NOTIFY_FORMAT',
  historyMaxRuns: 'HISTORY_MAX_RUNS',
  historyMaxDays: 'HISTORY_MAX_DAYS',
  statusPort: 'STATUS_PORT',
  statusHost: 'STATUS_HOST',
  statusToken: 'STATUS_TOKEN',
  plexUsers: 'PLEX_USERS',
  plexTvUrl: 'PLEX_TV_URL',
  poster: 'PLAYLIST_POSTER',
  posterFile: 'PLAYLIST_POSTER_FILE',
  summaryTemplate: 'PLAYLIST_SUMMARY_TEMPLATE',
  excludeGenres: 'EXCLUDE_GENRES',
  excludeArtists: 'EXCLUDE_ARTISTS',
  excludeTracksFile: 'EXCLUDE_TRACKS_FILE',
} as const;

/** An env value that counts as set: blank values (`PLEX_URL=` in a compose file) mean "not set". */
export function envValue(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const raw = env[name];
  return raw !== undefined && raw.trim() !== '' ? raw : undefined;
}
