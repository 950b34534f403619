/**
 * The last line of defence for code that still runs in the run's own thread: a plugin's top-level code and its
 * parseOptions (everything a plugin does in verify and fetch runs behind the boundary, ADR 0018), or a bug of
 * ours. An error that escapes every promise, or an end of the process before the command finished
 * (`process.exit(0)`, a promise that can never settle), becomes one redacted line and exit 1: never a raw stack
 * trace with a secret in it, never a false exit 0.
 */
// Not the pipeline entry: the guard runs before every command, `--help` included, which must stay quick.
import { createRedactor, isSecretName, neutraliseControls, type Redactor } from '@harmoniq/core/redact';

let redactor: Redactor | undefined;

/** The run's redactor, once it knows the secrets of the config file too (runtime.ts). */
export function guardWithRedactor(r: Redactor): void {
  redactor = r;
}

export interface ProcessGuard {
  /** The command finished with this exit code: an exit from now on is the normal one. */
  finished(): void;
}

const FIX = 'If a plugin or custom module is configured, it is the likely cause (its top-level code or parseOptions): remove it and run again, or report the bug.';

export function guardProcess(env: NodeJS.ProcessEnv, stderr: NodeJS.WritableStream): ProcessGuard {
  const fromEnv = createRedactor(Object.entries(env).filter(([k]) => isSecretName(k)).map(([, v]) => v));
  const redact = (text: string) => neutraliseControls(fromEnv.redact(redactor ? redactor.redact(text) : text));
  let done = false;
  const fail = (what: string) => {
    try {
      stderr.write(`EINTERNAL ${redact(what)} ${FIX}\n`);
    } catch {
      // stderr is gone: the exit code still tells.
    }
  };
  const escaped = (error: unknown) => {
    const text = error instanceof Error ? `${error.name && error.name !== 'Error' ? `${error.name}: ` : ''}${error.message}` : String(error);
    fail(`An error escaped outside any promise and stopped Harmoniq: ${text}.`);
    // Node's own handling would print the raw stack; the state of the run is unknown, so it ends here.
    process.exit(1);
  };
  process.on('uncaughtException', escaped);
  process.on('unhandledRejection', escaped);
  process.on('exit', (code) => {
    if (done || code !== 0) return;
    fail('Harmoniq ended before the command finished (something called process.exit(), or left nothing to wait for but a promise that can never settle); nothing was reported.');
    process.exitCode = 1;
  });
  return {
    finished: () => {
      done = true;
    },
  };
}
