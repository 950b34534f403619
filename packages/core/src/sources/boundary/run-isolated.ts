/**
 * Runs one step of a plugin in its own worker thread (ADR 0018). The run's thread stays free (the lock's
 * heartbeat, other sources, SIGTERM), and whatever the plugin does wrong ends only its thread: a throw in a timer,
 * an unhandled rejection, process.exit(), a promise that can never settle, a loop that never ends, a heap that
 * grows without bound. Each becomes a coded error of that source; none can end or stall the run.
 */
import { Worker } from 'node:worker_threads';
import type { SourceContext } from '../../contract.js';
import { HarmoniqError } from '../../errors/harmoniq-error.js';
import { runnableUrl, type IsolatedSourceRef, type IsolatedStep } from './isolation.js';
import { relayLog, serveCall } from './serve-context.js';
import { pipeLines } from './pipe-lines.js';
import type { ContextInit } from './worker-context.js';
import { fromWire, toWire, type RunMessage, type WorkerMessage } from './wire.js';
import type { WorkerInput } from './worker-main.js';

const WORKER_MAIN = runnableUrl('./worker-main.js', import.meta.url);
/** Longest a worker may take to load our own code before the plugin's clock starts (only an overloaded machine nears it). */
const START_WINDOW_MS = 60_000;

/** `declared`: the source's own error codes (its `errorCodes`), kept when it raises them, as in-process. */
export function runIsolated(ref: IsolatedSourceRef, step: IsolatedStep, options: unknown, ctx: SourceContext, declared?: Readonly<Record<string, string>>): Promise<unknown> {
  if (ctx.signal.aborted) return Promise.reject(stopped(ref, step));
  const input: WorkerInput = { loader: ref.loader, args: ref.args, step, options, init: contextInit(ctx) };
  let worker: Worker;
  try {
    worker = new Worker(WORKER_MAIN, {
      workerData: input,
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: ref.limits.memoryMb },
    });
  } catch (error) {
    // Options that cannot be copied to a thread (a function in them) fail here, before any plugin code ran.
    return Promise.reject(new HarmoniqError({ code: 'ESOURCE', message: `Cannot start ${ref.label}: ${(error as Error).message}.`, cause: error }));
  }
  pipeLines(worker.stdout, (line) => ctx.logger.info(`console: ${line}`));
  pipeLines(worker.stderr, (line) => ctx.logger.warn(`console: ${line}`));

  return new Promise<unknown>((resolve, reject) => {
    const calls = new Map<number, AbortController>();
    let ending: 'stalled' | { exited: number } | undefined;
    let settled = false;
    const settle = (outcome: { ok: true; value: unknown } | { ok: false; error: Error }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ctx.signal.removeEventListener('abort', onAbort);
      for (const c of calls.values()) c.abort();
      // Whatever the plugin left running (timers, sockets) ends with its thread.
      void worker.terminate();
      if (outcome.ok) resolve(outcome.value);
      else reject(outcome.error);
    };
    const seconds = Math.round(ref.limits.timeLimitMs / 1000);
    const outOfTime = (what: string) => () =>
      settle({
        ok: false,
        error: new HarmoniqError({
          code: 'ESOURCETIMEOUT',
          message: `${capital(ref.label)} did not ${what} within ${seconds} s and was stopped.`,
          hint: 'If it is merely slow, raise HARMONIQ_PLUGIN_TIME_LIMIT_SECONDS (limits.pluginTimeLimitSeconds); otherwise it hangs: fix or remove it.',
        }),
      });
    // Starting a thread and loading our own code into it is not the plugin's time (a busy machine takes
    // seconds): it gets a window of its own, and the plugin's time starts once the worker is ready.
    let timer = setTimeout(outOfTime('start'), Math.max(START_WINDOW_MS, ref.limits.timeLimitMs));
    const startClock = () => {
      clearTimeout(timer);
      timer = setTimeout(outOfTime(`finish ${step}()`), ref.limits.timeLimitMs);
    };
    const onAbort = () => settle({ ok: false, error: stopped(ref, step) });
    ctx.signal.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (m: WorkerMessage) => {
      switch (m.t) {
        case 'call': {
          const control = new AbortController();
          calls.set(m.id, control);
          const reply = (message: RunMessage) => {
            calls.delete(m.id);
            if (!settled) worker.postMessage(message);
          };
          serveCall(ctx, m.method, m.args, control.signal).then(
            (value) => reply({ t: 'reply', id: m.id, ok: true, value }),
            (error: unknown) => reply({ t: 'reply', id: m.id, ok: false, error: toWire(error) }),
          );
          break;
        }
        case 'cancel':
          calls.get(m.id)?.abort();
          break;
        case 'log':
          relayLog(ctx, m.level, m.label, m.message, m.meta);
          break;
        case 'ready':
          startClock();
          break;
        case 'done':
          settle(m.ok ? { ok: true, value: m.value } : { ok: false, error: fromWire(m.error, declared) });
          break;
        case 'stalled':
          ending ??= 'stalled';
          break;
        case 'exited':
          ending ??= { exited: m.code };
          break;
      }
    });
    worker.on('error', (error: Error & { code?: string }) => settle({ ok: false, error: crashed(ref, step, error) }));
    worker.on('exit', () => settle({ ok: false, error: ended(ref, step, ending) }));
  });
}

