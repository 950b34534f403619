import type { Command } from 'commander';
import type { MainOptions } from '../io.js';
import type { Runtime, RuntimeOptions } from '../runtime.js';
import type { SyncFlags } from './sync.js';

export interface CommandDeps {
  io: MainOptions;
  runtime: (options?: RuntimeOptions) => Promise<Runtime>;
  setExitCode: (code: number) => void;
  /** The CLI itself, for `demo`'s in-process `harmoniq sync` (passed in: importing main would be a circle). */
  main: (options: MainOptions) => Promise<number>;
}

export function registerCommands(program: Command, deps: CommandDeps): void {
  program
    .command('sync', { isDefault: true })
    .description('update the playlists of the named sources, or of every enabled source (the default command)')
    .argument('[sources...]', 'source names (see `harmoniq sources`)')
    .option('--all', 'every enabled source (the default when no source is named)')
    .option('--dry-run', 'show what would change (on stdout, and in --json), write nothing')
    .option('--json', 'print one JSON report on stdout (logs stay on stderr)')
    .option('--explain', 'print why each track was or was not found')
    .option('--refresh-library', 'rebuild the library index even if Plex reports no change')
    .option('--refresh-sources', 'ask the services again instead of using cached answers (similar artists, recording names)')
    .option('--adopt', 'take over an existing playlist with the same title instead of leaving it alone')
    .option('--wait <seconds>', 'wait this long for another run to finish (default 120)')
    .action(async (names: string[], flags: SyncFlags) => {
      await assertAllOrNames(names, flags);
      const rt = await deps.runtime();
      const report = await (await import('./sync.js')).syncCommand(rt, names, flags).catch(async (error: unknown) => {
        throw await (await import('./unknown-word.js')).explainUnknownWord(error, rt, names, { program, argv: deps.io.argv });
      });
      deps.setExitCode(report.exitCode);
    });

  program
    .command('sources')
    .description('list every source, whether it is enabled, and what configuration it lacks')
    .option('--json', 'machine-readable output')
    .action(async (flags: { json?: boolean }) => deps.setExitCode(await (await import('./sources.js')).sourcesCommand(await deps.runtime(), flags)));

  program
    .command('config')
    .description('print the resolved configuration, secrets redacted')
    .option('--schema', "print the config file's JSON Schema instead (every loaded source), for editor completion")
    .action(async (flags: { schema?: boolean }) => deps.setExitCode(await (await import('./config.js')).configCommand(await deps.runtime({ allowConfigProblems: true }), flags)));

  program
    .command('doctor')
    .description('check each configured service step by step and say what to fix')
    .action(async () => deps.setExitCode(await (await import('./doctor.js')).doctorCommand(await deps.runtime())));

  program
    .command('match')
    .description('show how a track is matched against your library, with the nearest candidates')
    .argument('<artist>')
    .argument('<title>')
    .option('--album <album>', 'album, to break ties')
    .option('--refresh-library', 'rebuild the library index first')
    .action(async (artist: string, title: string, flags: { album?: string; refreshLibrary?: boolean }) =>
      deps.setExitCode(await (await import('./match.js')).matchCommand(await deps.runtime(), { artist, title, ...flags })),
    );

  program
    .command('missing')
    .description('list the wanted tracks that are not in your library, most wanted first')
    .option('--source <name>', 'only tracks this source wanted')
    .option('--user <name>', "only tracks wanted for this household user's playlists ('owner' for yours)")
    .option('--limit <n>', 'rows to show (default 50)')
    .option('--json', 'print the whole report as JSON')
    .action(async (flags: { source?: string; user?: string; json?: boolean; limit?: string }) => deps.setExitCode(await (await import('./missing.js')).missingCommand(await deps.runtime(), flags)));

  program
    .command('history')
    .description('list what each recorded run did: playlists changed, tracks found and missed, failures')
    .option('--source <name>', 'only runs of this source')
    .option('--limit <n>', 'runs to show (default 20)')
    .option('--json', 'print the recorded runs as JSON')
    .action(async (flags: { source?: string; json?: boolean; limit?: string }) => deps.setExitCode(await (await import('./history.js')).historyCommand(await deps.runtime(), flags)));

  program
    .command('report')
    .description('write one self-contained HTML page: playlists, recent changes, missing tracks, source health')
    .option('--html', 'HTML output (the only format)')
    .option('--out <file>', 'write the page to this file instead of stdout')
    .action(async (flags: { html?: boolean; out?: string }) => deps.setExitCode(await (await import('./report.js')).reportCommand(await deps.runtime(), flags)));

  program
    .command('daemon')
    .description('run on a schedule (RUN_INTERVAL_MINUTES or SCHEDULE_CRON) until stopped; for Docker')
    .option('--shutdown-seconds <n>', 'on SIGTERM, let the current run finish for at most this long (default 30)')
    .action(async (flags: { shutdownSeconds?: string }) => deps.setExitCode(await (await import('./daemon.js')).daemonCommand(await deps.runtime(), flags)));

  program
    .command('health')
    .description('exit 0 when the last run succeeded recently enough (for Docker HEALTHCHECK); reads no network')
    .option('--max-age <minutes>', 'how old the last successful run may be (default: twice the interval plus 10 min, or a day)')
    .action(async (flags: { maxAge?: string }) => deps.setExitCode(await (await import('./health.js')).healthCommand(await deps.runtime(), flags)));

  const dailyFlow = program.command('daily-flow').description('Daily Flow helpers');
  dailyFlow
    .command('windows')
    .description('print the parsed time windows, the active one now, and when the playlist changes next')
    .action(async () => deps.setExitCode(await (await import('./daily-flow.js')).dailyFlowWindowsCommand(await deps.runtime())));

  program
    .command('demo')
    .description('try Harmoniq without a Plex server: bundled emulators, sample library, a real sync')
    .option('--json', 'print the sync report as JSON')
    .option('--serve', 'keep the emulators running and print the environment to point harmoniq at them (a playground)')
    .action(async (flags: { json?: boolean; serve?: boolean }) => deps.setExitCode(await (await import('./demo.js')).demoCommand(deps.io, flags, deps.main)));
}

/** `--all` means every enabled source; with names as well, one of the two would be ignored. */
async function assertAllOrNames(names: string[], flags: SyncFlags): Promise<void> {
  if (flags.all && names.length) {
    const { HarmoniqError } = await import('@harmoniq/core');
    throw new HarmoniqError({
      code: 'EUSAGE',
      message: `--all and source names (${names.join(', ')}) exclude each other`,
      hint: `Use 'harmoniq sync --all' for every enabled source, or 'harmoniq sync ${names.join(' ')}' for only ${names.length > 1 ? 'those' : 'that one'}.`,
    });
  }
}
