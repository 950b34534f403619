import type { CustomPlaylistEntry, Env } from '@harmoniq/core';
import { collectCustomSpecs } from './custom-entries.js';
import { createCustomSource, type CustomSource } from './custom-source.js';
import type { ImportModule } from './load-custom-module.js';

export { createCustomSource, isCustomSource, type CustomSource, type CustomSourceSettings } from './custom-source.js';
export { collectCustomSpecs, kebabName, type CustomSpec } from './custom-entries.js';
export { customOptionDeclarations, refineCustomOptions, isModulePath, type CustomOptions } from './custom-options.js';
export { loadCustomModule, type CustomModule, type CustomFunction, type ImportModule } from './load-custom-module.js';
export { readTrackFile, parseTrackList, trackFileFormat, type TrackFileFormat } from './track-files/read-track-file.js';
export type { TrackList } from './track-files/track-list.js';

export interface CustomSourcesInput {
  /** The config file's `custom:` list (relative paths already resolved from the file's folder). */
  entries?: readonly CustomPlaylistEntry[];
  /** The environment (numbered CUSTOM_<N>_… variables). */
  env: Env;
  /** Where relative paths from the environment resolve from. */
  cwd: string;
  /** Where bare file names from the config file resolve from (its folder); default cwd. */
  baseDir?: string;
  /** The config file, for messages. */
  configFile?: string;
  /** Imports a module given as a package name. Default: a plain import() from this package's location. */
  importModule?: ImportModule;
}

/**
 * One source per custom playlist, from the config file's `custom:` list and the numbered environment variables.
 * Nothing is loaded here: a module is imported, and a file read, only when the playlist is verified or fetched,
 * so a broken one fails alone.
 */
export function customSources(input: CustomSourcesInput): CustomSource[] {
  const importModule: ImportModule = input.importModule ?? ((specifier) => import(specifier));
  const settings = { cwd: input.cwd, baseDir: input.baseDir ?? input.cwd, configFile: input.configFile, env: input.env, importModule };
  return collectCustomSpecs(input.entries ?? [], input.env).map((spec) => createCustomSource(spec, settings));
}
