import { isHarmoniqError, toHarmoniqError } from '@harmoniq/core';
import { summaryLine, type ResolvedSource } from '@harmoniq/core/pipeline';
import { narrowPlans, type UserPlan } from '../household.js';
import { performSync } from '../perform-sync.js';
import type { Runtime } from '../runtime.js';

export interface RunQueue {
  /**
   * Start a run now (a scheduled tick). When one is going, skip this one with a log line; but when the current
   * run is a narrower one (a Daily Flow boundary that came due a moment earlier), queue the sources it lacks.
   */
  startOrSkip(reason: string, sources: ResolvedSource[]): void;
  /** Start a run now, or right after the current one (a content change that must not be lost). */
  startOrQueue(reason: string, sources: ResolvedSource[]): void;
  /** Resolves when no run is going and none is queued. */
  idle(): Promise<void>;
}

/**
 * One run at a time for the daemon. A failing run is logged and the daemon goes on. `stopSignal` aborts the
 * current run between playlists (never in the middle of a playlist's writes); once `stopping()` is true no new
 * run starts.
 */
export function createRunQueue(
  rt: Runtime,
  options: {
    stopSignal: AbortSignal;
    stopping: () => boolean;
    onFinished?: () => Promise<void>;
    household?: { plans: readonly UserPlan[]; all: readonly ResolvedSource[] };
  },
): RunQueue {
  const { logger } = rt;
  let running: Promise<void> | undefined;
  let current: ResolvedSource[] = [];
  let queued: { reason: string; sources: ResolvedSource[] } | undefined;

  const names = (sources: ResolvedSource[]) => sources.map((s) => s.source.name).join(', ');

  const execute = async (reason: string, sources: ResolvedSource[]): Promise<void> => {
    // A controller per run, so the long-lived stop signal collects no listeners from run to run.
    const abort = new AbortController();
    const onStop = () => abort.abort();
    options.stopSignal.addEventListener('abort', onStop, { once: true });
    if (options.stopSignal.aborted) abort.abort();
    try {
      const household = options.household ? narrowPlans(options.household.plans, sources, options.household.all) : [];
      const report = await performSync(rt, sources, { signal: abort.signal, waitSeconds: 0, trigger: reason, household });
      const took = `${(report.durationMs / 1000).toFixed(1)} s`;
      if (abort.signal.aborted) logger.info(`Run stopped early (${reason}): ${summaryLine(report)}; what it did not reach was left as it is.`);
      else if (report.exitCode === 0) logger.info(`Run finished (${reason}): ${summaryLine(report)} in ${took}.`);
      else logger.warn(`Run finished with errors (${reason}): ${summaryLine(report).replace(/\.$/, '')}, exit code ${report.exitCode}, in ${took}. The daemon goes on.`);
    } catch (error) {
      if (isHarmoniqError(error) && error.code === 'ELOCKED') {
        logger.warn(`Skipped the ${reason} run: another Harmoniq run (a sync from cron?) holds the lock on ${rt.config.dataDir}.`);
        return;
      }
      const e = toHarmoniqError(error);
      logger.error(`Run failed (${reason}): ${e.code} ${e.message}${e.hint ? ` ${e.hint}` : ''} The daemon goes on.`);
    } finally {
      options.stopSignal.removeEventListener('abort', onStop);
      await options.onFinished?.().catch((error: unknown) => logger.warn(`After the run: ${(error as Error).message}`));
    }
  };

  const start = (reason: string, sources: ResolvedSource[]): void => {
    logger.info(`Starting a run (${reason}): ${names(sources)}.`);
    current = sources;
    running = execute(reason, sources).finally(() => {
      running = undefined;
      const next = queued;
      queued = undefined;
      if (next && !options.stopping()) start(next.reason, next.sources);
    });
  };

  const enqueue = (reason: string, sources: ResolvedSource[]): void => {
    // Merge with a run already queued, so two changes during one long run cause one extra run, not two.
    const merged = queued ? [...queued.sources, ...sources.filter((s) => !queued!.sources.includes(s))] : sources;
    queued = { reason: queued ? `${queued.reason}; ${reason}` : reason, sources: merged };
    logger.info(`The ${reason} run waits for the current run to finish.`);
  };

  return {
    startOrSkip(reason, sources) {
      if (options.stopping()) return;
      if (!running) return start(reason, sources);
      const missing = sources.filter((s) => !current.includes(s));
      if (missing.length) enqueue(reason, missing);
      else logger.info(`Skipped the ${reason} run: the previous run is still going.`);
    },
    startOrQueue(reason, sources) {
      if (options.stopping()) return;
      if (running) enqueue(reason, sources);
      else start(reason, sources);
    },
    async idle() {
      while (running) await running;
    },
  };
}
