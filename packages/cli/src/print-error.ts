import { createRedactor, ExitCode, isHarmoniqError, isSecretName } from '@harmoniq/core';
import type { MainOptions } from './io.js';

/** One line for an expected error (`harmoniq: CODE message hint`); a stack only with --verbose or LOG_LEVEL=debug. */
export function printError(error: unknown, io: MainOptions): number {
  const redactor = createRedactor(Object.entries(io.env).filter(([k]) => isSecretName(k)).map(([, v]) => v));
  const verbose = io.argv.includes('-v') || io.argv.includes('--verbose') || io.env.LOG_LEVEL === 'debug';
  if (isHarmoniqError(error)) {
    io.stderr.write(`${redactor.redact(`harmoniq: ${error.code} ${error.message}${error.hint ? ` ${error.hint}` : ''}`)}\n`);
    if (verbose && error.stack) io.stderr.write(`${redactor.redact(error.stack)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`${redactor.redact(`harmoniq: EINTERNAL Unexpected error: ${message}. This is a bug; run with --verbose and report it.`)}\n`);
  if (verbose && error instanceof Error && error.stack) io.stderr.write(`${redactor.redact(error.stack)}\n`);
  return ExitCode.sourceFailed;
}
