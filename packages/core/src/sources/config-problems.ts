/**
 * How configuration problems reach the user: one line per problem, each naming the setting (variable or file path),
 * the value given and what is allowed; all problems of a run in one ECONFIG error.
 */
import type { ConfigIssue } from '../contract.js';
import { HarmoniqError } from '../errors/harmoniq-error.js';

/**
 * `PLAYLIST_SIZE_RECS must be a whole number…`: the path once, in front, whether or not the message already has it.
 * A message that is a sentence of its own (`EPLUGINLOAD Cannot load…`) follows the path after a colon.
 */
export function issueLine(issue: ConfigIssue, source?: string): string {
  const message = issue.message.trim();
  const sentence = /^[A-Z]/.test(message);
  const text = message.startsWith(issue.path) || issue.path === '' ? message : `${issue.path}${sentence ? ':' : ''} ${message}`;
  return source !== undefined && !text.startsWith(`${source}:`) ? `${source}: ${text}` : text;
}

export interface ConfigErrorOptions {
  /** The config file the problems were found with, for the message. */
  configFile?: string;
  hint?: string;
}

const DEFAULT_HINT = "Fix the settings named above ('harmoniq sources' shows what each source needs; see docs/configuration.md).";

/** One ECONFIG for every problem: a single problem stays on the message line; several go one per line below it. */
export function configError(lines: readonly string[], options: ConfigErrorOptions = {}): HarmoniqError {
  const where = options.configFile ? ` (${options.configFile})` : '';
  const hint = options.hint ?? DEFAULT_HINT;
  if (lines.length === 1) return new HarmoniqError({ code: 'ECONFIG', message: `Invalid configuration${where}: ${lines[0]}`, hint });
  return new HarmoniqError({
    code: 'ECONFIG',
    message: `Invalid configuration${where}: ${lines.length} problems`,
    details: lines,
    hint,
  });
}
