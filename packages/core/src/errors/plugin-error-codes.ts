import { ERROR_CATALOGUE, type ErrorCode } from './catalogue.js';
import { HarmoniqError, type HarmoniqErrorInit, type PluginErrorCode } from './harmoniq-error.js';

/**
 * A plugin's own error codes (`ELASTFMKEY`, `ELB`…): the plugin declares them with a one-line meaning each and raises
 * them through `error()`, so the core names no plugin and a code is typed where it is raised. A plugin's error always
 * means "a source failed" (exit 1): problems with settings are the core's ECONFIG, and stopping the whole run
 * (`fatal`) is the core's decision for Plex. docs/troubleshooting.md has a section per code, as for the core's.
 */
export interface ErrorCodes<K extends string> {
  /** Each code with its one-line meaning, in the order declared. */
  readonly meanings: Readonly<Record<K, string>>;
  /** A HarmoniqError with one of these codes. */
  error(init: Omit<HarmoniqErrorInit, 'code'> & { code: K }): HarmoniqError;
}

const CODE_SHAPE = /^E[A-Z][A-Z0-9]*$/;

export function defineErrorCodes<K extends string>(meanings: Readonly<Record<K, string>>): ErrorCodes<K> {
  for (const code of Object.keys(meanings)) {
    // Programming errors, caught the first time the plugin is imported (by its own tests).
    if (!CODE_SHAPE.test(code)) throw new Error(`Error code '${code}' must be E followed by capital letters or digits.`);
    if (Object.hasOwn(ERROR_CATALOGUE, code)) throw new Error(`Error code '${code}' is the core's (${ERROR_CATALOGUE[code as ErrorCode].meaning}); choose a prefixed one.`);
  }
  return {
    meanings,
    error: ({ code, ...rest }) => new HarmoniqError({ ...rest, code: code as string as PluginErrorCode }),
  };
}
