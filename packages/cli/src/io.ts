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

const guarded = new WeakSet<Writable>();

/**
 * `harmoniq missing | head -3`: once the reader goes away, a write fails with EPIPE, which Node raises as an
 * unhandled 'error' event (a stack trace and exit 1). A closed reader is not an error of ours: later output is
 * dropped silently and the command finishes with its own exit code, as `git log | head` does.
 */
export function survivePipeClose(io: MainOptions): MainOptions {
  for (const stream of [io.stdout, io.stderr]) {
    if (guarded.has(stream)) continue;
    guarded.add(stream);
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    });
  }
  return io;
}
