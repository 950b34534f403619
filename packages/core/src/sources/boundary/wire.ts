/**
 * What crosses the boundary between the run (main thread) and a plugin's worker thread. Only data crosses:
 * functions, sockets and class instances stay on their side, so errors travel as plain fields and are rebuilt.
 */
import { ERROR_CATALOGUE, type ErrorCode } from '../../errors/catalogue.js';
import { HarmoniqError, type PluginErrorCode } from '../../errors/harmoniq-error.js';
import type { LogLevel } from '../../logging/logger.js';

/** The context calls a plugin's worker may make; each is served by the run's own object of that name. */
export type CallMethod = 'http' | 'sonic.nearest' | 'sonic.path' | 'answers.get' | 'answers.set';

/** An error as it crosses: enough to rebuild a HarmoniqError with its code, or to describe any other throw. */
export interface WireError {
  code?: string;
  name?: string;
  message: string;
  hint?: string;
  retryable?: boolean;
  stack?: string;
}

/** Worker → run. */
export type WorkerMessage =
  | { t: 'call'; id: number; method: CallMethod; args: unknown[] }
  | { t: 'cancel'; id: number }
  | { t: 'log'; level: LogLevel; label?: string; message: string; meta?: Record<string, unknown> }
  /** The worker has loaded our own code; the plugin's time starts now. */
  | { t: 'ready' }
  | { t: 'done'; ok: true; value: unknown }
  | { t: 'done'; ok: false; error: WireError }
  /** The thread's event loop ran dry before the step finished: its promise can never settle. */
  | { t: 'stalled' }
  /** Something called process.exit() in the thread. */
  | { t: 'exited'; code: number };

/** Run → worker. */
export type RunMessage = { t: 'reply'; id: number; ok: true; value: unknown } | { t: 'reply'; id: number; ok: false; error: WireError };

export function toWire(error: unknown): WireError {
  if (error instanceof Error) {
    // By shape, not class: a plugin may raise a HarmoniqError from its own copy of @harmoniq/core.
    const { code, hint, retryable } = error as Error & { code?: unknown; hint?: unknown; retryable?: unknown };
    return {
      ...(typeof code === 'string' ? { code } : {}),
      name: error.name,
      message: error.message,
      ...(typeof hint === 'string' ? { hint } : {}),
      ...(typeof retryable === 'boolean' ? { retryable } : {}),
      ...(error.stack ? { stack: error.stack } : {}),
    };
  }
  return { message: safeString(error) };
}

/**
 * Rebuilds an error on the other side. A code the core knows, or one the source declared (`errorCodes`, passed as
 * `declared`), is kept (a plugin may catch EHTTP from a request, or raise its own code); anything else arrives as a
 * plain Error, which the step wrapper tags as ESOURCE, as it tags any other throw. A plugin never sets `fatal`:
 * only the run's own Plex errors stop a run.
 */
export function fromWire(wire: WireError, declared?: Readonly<Record<string, string>>): Error {
  const code = wire.code;
  const known = code !== undefined && (Object.hasOwn(ERROR_CATALOGUE, code) || (declared !== undefined && Object.hasOwn(declared, code)));
  const error = known
    ? new HarmoniqError({ code: code as ErrorCode | PluginErrorCode, message: wire.message, ...(wire.hint ? { hint: wire.hint } : {}), retryable: wire.retryable ?? false })
    : Object.assign(new Error(wire.message), wire.name ? { name: wire.name } : {});
  if (wire.stack) error.stack = wire.stack;
  return error;
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return 'a value that cannot be shown';
  }
}
