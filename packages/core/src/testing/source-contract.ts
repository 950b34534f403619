import type { Env, PlaylistSource, SourceContext } from '../contract.js';
import { validateDrafts } from '../pipeline/validate-drafts.js';

export interface ContractOptions {
  /** A config section this source accepts. */
  validRaw?: unknown;
  /** The environment for validRaw (credentials etc.). */
  env?: Env;
  /** When given, fetch() is called with the valid options and its output checked. */
  context?: SourceContext;
}

const GARBAGE: unknown[] = [undefined, null, 42, 'text', [], { unknownOption: true }, { size: 'many' }];

/**
 * The plugin contract every source must honour, as a list of violations (empty = passes), so it works
 * with any test runner: `expect(await checkSourceContract(mySource, {...})).toEqual([])`.
 */
export async function checkSourceContract(source: PlaylistSource<unknown>, options: ContractOptions = {}): Promise<string[]> {
  const problems: string[] = [];
  const s = source as Partial<PlaylistSource<unknown>>;
  if (s.apiVersion !== 1) problems.push(`apiVersion must be 1, got ${String(s.apiVersion)}`);
  if (typeof s.name !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(s.name)) problems.push(`name must be kebab-case, got ${JSON.stringify(s.name)}`);
  if (typeof s.description !== 'string' || !s.description.trim() || s.description.includes('\n')) problems.push('description must be one non-empty line');
  if (!s.defaults || typeof s.defaults.playlist !== 'string' || !s.defaults.playlist.trim()) problems.push('defaults.playlist must be a non-empty string');
  if (!s.defaults || !Number.isInteger(s.defaults.size) || s.defaults.size < 1 || s.defaults.size > 1000) problems.push('defaults.size must be a whole number from 1 to 1000');
  if (typeof s.parseOptions !== 'function') problems.push('parseOptions must be a function');
  if (typeof s.fetch !== 'function') problems.push('fetch must be a function');
  if (s.verify !== undefined && typeof s.verify !== 'function') problems.push('verify, when present, must be a function');
  if (problems.length) return problems;

  for (const raw of GARBAGE) {
    try {
      const result = source.parseOptions(raw, options.env ?? {});
      if (!result || typeof result !== 'object' || typeof result.ok !== 'boolean') problems.push(`parseOptions(${JSON.stringify(raw)}) must return { ok, … }`);
      else if (!result.ok && (!Array.isArray(result.errors) || !result.errors.every((e) => typeof e.path === 'string' && typeof e.message === 'string'))) {
        problems.push(`parseOptions(${JSON.stringify(raw)}) errors must be [{ path, message }]`);
      }
    } catch (error) {
      problems.push(`parseOptions(${JSON.stringify(raw)}) threw: ${(error as Error).message}`);
    }
  }
  if (options.validRaw === undefined && options.env === undefined) return problems;
  const parsed = source.parseOptions(options.validRaw ?? {}, options.env ?? {});
  if (!parsed.ok) {
    problems.push(`parseOptions rejected the valid options: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    return problems;
  }
  if (options.context) {
    try {
      validateDrafts(source.name, await source.fetch(parsed.value, options.context));
    } catch (error) {
      problems.push(`fetch: ${(error as Error).message}`);
    }
  }
  return problems;
}
