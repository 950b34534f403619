/** Process exit codes: documented in docs/cli.md and docs/troubleshooting.md. */
export const ExitCode = {
  ok: 0,
  sourceFailed: 1,
  usage: 2,
  plex: 3,
  locked: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
