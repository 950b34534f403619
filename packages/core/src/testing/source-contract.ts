import type { Env, PlaylistDraft, PlaylistSource, SourceContext } from '../contract.js';
import { validateDrafts } from '../pipeline/validate-drafts.js';
import { sourceShapeProblems } from '../sources/source-shape.js';
import { ERROR_CATALOGUE } from '../errors/catalogue.js';
import { HarmoniqError } from '../errors/harmoniq-error.js';

export interface ContractOptions {
  /** A config section (`sources.<name>` without the common keys) this source accepts. */
  validRaw?: unknown;
  /** The environment for validRaw (credentials etc.). */
  env?: Env;
  /**
   * When given, the source runs: verify() (when it has one and `verify` is not false) and fetch() are called with
   * the valid options, and fetch's output is checked the way the core checks it.
   */
  context?: SourceContext;
  /** Call verify() too (default true when a context is given). */
  verify?: boolean;
}

/** Inputs a user can put in a config file by mistake; parseOptions must answer each without throwing. */
const GARBAGE: unknown[] = [undefined, null, 42, 'text', [], { unknownOption: true }, { size: 'many' }, { nested: { deep: [1, 2] } }];

/**
 * The plugin contract every source must honour, as a list of violations (empty = passes), so it works
 * with any test runner: `expect(await checkSourceContract(mySource, {...})).toEqual([])`.
 *
 * Checked: the shape (apiVersion, kebab-case name, one-line description, defaults, env names, functions);
 * parseOptions never throws and reports problems as [{ path, message }]; it accepts `validRaw`/`env`; with a
 * `context`, verify() resolves, fetch() returns valid drafts, every `ids.plexRatingKey` names a track of
 * `context.library`, nextChange() (if any) returns a later instant or undefined, and an error verify() or fetch()
 * raises has a code the core or the source's `errorCodes` declares.
 */
export async function checkSourceContract(source: PlaylistSource<unknown>, options: ContractOptions = {}): Promise<string[]> {
  const problems = sourceShapeProblems(source);
  if (problems.length) return problems;

  for (const raw of GARBAGE) {
    try {
      const result = source.parseOptions(raw, options.env ?? {});
      if (!result || typeof result !== 'object' || typeof result.ok !== 'boolean') problems.push(`parseOptions(${JSON.stringify(raw)}) must return { ok, … }`);
      else if (!result.ok && (!Array.isArray(result.errors) || !result.errors.every((e) => typeof e.path === 'string' && typeof e.message === 'string'))) {
        problems.push(`parseOptions(${JSON.stringify(raw)}) errors must be [{ path, message }]`);
      } else if (!result.ok && result.errors.length === 0) problems.push(`parseOptions(${JSON.stringify(raw)}) failed without saying why`);
    } catch (error) {
      problems.push(`parseOptions(${JSON.stringify(raw)}) threw: ${(error as Error).message}`);
    }
  }
  if (options.validRaw === undefined && options.env === undefined && options.context === undefined) return problems;
  let parsed;
  try {
    parsed = source.parseOptions(options.validRaw ?? {}, options.env ?? {});
  } catch (error) {
    return [...problems, `parseOptions threw on the valid options: ${(error as Error).message}`];
  }
  if (!parsed.ok) {
    problems.push(`parseOptions rejected the valid options: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    return problems;
  }
  const ctx = options.context;
  if (!ctx) return problems;
  if (source.verify && options.verify !== false) {
    try {
      await source.verify(parsed.value, ctx);
    } catch (error) {
      problems.push(`verify: ${(error as Error).message}`, ...undeclaredCode(source, 'verify', error));
    }
  }
  try {
    problems.push(...unknownRatingKeys(validateDrafts(source.name, await source.fetch(parsed.value, ctx)), ctx));
  } catch (error) {
    problems.push(`fetch: ${(error as Error).message}`, ...undeclaredCode(source, 'fetch', error));
  }
  if (source.nextChange) {
    const now = ctx.clock.now();
    try {
      const next = source.nextChange(parsed.value, now, ctx.clock.zone);
      if (next !== undefined && (!(next instanceof Date) || Number.isNaN(next.getTime()) || next.getTime() <= now.getTime())) {
        problems.push(`nextChange must return a Date after now (${now.toISOString()}) or undefined, got ${String(next)}`);
      }
    } catch (error) {
      problems.push(`nextChange threw: ${(error as Error).message}`);
    }
  }
  return problems;
}

/** A rating key the library does not have would be skipped by the core: the source picked from the wrong place. */
function unknownRatingKeys(drafts: PlaylistDraft[], ctx: SourceContext): string[] {
  const problems: string[] = [];
  for (const d of drafts) {
    const unknown = [...d.tracks, ...(d.reserve ?? [])].map((t) => t.ids?.plexRatingKey).filter((k): k is string => k !== undefined && !ctx.library.byRatingKey(k));
    if (unknown.length) problems.push(`fetch: draft '${d.key}' names ${unknown.length} ids.plexRatingKey not in the library (e.g. '${unknown[0]}')`);
  }
  return problems;
}

/** A code neither the core nor the source declares has no meaning, exit code or troubleshooting section. */
function undeclaredCode(source: PlaylistSource<unknown>, step: string, error: unknown): string[] {
  if (!(error instanceof HarmoniqError) || Object.hasOwn(ERROR_CATALOGUE, error.code)) return [];
  if (source.errorCodes && Object.hasOwn(source.errorCodes.meanings, error.code)) return [];
  return [`${step} raised the error code ${error.code}, which neither the core nor the source's errorCodes declare (defineErrorCodes)`];
}
