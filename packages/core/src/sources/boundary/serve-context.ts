/**
 * The run's side of a worker's context calls: each is answered by the run's own object (its HTTP chokepoint with
 * the origin guard, bounds and redaction; the library's sonic lookup; the answer cache), never by anything the
 * plugin could reach around.
 */
import type { SourceContext } from '../../contract.js';
import type { HttpRequest } from '../../http/http.js';
import type { LogLevel } from '../../logging/logger.js';
import type { CallMethod } from './wire.js';

const LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];

export async function serveCall(ctx: SourceContext, method: CallMethod, args: unknown[], signal: AbortSignal): Promise<unknown> {
  switch (method) {
    case 'http': {
      const req = args[0] as HttpRequest;
      // A body arrives as a Uint8Array (Buffers lose their class on the way).
      const body = req.body instanceof Uint8Array && !Buffer.isBuffer(req.body) ? Buffer.from(req.body) : req.body;
      return ctx.http.request({ ...req, ...(body !== undefined ? { body } : {}), signal: AbortSignal.any([signal, ctx.signal]) });
    }
    case 'sonic.nearest':
      return need(ctx.library.sonic, 'sonic lookups').nearest(args[0] as string, args[1] as never);
    case 'sonic.path':
      return need(ctx.library.sonic, 'sonic lookups').path(args[0] as string, args[1] as string, args[2] as never);
    case 'answers.get':
      return need(ctx.answers, 'the answer cache').get(args[0] as string, (v): v is unknown => true);
    case 'answers.set':
      return need(ctx.answers, 'the answer cache').set(args[0] as string, args[1], args[2] as number);
    default:
      return Promise.reject(new Error(`unknown context call '${String(method)}'`));
  }
}

/** A log line of the plugin, through the run's logger (so through its redaction and control-character escaping). */
export function relayLog(ctx: SourceContext, level: unknown, label: unknown, message: unknown, meta: unknown): void {
  const lvl = LEVELS.includes(level as LogLevel) ? (level as LogLevel) : 'info';
  const logger = typeof label === 'string' && label !== '' ? ctx.logger.child(label) : ctx.logger;
  logger[lvl](String(message), meta && typeof meta === 'object' ? (meta as Record<string, unknown>) : undefined);
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`this run offers no ${what}`);
  return value;
}
