import { Command, CommanderError } from 'commander';
import { createRedactor, isHarmoniqError, isSecretName, ExitCode } from '@harmoniq/core';
import type { MainOptions } from './io.js';
import { createRuntime, harmoniqVersion, type GlobalFlags } from './runtime.js';
import { registerCommands } from './commands/register.js';

/**
 * The CLI. Returns the exit code and never calls process.exit: bin/harmoniq.js sets process.exitCode.
 * Expected errors print one line (`CODE what is wrong. How to fix it.`); a stack only with --verbose.
 */
export async function main(io: MainOptions): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = new Command('harmoniq')
    .description('Keeps your Plex music playlists fresh from Last.fm, ListenBrainz, your own library and custom sources.')
    .version(harmoniqVersion(), '--version', 'print the version')
    .option('-c, --config <file>', 'use this config file instead of searching for one')
    .option('-v, --verbose', 'debug logging, stack traces for unexpected errors')
    .option('-q, --quiet', 'only warnings and errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => void io.stdout.write(s), writeErr: (s) => void io.stderr.write(s) });

  const runtime = () => createRuntime(io, program.opts<GlobalFlags>());
  registerCommands(program, { io, runtime, setExitCode: (code) => (exitCode = code) });

  try {
    await program.parseAsync(io.argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    return printError(error, io);
  }
}

function printError(error: unknown, io: MainOptions): number {
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
