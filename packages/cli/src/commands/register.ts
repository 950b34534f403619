import type { Command } from 'commander';
import type { MainOptions } from '../io.js';
import type { Runtime } from '../runtime.js';
import { syncCommand, type SyncFlags } from './sync.js';
import { sourcesCommand } from './sources.js';
import { configCommand } from './config.js';
import { doctorCommand } from './doctor.js';
import { demoCommand } from './demo.js';
import { matchCommand } from './match.js';
import { missingCommand } from './missing.js';

export interface CommandDeps {
  io: MainOptions;
  runtime: () => Promise<Runtime>;
  setExitCode: (code: number) => void;
}

export function registerCommands(program: Command, deps: CommandDeps): void {
  program
    .command('sync', { isDefault: true })
    .description('update the playlists of the named sources, or of every enabled source')
    .argument('[sources...]', 'source names (see `harmoniq sources`)')
    .option('--all', 'every enabled source (the default when no source is named)')
    .option('--dry-run', 'show what would change, write nothing')
    .option('--json', 'print one JSON report on stdout (logs stay on stderr)')
    .option('--explain', 'print why each track was or was not found')
    .option('--refresh-library', 'rebuild the library index even if Plex reports no change')
    .option('--adopt', 'take over an existing playlist with the same title instead of leaving it alone')
    .action(async (names: string[], flags: SyncFlags) => {
      const report = await syncCommand(await deps.runtime(), names, flags);
      deps.setExitCode(report.exitCode);
    });

  program
    .command('sources')
    .description('list every source, whether it is enabled, and what configuration it lacks')
    .option('--json', 'machine-readable output')
    .action(async (flags: { json?: boolean }) => deps.setExitCode(await sourcesCommand(await deps.runtime(), flags)));

  program
    .command('config')
    .description('print the resolved configuration, secrets redacted')
    .action(async () => deps.setExitCode(await configCommand(await deps.runtime())));

  program
    .command('doctor')
    .description('check each configured service step by step and say what to fix')
    .action(async () => deps.setExitCode(await doctorCommand(await deps.runtime())));

  program
    .command('match')
    .description('show how a track is matched against your library, with the nearest candidates')
    .argument('<artist>')
    .argument('<title>')
    .option('--album <album>', 'album, to break ties')
    .option('--refresh-library', 'rebuild the library index first')
    .action(async (artist: string, title: string, flags: { album?: string; refreshLibrary?: boolean }) =>
      deps.setExitCode(await matchCommand(await deps.runtime(), { artist, title, ...flags })),
    );

  program
    .command('missing')
    .description('list the wanted tracks that are not in your library, most wanted first')
    .option('--source <name>', 'only tracks this source wanted')
    .option('--limit <n>', 'rows to show (default 50)')
    .option('--json', 'print the whole report as JSON')
    .action(async (flags: { source?: string; json?: boolean; limit?: string }) => deps.setExitCode(await missingCommand(await deps.runtime(), flags)));

  program
    .command('demo')
    .description('try Harmoniq without a Plex server: bundled emulators, sample library, a real sync')
    .option('--json', 'print the sync report as JSON')
    .action(async (flags: { json?: boolean }) => deps.setExitCode(await demoCommand(deps.io, flags)));
}
