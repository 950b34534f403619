import type { Writable } from 'node:stream';

/** Everything that touches the outside world, injected so tests can run the CLI in-process. */
export interface MainOptions {
  argv: string[];
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stdout: Writable;
  stderr: Writable;
  /** Stops a daemon or a long sync (SIGTERM/SIGINT are wired to it by bin/). */
  signal?: AbortSignal;
}
