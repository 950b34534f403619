import { ExitCode, isHarmoniqError } from '@harmoniq/core';
import { createRedactor, describeError, isSecretName } from '@harmoniq/core/pipeline';
import type { MainOptions } from './io.js';

/** One line for an expected error (`harmoniq: CODE message hint`); a stack only with --verbose or LOG_LEVEL=debug. */
export function printError(error: unknown, io: MainOptions): number {
  const redactor = createRedactor(Object.entries(io.env).filter(([k]) => isSecretName(k)).map(([, v]) => v));
  const verbose = io.argv.includes('-v') || io.argv.includes('--verbose') || io.env.LOG_LEVEL === 'debug';
  if (isHarmoniqError(error)) {
    // LOG_FORMAT=json: a log collector reads stderr one JSON object per line, the final error included.
    if (wantsJson(io)) {
      io.stderr.write(`${JSON.stringify({ level: 'error', code: error.code, message: redactor.redact(error.message), ...(error.details.length ? { details: error.details.map((d) => redactor.redact(d)) } : {}), ...(error.hint ? { hint: redactor.redact(error.hint) } : {}) })}\n`);
      return error.exitCode;
    }
    io.stderr.write(`${redactor.redact(`harmoniq: ${describeError(error)}`)}\n`);
    if (verbose && error.stack) io.stderr.write(`${redactor.redact(error.stack)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`${redactor.redact(`harmoniq: EINTERNAL Unexpected error: ${message}. This is a bug; run with --verbose and report it.`)}\n`);
  if (verbose && error instanceof Error && error.stack) io.stderr.write(`${redactor.redact(error.stack)}\n`);
  return ExitCode.sourceFailed;
}

function wantsJson(io: MainOptions): boolean {
  const i = io.argv.indexOf('--log-format');
  const flag = i >= 0 ? io.argv[i + 1] : io.argv.find((a) => a.startsWith('--log-format='))?.slice('--log-format='.length);
  return (flag ?? io.env.LOG_FORMAT)?.trim().toLowerCase() === 'json';
}
