export * from './types.js';
export { loadConfig, foldServiceSettings } from './load-config.js';
export { resolveCommonOptions, resolveEnabled, sourceRawOptions, parsePlaylistTitle, type CommonOptionFlags } from './common-options.js';
export { redactConfig, isSecretKey, type RedactConfigOptions, type Sourced } from './redact-config.js';
export { configJsonSchema, configFileSchema, COMMON_SOURCE_KEYS, LIMITS, type ConfigFile } from './schema.js';
export { defaultDataDir } from './data-dir.js';
export { ENV_NAMES, FOLDED_ENV } from './env-names.js';
export { CONFIG_SEARCH_PLACES } from './read-config-file.js';
export { parseBoolean, parseWholeNumber, parseHttpUrl, parseEnum, parseZone, parseList, type Parsed } from './values.js';
