import { ERROR_CATALOGUE, type ErrorCode } from './catalogue.js';
import { ExitCode } from './exit-codes.js';

/** A code a plugin declared with defineErrorCodes (plugin-error-codes.ts); only that function makes one. */
export type PluginErrorCode = string & { readonly __declaredByAPlugin: true };

export interface HarmoniqErrorInit {
  code: ErrorCode | PluginErrorCode;
  /** One line: what is wrong. */
  message: string;
  /** How to fix it. */
  hint?: string;
  /** Retrying the same request can help (429, 5xx, network). Never true for 400/401/403. */
  retryable?: boolean;
  /** Stops the whole run (Plex unauthorised or unreachable), not only one source. */
  fatal?: boolean;
  /** The source this happened in, added by the pipeline. */
  source?: string;
  /** Several problems at once (every invalid setting): one line each, shown under the message. */
  details?: readonly string[];
  cause?: unknown;
}

/** The one error type Harmoniq raises on purpose. Anything else reaching the CLI is a bug. */
export class HarmoniqError extends Error {
  readonly code: ErrorCode | PluginErrorCode;
  readonly hint?: string;
  readonly retryable: boolean;
  readonly fatal: boolean;
  readonly details: readonly string[];
  source?: string;

  constructor(init: HarmoniqErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'HarmoniqError';
    this.code = init.code;
    this.hint = init.hint;
    this.retryable = init.retryable ?? false;
    this.fatal = init.fatal ?? false;
    this.source = init.source;
    this.details = init.details ?? [];
  }

  /** A core code's own exit code; a plugin's code always means a source failed (exit 1). */
  get exitCode(): number {
    return Object.hasOwn(ERROR_CATALOGUE, this.code) ? ERROR_CATALOGUE[this.code as ErrorCode].exitCode : ExitCode.sourceFailed;
  }

  toJSON(): { code: ErrorCode | PluginErrorCode; message: string; hint?: string; source?: string; details?: string[] } {
    return { code: this.code, message: this.message, hint: this.hint, source: this.source, ...(this.details.length ? { details: [...this.details] } : {}) };
  }
}

export function isHarmoniqError(value: unknown): value is HarmoniqError {
  return value instanceof HarmoniqError;
}

/** Wraps anything thrown into a HarmoniqError, keeping the original as the cause. */
export function toHarmoniqError(value: unknown, fallback: ErrorCode = 'EINTERNAL'): HarmoniqError {
  if (value instanceof HarmoniqError) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new HarmoniqError({ code: fallback, message, cause: value });
}

/**
 * `CODE What is wrong. How to fix it.`: how an expected error is shown to a user, on one line. An error listing
 * several problems (details) puts each on its own indented line between the message and the fix.
 */
export function describeError(e: HarmoniqError): string {
  if (e.details.length === 0) return [e.code, sentence(e.message), e.hint ? sentence(e.hint) : ''].filter(Boolean).join(' ');
  const lines = e.details.map((d) => `  ${d.trim()}`);
  return [`${e.code} ${sentence(e.message)}`, ...lines, ...(e.hint ? [`  ${sentence(e.hint)}`] : [])].join('\n');
}

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?:)]$/.test(t) ? t : `${t}.`;
}
