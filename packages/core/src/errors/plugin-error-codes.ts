import { ERROR_CATALOGUE, type ErrorCode } from './catalogue.js';
import { HarmoniqError, type HarmoniqErrorInit, type PluginErrorCode } from './harmoniq-error.js';

/**
 * A plugin's own error codes (`EMYRADIOKEY`…): the plugin declares them with a one-line meaning each and raises
 * them through `error()`, so the core names no plugin and a code is typed where it is raised. A source registers
 * them as `errorCodes` on the contract; the host refuses two plugins claiming one code. A plugin's error always
 * means "a source failed" (exit 1): problems with settings are the core's ECONFIG, and stopping the whole run
 * (`fatal`) is the core's decision for Plex. docs/troubleshooting.md has a section per code, as for the core's.
 */
export interface ErrorCodes<K extends string = string> {
  /** Each code with its one-line meaning, in the order declared. */
  readonly meanings: Readonly<Record<K, string>>;
  /** A HarmoniqError with one of these codes. */
  error(init: Omit<HarmoniqErrorInit, 'code'> & { code: K }): HarmoniqError;
}

const CODE_SHAPE = /^E[A-Z][A-Z0-9]*$/;

/** What is wrong with one declared code and its meaning (empty: nothing); shared by defineErrorCodes and the shape check. */
export function errorCodeProblems(code: string, meaning: unknown): string[] {
  const problems: string[] = [];
  if (!CODE_SHAPE.test(code)) problems.push(`error code '${code}' must be E followed by capital letters or digits (EMYRADIOKEY)`);
  if (Object.hasOwn(ERROR_CATALOGUE, code)) problems.push(`error code '${code}' is the core's (${ERROR_CATALOGUE[code as ErrorCode].meaning}); choose one prefixed with the plugin's name`);
  if (typeof meaning !== 'string' || !meaning.trim() || meaning.includes('\n')) problems.push(`error code '${code}' needs a one-line meaning`);
  return problems;
}

export function defineErrorCodes<K extends string>(meanings: Readonly<Record<K, string>>): ErrorCodes<K> {
  // Programming errors, caught the first time the plugin is imported (by its own tests).
  const problems = Object.entries(meanings).flatMap(([code, meaning]) => errorCodeProblems(code, meaning));
  if (problems.length) throw new Error(`defineErrorCodes: ${problems.join('; ')}.`);
  return {
    meanings,
    error: ({ code, ...rest }) => new HarmoniqError({ ...rest, code: code as string as PluginErrorCode }),
  };
}

/** One plugin code as the host knows it: its meaning and the first source that declared it. */
export interface RegisteredErrorCode {
  code: string;
  meaning: string;
  source: string;
}

/** One code declared twice with different meanings: the source that declared it first, and the other. */
export interface ErrorCodeClash {
  code: string;
  first: string;
  second: string;
}

/**
 * Every plugin code the given sources register, in order. Sources sharing one declaration (several sources over one client)
 * register a code once; two declarations giving one code different meanings (a plugin claiming another's code) are
 * `clashes`.
 */
export function registeredErrorCodes(sources: readonly { name: string; errorCodes?: ErrorCodes }[]): { codes: RegisteredErrorCode[]; clashes: ErrorCodeClash[] } {
  const byCode = new Map<string, { entry: RegisteredErrorCode; owner: ErrorCodes }>();
  const clashes: ErrorCodeClash[] = [];
  for (const source of sources) {
    if (!source.errorCodes) continue;
    for (const [code, meaning] of Object.entries<string>(source.errorCodes.meanings)) {
      const prior = byCode.get(code);
      if (!prior) byCode.set(code, { entry: { code, meaning, source: source.name }, owner: source.errorCodes });
      else if (prior.owner !== source.errorCodes && prior.entry.meaning !== meaning) clashes.push({ code, first: prior.entry.source, second: source.name });
    }
  }
  return { codes: [...byCode.values()].map((v) => v.entry), clashes };
}
