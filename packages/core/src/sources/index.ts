export { resolveSourceStatuses, selectSources, type SourceStatus, type SourceResolution, type SelectOptions } from './resolve-sources.js';
export { configError, issueLine, type ConfigErrorOptions } from './config-problems.js';
