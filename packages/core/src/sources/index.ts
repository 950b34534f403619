export { resolveSourceStatuses, selectSources, optionEnvNames, type SourceStatus, type SourceResolution, type SelectOptions } from './resolve-sources.js';
export { configError, issueLine, type ConfigErrorOptions } from './config-problems.js';
export { option, type OptionSpec, type OptionKind, type OptionDeclarations, type OptionValues } from './declare-options.js';
export { readDeclaredOptions, sectionKeys, type OptionInput, type RefineContext, type RefineOptions } from './read-options.js';
export { configJsonSchema, optionHelp, type OptionHelp } from './options-schema.js';
export { createSourceContext, type SourceContextInput } from './source-context.js';
export { verifySource } from './run-steps.js';
export { sourceShapeProblems } from './source-shape.js';
