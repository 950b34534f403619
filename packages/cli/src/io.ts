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

export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** stdout is a terminal: colours, progress, tables. */
  tty: boolean;
}

export function createOutput(options: MainOptions): Output {
  return {
    out: (text) => options.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => options.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    tty: Boolean((options.stderr as { isTTY?: boolean }).isTTY),
  };
}
