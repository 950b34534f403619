import { Command, CommanderError } from 'commander';
import { survivePipeClose, type MainOptions } from './io.js';
import { registerCommands } from './commands/register.js';
import { harmoniqVersion } from './version.js';
import type { RuntimeOptions } from './runtime.js';

/** Exit codes (docs/cli.md); the full set lives in @harmoniq/core, which --help must not have to load. */
const EXIT_OK = 0;
const EXIT_USAGE = 2;

/**
 * The CLI. Returns the exit code and never calls process.exit: bin/harmoniq.js sets process.exitCode.
 * Expected errors print one line (`CODE what is wrong. How to fix it.`); a stack only with --verbose.
 * Commands and plugins are imported when they run, so `harmoniq --help` loads little more than commander.
 */
export async function main(options: MainOptions): Promise<number> {
  const io = survivePipeClose(options);
  let exitCode = EXIT_OK;
  const program = new Command('harmoniq')
    .description('Keeps your Plex music playlists fresh from Last.fm, ListenBrainz, your own library and custom sources.')
    .version(harmoniqVersion(), '--version', 'print the version')
    .option('-c, --config <file>', 'use this config file instead of searching for one')
    .option('-v, --verbose', 'debug logging, stack traces for unexpected errors')
    .option('-q, --quiet', 'only warnings and errors')
    .option('--log-level <level>', 'error, warn, info or debug (overrides LOG_LEVEL)')
    .option('--log-format <format>', 'human or json (overrides LOG_FORMAT)')
    .option('--data-dir <dir>', 'data directory (overrides HARMONIQ_DATA_DIR)')
    .option('--update-mode <mode>', 'replace or append (overrides PLAYLIST_UPDATE_MODE)')
    .addHelpText(
      'after',
      [
        '',
        'With no command, harmoniq runs `sync`: `harmoniq` alone updates every enabled',
        'source (what `npx harmoniq` in CI expects); `harmoniq lastfm-charts` only that',
        'one. A first word that is neither a command nor a source is a usage error.',
        '',
        'Exit codes: 0 ok, 1 a source failed, 2 configuration or usage error,',
        '3 Plex unreachable or unauthorised, 4 another run holds the lock.',
        '',
      ].join('\n'),
    )
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => void io.stdout.write(s), writeErr: (s) => void io.stderr.write(s) });

  const runtime = async (options?: RuntimeOptions) => (await import('./runtime.js')).createRuntime(io, program.opts(), options);
  registerCommands(program, { io, runtime, setExitCode: (code) => (exitCode = code), main });

  try {
    await program.parseAsync(io.argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    return (await import('./print-error.js')).printError(error, io);
  }
}
