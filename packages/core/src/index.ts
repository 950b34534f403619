/**
 * `@harmoniq/core`: the plugin contract, and only that. A plugin author reads this file to learn everything a
 * source may use: the contract and defineSource, option declarations, what a SourceContext holds, errors, and the
 * few helpers a fetch needs (dates in the user's zone, seeded choice, bounded JSON, a data-dir file).
 * The host's side (config, the sync pipeline, Plex ports, caches, logging, HTTP) is `@harmoniq/core/pipeline`
 * (docs/decisions/0016-two-entries-and-no-import-circles.md).
 */
export {
  PLUGIN_API_VERSION,
  defineSource,
  createLimit,
  type Env,
  type ConfigIssue,
  type ParseResult,
  type SourceDefaults,
  type SourceEnvNames,
  type CommonSourceOptions,
  type Limit,
  type SourceContext,
  type CandidateTrack,
  type PlaylistDraft,
  type PlaylistSource,
  type DeclaredSource,
} from './contract.js';
export { option, type OptionKind, type OptionSpec, type OptionDeclarations, type OptionValues } from './sources/declare-options.js';
export { readDeclaredOptions, type OptionInput, type RefineContext, type RefineOptions } from './sources/read-options.js';
export { ExitCode } from './errors/exit-codes.js';
export { ERROR_CODES, docsLink, type ErrorCode } from './errors/catalogue.js';
export { HarmoniqError, isHarmoniqError, toHarmoniqError, type HarmoniqErrorInit, type PluginErrorCode } from './errors/harmoniq-error.js';
export { defineErrorCodes, type ErrorCodes } from './errors/plugin-error-codes.js';
export { formatLocal, isValidZone, localDate, type Clock } from './clock.js';
export { formatInZone } from './format-in-zone.js';
export { hashSeed, seededRandom, seededShuffle, seededUnit } from './seeded-random.js';
export { parseJsonBounded } from './http/bounds.js';
export { readJsonFile, writeJsonFile, type ReadJsonResult } from './fs/json-file.js';
export { genreKey } from './exclude/index.js';
export type { Logger, LogLevel } from './logging/logger.js';
export type { Http, HttpRequest, HttpResponse } from './http/http.js';
export type { AnswerCache } from './cache/answer-cache.js';
export type { LibraryIndex, SonicLookup } from './library/library-index.js';
export type { LibraryTrack, SonicNeighbour, NearestOptions, SonicPathOptions } from './library/types.js';
/** The shape of one `custom` entry of the config file, which the custom plugin turns into sources. */
export type { CustomPlaylistEntry } from './config/types.js';
