/**
 * `@harmoniq/core/pipeline`: the host's side of the core, for the CLI and the Plex package only. Config, the
 * sync pipeline and its ports (library reader, playlist store), the library index, state, caches, history,
 * the missing-tracks report, notifications, logging and the HTTP client. A plugin never imports this entry
 * (a check in `npm test` enforces it): what a plugin may use is `@harmoniq/core`.
 */
export { createSharedRegistry } from './contract.js';
export { fixedClock, formatShortLocal, systemClock, systemZone } from './clock.js';
export { ERROR_CATALOGUE } from './errors/catalogue.js';
export { registeredErrorCodes, type RegisteredErrorCode, type ErrorCodeClash } from './errors/plugin-error-codes.js';
export { describeError } from './errors/harmoniq-error.js';
export * from './logging/redact.js';
export * from './logging/safe-text.js';
export { createLogger, createMemoryLogger, logTimestamp, type LoggerOptions, type MemoryLogger } from './logging/logger.js';
export { createHttp, networkCode, serverWaitMs, type HttpOptions } from './http/http.js';
export { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_JSON_DEPTH, bodyTooLargeError, formatBytes } from './http/bounds.js';
export { createLibraryIndex, sonicLookup } from './library/library-index.js';
export { createTrackInterner, type TrackInterner } from './library/track-interner.js';
export { trackFromValues, type TrackValues } from './library/track-record.js';
export type {
  SectionInfo,
  ServerInfo,
  IndexProgress,
  LibraryReader,
  TrackFilter,
  ParentGenres,
  PlaylistInfo,
  PosterImage,
  PlaylistEntry,
  PlaylistStore,
} from './library/types.js';
export { ensureWritableDir, quarantine, writeTextFile } from './fs/json-file.js';
export * from './state/state-store.js';
export * from './library/index-cache.js';
export { ANSWER_CACHE_FILE, ANSWER_CACHE_FORMAT, ANSWER_CACHE_MAX_BYTES, ANSWER_CACHE_MAX_ENTRIES, answerCachePath, createAnswerCache, type AnswerCacheOptions } from './cache/answer-cache.js';
export * from './pipeline/report.js';
export * from './pipeline/plan-playlist.js';
export * from './pipeline/decide-playlist.js';
export type { PlaylistTarget } from './pipeline/playlist-target.js';
export * from './pipeline/apply-plan.js';
export { fetchDrafts, tagged, verifySource, type ResolvedSource } from './sources/run-steps.js';
export * from './pipeline/sync.js';
export * from './pipeline/playlist-summary.js';
export * from './pipeline/validate-drafts.js';
export * from './config/index.js';
export * from './match/index.js';
export * from './missing/index.js';
export * from './notify/notify.js';
export * from './notify/run-summary.js';
export * from './history/index.js';
export { resolveSourceStatuses, selectSources, optionEnvNames, type SourceStatus, type SourceResolution, type SelectOptions } from './sources/resolve-sources.js';
export { configError, issueLine, type ConfigErrorOptions } from './sources/config-problems.js';
export { sectionKeys } from './sources/read-options.js';
export { configJsonSchema, optionHelp, type OptionHelp } from './sources/options-schema.js';
export { createSourceContext, type SourceContextInput } from './sources/source-context.js';
export { sourceShapeProblems } from './sources/source-shape.js';
export type { CoverMaker, CoverRequest, SourceLook, UploadedPoster } from './playlist-look/index.js';
export { PLUGIN_LIMITS, DEFAULT_BOUNDARY_LIMITS, runnableUrl, type IsolatedSourceRef, type BoundaryLimits, type IsolatedStep } from './sources/boundary/isolation.js';
