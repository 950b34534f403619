import { ExitCode } from './exit-codes.js';

/**
 * Every error code the core and its host report, with its exit code and a one-line meaning. A plugin's own codes
 * are declared by the plugin with defineErrorCodes (plugin-error-codes.ts), not here.
 * docs/troubleshooting.md has one section per code, the plugins' included; tests keep them in step.
 */
export const ERROR_CATALOGUE = {
  ECONFIG: { exitCode: ExitCode.usage, meaning: 'The configuration is invalid.' },
  EUSAGE: { exitCode: ExitCode.usage, meaning: 'The command line is invalid.' },
  EUNKNOWNSOURCE: { exitCode: ExitCode.usage, meaning: 'A source named on the command line does not exist.' },
  ESOURCEDISABLED: { exitCode: ExitCode.usage, meaning: 'A source named on the command line is not enabled or lacks configuration.' },
  EDATADIR: { exitCode: ExitCode.usage, meaning: 'The data directory cannot be created or written.' },
  ELOCKED: { exitCode: ExitCode.locked, meaning: 'Another Harmoniq run holds the lock.' },
  EPLEXUNREACHABLE: { exitCode: ExitCode.plex, meaning: 'The Plex server cannot be reached.' },
  EPLEXAUTH: { exitCode: ExitCode.plex, meaning: 'Plex rejected the token.' },
  EPLEXLIBRARY: { exitCode: ExitCode.usage, meaning: 'The music library named in the configuration does not exist.' },
  EPLEXREQUEST: { exitCode: ExitCode.sourceFailed, meaning: 'A Plex request failed.' },
  EPLEXTV: { exitCode: ExitCode.sourceFailed, meaning: "plex.tv could not list the household users or their server tokens." },
  EPLEXUSER: { exitCode: ExitCode.sourceFailed, meaning: "A household user's playlists cannot be written (unknown name, no share, or no music access)." },
  EPLEXRESPONSE: { exitCode: ExitCode.sourceFailed, meaning: 'Plex answered with something Harmoniq cannot read.' },
  EPLAYLISTCONFLICT: { exitCode: ExitCode.sourceFailed, meaning: 'A playlist with that title exists and Harmoniq does not manage it.' },
  EPLAYLISTSMART: { exitCode: ExitCode.sourceFailed, meaning: 'The managed playlist is a smart playlist and cannot be edited.' },
  EHTTP: { exitCode: ExitCode.sourceFailed, meaning: 'A network request failed.' },
  EREDIRECT: { exitCode: ExitCode.sourceFailed, meaning: 'A service redirected to another address; Harmoniq did not follow.' },
  ELIMIT: { exitCode: ExitCode.sourceFailed, meaning: 'An answer, listing or file crossed one of Harmoniq\'s bounds.' },
  EPLEXINCOMPLETE: { exitCode: ExitCode.sourceFailed, meaning: 'Plex sent an incomplete view; nothing that depends on it was changed.' },
  EPLUGINLOAD: { exitCode: ExitCode.usage, meaning: 'A plugin or custom module could not be loaded.' },
  EPLUGINSHAPE: { exitCode: ExitCode.usage, meaning: 'A loaded plugin does not export a valid source.' },
  EPLUGINAPI: { exitCode: ExitCode.usage, meaning: 'A plugin was written for another plugin API version.' },
  EPLUGINDUP: { exitCode: ExitCode.usage, meaning: 'Two sources have the same name, or two plugins claim one error code.' },
  ESOURCEOUTPUT: { exitCode: ExitCode.sourceFailed, meaning: 'A source returned data of the wrong shape.' },
  ESOURCE: { exitCode: ExitCode.sourceFailed, meaning: 'A source failed.' },
  ESOURCETIMEOUT: { exitCode: ExitCode.sourceFailed, meaning: 'A plugin did not finish within its time limit and was stopped.' },
  ESOURCECRASH: { exitCode: ExitCode.sourceFailed, meaning: 'A plugin ended its thread without a result (a crash, process.exit, a promise that never settles, out of memory).' },
  ESTATE: { exitCode: ExitCode.sourceFailed, meaning: 'The state file cannot be read or written.' },
  EHEALTH: { exitCode: ExitCode.sourceFailed, meaning: 'The last run failed or is too old.' },
  EABORTED: { exitCode: ExitCode.sourceFailed, meaning: 'The run was stopped before it finished.' },
  EINTERNAL: { exitCode: ExitCode.sourceFailed, meaning: 'An unexpected internal error (a bug).' },
} as const satisfies Record<string, { exitCode: number; meaning: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

export function docsLink(code: ErrorCode): string {
  return `docs/troubleshooting.md#${code.toLowerCase()}`;
}
