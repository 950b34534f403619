import { ExitCode, formatLocal, HarmoniqError } from '@harmoniq/core';
import { type ResolvedSource } from '@harmoniq/core/pipeline';
import { createRunQueue } from '../daemon/run-queue.js';
import { nextScheduled, scheduleLabel, validateSchedule, type ScheduleSpec } from '../daemon/schedule.js';
import { sleepUntil } from '../daemon/sleep-until.js';
import { startStatusPage } from '../daemon/status-page.js';
import { planHousehold } from '../household.js';
import { loadSources } from '../load-sources.js';
import { resolveSources, selectSources } from '../resolve-sources.js';
import { plexClient, type Runtime } from '../runtime.js';
import { stopOnSignals } from '../stop-signals.js';

const DEFAULT_SHUTDOWN_SECONDS = 30;

/**
 * `harmoniq daemon`: syncs every enabled source at start (RUN_ON_START) and then on RUN_INTERVAL_MINUTES or
 * SCHEDULE_CRON in TIMEZONE, and runs sources whose content changes at known instants (Daily Flow windows)
 * at those instants. Runs never overlap; a failing run is logged and the schedule goes on. SIGTERM/SIGINT
 * stop scheduling, let the current run finish (bounded), and the command returns 0.
 */
export async function daemonCommand(rt: Runtime, flags: { shutdownSeconds?: string }): Promise<number> {
  const { logger, clock } = rt;
  const all = await loadSources(rt);
  const household = planHousehold(rt, all, []);
  const sources = selectSources(resolveSources(rt, all), [], household.problems);
  const spec: ScheduleSpec = { intervalMinutes: rt.config.schedule.intervalMinutes, cron: rt.config.schedule.cron, zone: clock.zone };
  validateSchedule(spec, clock.now());
  // Settings every run needs fail the start (exit 2), not each run forever.
  plexClient(rt);
  const boundSeconds = shutdownSeconds(flags.shutdownSeconds);

  const sleeping = new AbortController();
  const stop = stopOnSignals(rt, { boundSeconds, onFirst: () => sleeping.abort() });
  const label = scheduleLabel(spec);
  const status = await startStatusPage(rt, () => queue.startOrQueue('status page', sources)).catch((error: unknown) => {
    stop.dispose();
    throw error;
  });
  const queue = createRunQueue(rt, {
    stopSignal: stop.signal,
    stopping: () => sleeping.signal.aborted,
    onFinished: status?.onRunFinished,
    household: { plans: household.plans, all: sources },
  });

  const scheduleLoop = async (): Promise<void> => {
    let last: Date | undefined = rt.config.schedule.runOnStart ? clock.now() : undefined;
    for (;;) {
      const at = nextScheduled(spec, clock.now(), last);
      if (!at) return;
      logger.info(`Next scheduled run (${label}): ${formatLocal(clock, at)}.`);
      if (!(await sleepUntil(clock, at, sleeping.signal))) return;
      last = at;
      queue.startOrSkip(label, sources);
    }
  };

  const changeLoop = async (): Promise<void> => {
    let timed = sources.filter((s) => s.source.nextChange);
    let last = clock.now();
    while (timed.length) {
      const from = new Date(Math.max(clock.now().getTime(), last.getTime()));
      const upcoming: { s: ResolvedSource; at: Date }[] = [];
      for (const s of timed) {
        const at = nextChangeOf(s, from, clock.zone);
        if (at instanceof HarmoniqError) {
          logger.error(`${at.message} Its content changes are no longer scheduled; it still runs on the schedule.`);
          timed = timed.filter((t) => t !== s);
        } else if (at) upcoming.push({ s, at });
      }
      if (!upcoming.length) return;
      const soonest = Math.min(...upcoming.map((u) => u.at.getTime()));
      const due = upcoming.filter((u) => u.at.getTime() === soonest).map((u) => u.s);
      const at = new Date(soonest);
      const names = due.map((s) => s.source.name).join(', ');
      logger.info(`Next content change: ${names} at ${formatLocal(clock, at)}.`);
      if (!(await sleepUntil(clock, at, sleeping.signal))) return;
      last = at;
      queue.startOrQueue(`${names} change at ${formatLocal(clock, at)}`, due);
    }
  };

  logger.info(
    `Harmoniq daemon started: ${label}, time zone ${clock.zone}, sources ${sources.map((s) => s.source.name).join(', ')}, run on start ${rt.config.schedule.runOnStart ? 'yes' : 'no'}.`,
  );
  if (spec.cron && spec.intervalMinutes) logger.warn('SCHEDULE_CRON and RUN_INTERVAL_MINUTES are both set: the cron expression is used, the interval is ignored.');
  if (rt.config.schedule.runOnStart) queue.startOrSkip('start', sources);
  try {
    await Promise.all([scheduleLoop(), changeLoop()]);
    // Both loops end on a stop request, or when a cron expression has no further date.
    if (!sleeping.signal.aborted) logger.warn('Nothing is left to schedule: the daemon stops after the current run.');
  } finally {
    sleeping.abort();
    await queue.idle();
    await status?.close();
    stop.dispose();
  }
  logger.info('Harmoniq daemon stopped.');
  return ExitCode.ok;
}

/** The source's next content change strictly after `from`, or an error naming the source when it throws. */
function nextChangeOf(s: ResolvedSource, from: Date, zone: string): Date | undefined | HarmoniqError {
  try {
    const at = s.source.nextChange?.(s.options, from, zone);
    return at instanceof Date && !Number.isNaN(at.getTime()) && at.getTime() > from.getTime() ? at : undefined;
  } catch (error) {
    return new HarmoniqError({ code: 'ESOURCE', message: `${s.source.name}: nextChange failed: ${(error as Error).message}.` });
  }
}

function shutdownSeconds(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_SHUTDOWN_SECONDS;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    throw new HarmoniqError({
      code: 'EUSAGE',
      message: `--shutdown-seconds must be a number of seconds (0 or more), got '${raw}'.`,
      hint: 'e.g. --shutdown-seconds 20; keep it below the stop timeout of Docker or systemd.',
    });
  }
  return n;
}