function contextInit(ctx: SourceContext): ContextInit {
  return {
    zone: ctx.clock.zone,
    clockOffsetMs: ctx.clock.now().getTime() - Date.now(),
    dataDir: ctx.dataDir,
    dryRun: ctx.dryRun ?? false,
    common: ctx.common,
    debug: ctx.logger.isDebug(),
    hasSonic: ctx.library.sonic !== undefined,
    hasAnswers: ctx.answers !== undefined,
    library: libraryBytes(ctx),
  };
}

/** The library as JSON in shared memory: encoded once per run, read by every worker without a copy. */
function libraryBytes(ctx: SourceContext): SharedArrayBuffer {
  const encode = () => {
    const json = Buffer.from(JSON.stringify(ctx.library.tracks), 'utf8');
    const shared = new SharedArrayBuffer(json.length);
    new Uint8Array(shared).set(json);
    return shared;
  };
  return ctx.shared ? ctx.shared('harmoniq:boundary:library', encode) : encode();
}

function crashed(ref: IsolatedSourceRef, step: IsolatedStep, error: Error & { code?: string }): HarmoniqError {
  if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new HarmoniqError({
      code: 'ESOURCECRASH',
      message: `${capital(ref.label)} ran out of memory in ${step}() (its limit is ${ref.limits.memoryMb} MiB) and was stopped.`,
      hint: 'If it honestly needs more, raise HARMONIQ_PLUGIN_MEMORY_MB (limits.pluginMemoryMb); otherwise fix or remove it.',
      cause: error,
    });
  }
  return new HarmoniqError({
    code: 'ESOURCECRASH',
    message: `${capital(ref.label)} crashed in ${step}(): ${error.name && error.name !== 'Error' ? `${error.name}: ` : ''}${error.message} (an error thrown outside its promise: in a timer or callback, or a rejection nobody handled).`,
    hint: 'This is a bug in the plugin; run with --verbose for its stack trace.',
    cause: error,
  });
}

function ended(ref: IsolatedSourceRef, step: IsolatedStep, ending: 'stalled' | { exited: number } | undefined): HarmoniqError {
  const why =
    ending === 'stalled'
      ? `its ${step}() promise can never settle: nothing was left for it to wait for`
      : `it called process.exit(${ending?.exited ?? ''}) before its ${step}() finished`;
  return new HarmoniqError({
    code: 'ESOURCECRASH',
    message: `${capital(ref.label)} ended without a result: ${why}.`,
    hint: ending === 'stalled' ? 'This is a bug in the plugin: every promise it returns must resolve or reject.' : 'A plugin must return (or throw), never end the process.',
  });
}

function stopped(ref: IsolatedSourceRef, step: IsolatedStep): HarmoniqError {
  return new HarmoniqError({ code: 'EABORTED', message: `The run was stopped while ${ref.label} ran ${step}().` });
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
