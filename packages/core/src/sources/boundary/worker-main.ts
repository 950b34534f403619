/**
 * Entry of a plugin's worker thread: load the source through the trusted loader the run named, run one step with
 * a proxied context, send back its result or error. Whatever else the plugin does (a throw in a timer, an
 * unhandled rejection, process.exit, running out of memory or time) ends this thread, and the run reports it as
 * that source's failure (run-isolated.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PlaylistSource } from '../../contract.js';
import { linkToRun, workerContext, type ContextInit } from './worker-context.js';
import { toWire, type WorkerMessage } from './wire.js';
import type { IsolatedStep } from './isolation.js';

export interface WorkerInput {
  /** A module of ours (file URL) whose `loadIsolatedSource(args)` returns the source to run. */
  loader: string;
  args: unknown;
  step: IsolatedStep;
  options: unknown;
  init: ContextInit;
}

type Loader = { loadIsolatedSource(args: unknown): Promise<PlaylistSource<unknown>> };

async function run(input: WorkerInput): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('worker-main.js runs only as a worker thread');
  const link = linkToRun(port);
  // Tell the run why the thread ends when the plugin never finished: nothing left to wait for, or process.exit().
  process.once('beforeExit', () => link.send({ t: 'stalled' }));
  process.once('exit', (code) => link.send({ t: 'exited', code }));
  let outcome: WorkerMessage;
  try {
    const { loadIsolatedSource } = (await import(input.loader)) as Loader;
    link.send({ t: 'ready' });
    const source = await loadIsolatedSource(input.args);
    const ctx = workerContext(input.init, link);
    const value = input.step === 'fetch' ? await source.fetch(input.options, ctx) : await source.verify?.(input.options, ctx);
    outcome = { t: 'done', ok: true, value };
  } catch (error) {
    outcome = { t: 'done', ok: false, error: toWire(error) };
  }
  try {
    link.send(outcome);
  } catch (error) {
    // The result holds something that cannot be copied to the run (a function, a socket).
    const message = `Its ${input.step}() returned data that cannot be passed on: ${(error as Error).message}`;
    link.send({ t: 'done', ok: false, error: { code: 'ESOURCEOUTPUT', message } });
  }
}

void run(workerData as WorkerInput);
