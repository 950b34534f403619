/**
 * The SourceContext a plugin sees inside its worker: the same fields as in-process, each one a proxy to the run's
 * own object over the worker's port (http, logger, sonic, answers) or a local copy of plain data (library tracks,
 * clock, common options). The port keeps the worker alive only while the run owes it an answer, so a plugin
 * that waits on nothing at all (a promise that can never settle) ends its thread instead of hanging the run.
 */
import type { MessagePort } from 'node:worker_threads';
import pLimit from 'p-limit';
import { createSharedRegistry, type CommonSourceOptions, type SourceContext } from '../../contract.js';
import type { AnswerCache } from '../../cache/answer-cache.js';
import type { HttpRequest, HttpResponse } from '../../http/http.js';
import { createLibraryIndex, type SonicLookup } from '../../library/library-index.js';
import type { LibraryTrack } from '../../library/types.js';
import type { Logger, LogLevel } from '../../logging/logger.js';
import { fromWire, type CallMethod, type RunMessage, type WorkerMessage } from './wire.js';

/** What the run tells a worker about its context: plain data only. */
export interface ContextInit {
  zone: string;
  /** The run clock's offset from this machine's clock (a rehearsal's accelerated or fixed time), in ms. */
  clockOffsetMs: number;
  dataDir: string;
  dryRun: boolean;
  common: CommonSourceOptions;
  debug: boolean;
  hasSonic: boolean;
  hasAnswers: boolean;
  /** The library's tracks as UTF-8 JSON, shared by every worker of the run (parsed on first use). */
  library: SharedArrayBuffer;
}

export interface WorkerLink {
  call(method: CallMethod, args: unknown[], signal?: AbortSignal): Promise<unknown>;
  send(message: WorkerMessage): void;
}

export function linkToRun(port: MessagePort): WorkerLink {
  let next = 0;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  port.on('message', (m: RunMessage) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (pending.size === 0) port.unref();
    if (m.ok) p.resolve(m.value);
    else p.reject(fromWire(m.error));
  });
  port.unref();
  const send = (message: WorkerMessage) => port.postMessage(message);
  return {
    send,
    call(method, args, signal) {
      const id = (next += 1);
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        port.ref();
        send({ t: 'call', id, method, args });
        signal?.addEventListener('abort', () => send({ t: 'cancel', id }), { once: true });
      });
    },
  };
}

export function workerContext(init: ContextInit, link: WorkerLink): SourceContext {
  const sonic: SonicLookup | undefined = init.hasSonic
    ? {
        nearest: (ratingKey, options) => link.call('sonic.nearest', [ratingKey, options]) as Promise<Awaited<ReturnType<SonicLookup['nearest']>>>,
        path: (start, end, options) => link.call('sonic.path', [start, end, options]) as Promise<LibraryTrack[]>,
      }
    : undefined;
  return {
    logger: workerLogger(link, init.debug),
    http: {
      request: async (req: HttpRequest) => {
        const { signal, ...rest } = req;
        return (await link.call('http', [rest], signal)) as HttpResponse;
      },
    },
    limit: pLimit(4),
    clock: { zone: init.zone, now: () => new Date(Date.now() + init.clockOffsetMs) },
    library: lazyLibrary(init.library, sonic),
    // The run stops a worker by ending its thread; nothing in here outlives the run to need a signal.
    signal: new AbortController().signal,
    dataDir: init.dataDir,
    dryRun: init.dryRun,
    common: init.common,
    shared: createSharedRegistry(),
    ...(init.hasAnswers ? { answers: answersProxy(link) } : {}),
  };
}

function workerLogger(link: WorkerLink, debug: boolean, label?: string): Logger {
  const log = (level: LogLevel) => (message: string, meta?: Record<string, unknown>) => {
    link.send({ t: 'log', level, ...(label !== undefined ? { label } : {}), message: String(message), ...(meta ? { meta: plain(meta) } : {}) });
  };
  return { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug'), child: (l) => workerLogger(link, debug, l), isDebug: () => debug };
}

/** Log metadata as data: anything that cannot be copied (a function, a socket) is shown as text. */
function plain(meta: Record<string, unknown>): Record<string, unknown> {
  try {
    return structuredClone(meta);
  } catch {
    return { meta: String(meta) };
  }
}

/** The library's tracks, decoded only when the plugin first looks at them (many plugins never do). */
function lazyLibrary(bytes: SharedArrayBuffer, sonic: SonicLookup | undefined): SourceContext['library'] {
  let index: ReturnType<typeof createLibraryIndex> | undefined;
  const get = () => (index ??= createLibraryIndex(JSON.parse(Buffer.from(new Uint8Array(bytes)).toString('utf8')) as LibraryTrack[], sonic));
  return {
    get tracks() {
      return get().tracks;
    },
    get size() {
      return get().size;
    },
    byRatingKey: (key) => get().byRatingKey(key),
    genres: () => get().genres(),
    ...(sonic ? { sonic } : {}),
  };
}

/** The run's answer cache; the check runs here, where the plugin's function lives. */
function answersProxy(link: WorkerLink): AnswerCache {
  let hits = 0;
  let misses = 0;
  let stored = 0;
  const get = async <T>(key: string, check: (value: unknown) => value is T): Promise<T | undefined> => {
    const value = await link.call('answers.get', [key]);
    if (value !== undefined && check(value)) {
      hits += 1;
      return value;
    }
    misses += 1;
    return undefined;
  };
  const set = async (key: string, value: unknown, lifetimeMs: number) => {
    stored += 1;
    await link.call('answers.set', [key, value, lifetimeMs]);
  };
  return {
    get,
    set,
    async remember(key, lifetimeMs, check, fetch) {
      const known = await get(key, check);
      if (known !== undefined) return known;
      const value = await fetch();
      await set(key, value, lifetimeMs);
      return value;
    },
    // The run writes the file once every source has fetched.
    flush: async () => undefined,
    stats: () => ({ hits, misses, stored }),
  };
}
