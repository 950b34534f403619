import { ExitCode, formatLocal, summaryLine, toHarmoniqError, type ResolvedSource } from '@harmoniq/core';
import { nextScheduled, validateSchedule, type ScheduleSpec } from '../daemon/schedule.js';
import { loadSources } from '../load-sources.js';
import { performSync } from '../perform-sync.js';
import { resolveSources, selectSources } from '../resolve-sources.js';
import type { Runtime } from '../runtime.js';
import { stopOnSignals } from '../stop-signals.js';

/**
 * `harmoniq daemon`: syncs every enabled source at start (RUN_ON_START) and then on RUN_INTERVAL_MINUTES or
 * SCHEDULE_CRON in TIMEZONE, and runs sources whose content changes at known instants (Daily Flow windows)
 * at those instants. Runs never overlap; a failing run is logged and the schedule goes on.
 */
export async function daemonCommand(rt: Runtime, flags: { shutdownSeconds?: string }): Promise<number> {
  const { logger, clock } = rt;
  const sources = selectSources(resolveSources(rt, await loadSources(rt)), []);
  const spec: ScheduleSpec = { intervalMinutes: rt.config.schedule.intervalMinutes, cron: rt.config.schedule.cron, zone: clock.zone };
  validateSchedule(spec);
  const boundSeconds = Number(flags.shutdownSeconds ?? 30) > 0 ? Number(flags.shutdownSeconds ?? 30) : 30;

  const sleeping = new AbortController();
  const stop = stopOnSignals(rt, { boundSeconds, onFirst: () => sleeping.abort() });
  let running: Promise<void> | undefined;
  let pendingBoundary: { reason: string; sources: ResolvedSource[] } | undefined;

  const startRun = (reason: string, chosen: ResolvedSource[]): void => {
    if (sleeping.signal.aborted) return;
    if (running) {
      logger.info(`Skipped the ${reason} run: the previous run is still going.`);
      return;
    }
    logger.info(`Starting a run (${reason}): ${chosen.map((s) => s.source.name).join(', ')}.`);
    running = (async () => {
      try {
        const report = await performSync(rt, chosen, { signal: stop.signal, waitSeconds: 0 });
        logger.info(`Run finished (${reason}): ${summaryLine(report)}, exit code ${report.exitCode}, ${(report.durationMs / 1000).toFixed(1)} s.`);
      } catch (error) {
        const e = toHarmoniqError(error);
        logger.error(`Run failed (${reason}): ${e.code} ${e.message}${e.hint ? ` ${e.hint}` : ''} The daemon goes on.`);
      } finally {
        running = undefined;
        const next = pendingBoundary;
        pendingBoundary = undefined;
        if (next) startRun(next.reason, next.sources);
      }
    })();
  };

  const sleepUntil = (at: Date): Promise<boolean> =>
    new Promise((resolve) => {
      if (sleeping.signal.aborted) return resolve(false);
      const ms = Math.max(0, (at.getTime() - clock.now().getTime()) / clock.rate);
      const timer = setTimeout(() => {
        sleeping.signal.removeEventListener('abort', onAbort);
        resolve(true);
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        resolve(false);
      };
      sleeping.signal.addEventListener('abort', onAbort, { once: true });
    });

  const scheduleLoop = async (): Promise<void> => {
    let last: Date | undefined = rt.config.schedule.runOnStart ? clock.now() : undefined;
    for (;;) {
      const at = nextScheduled(spec, clock.now(), last);
      if (!at) return;
      logger.info(`Next scheduled run: ${formatLocal(clock, at)}.`);
      if (!(await sleepUntil(at))) return;
      last = at;
      startRun(spec.cron ? `schedule "${spec.cron}"` : `every ${spec.intervalMinutes} min`, sources);
    }
  };

  const changeLoop = async (): Promise<void> => {
    const timed = sources.filter((s) => s.source.nextChange);
    if (!timed.length) return;
    for (;;) {
      const now = clock.now();
      const upcoming = timed
        .map((s) => ({ s, at: s.source.nextChange!(s.options, now, clock.zone) }))
        .filter((x): x is { s: ResolvedSource; at: Date } => x.at instanceof Date && x.at.getTime() > now.getTime());
      if (!upcoming.length) return;
      const soonest = Math.min(...upcoming.map((u) => u.at.getTime()));
      const due = upcoming.filter((u) => u.at.getTime() === soonest).map((u) => u.s);
      const at = new Date(soonest);
      logger.info(`Next content change: ${due.map((s) => s.source.name).join(', ')} at ${formatLocal(clock, at)}.`);
      if (!(await sleepUntil(at))) return;
      const reason = `${due.map((s) => s.source.name).join(', ')} boundary at ${formatLocal(clock, at)}`;
      if (running) {
        logger.info(`The ${reason} run waits for the current run to finish.`);
        pendingBoundary = { reason, sources: due };
      } else startRun(reason, due);
    }
  };

  logger.info(
    `Harmoniq daemon started (${spec.cron ? `schedule "${spec.cron}"` : `every ${spec.intervalMinutes} min`}, zone ${clock.zone}, sources: ${sources.map((s) => s.source.name).join(', ')}).`,
  );
  if (rt.config.schedule.runOnStart) startRun('start', sources);
  await Promise.all([scheduleLoop(), changeLoop(), stop.requested.then(() => sleeping.abort())]);
  while (running) await running;
  stop.dispose();
  logger.info('Harmoniq daemon stopped.');
  return ExitCode.ok;
}
