import { Cron } from 'croner';
import { HarmoniqError } from '@harmoniq/core';

export interface ScheduleSpec {
  intervalMinutes?: number;
  cron?: string;
  zone: string;
}

/** `schedule "0 6 * * *"` or `every 60 min`: how logs name the schedule. */
export function scheduleLabel(spec: ScheduleSpec): string {
  return spec.cron ? `schedule "${spec.cron}"` : `every ${spec.intervalMinutes} min`;
}

/**
 * The next scheduled sync strictly after both `now` and `lastStart`: on the cron expression (croner, in the
 * zone, so 06:00 stays 06:00 local across DST) or `interval` after the last scheduled start.
 */
export function nextScheduled(spec: ScheduleSpec, now: Date, lastStart: Date | undefined): Date | undefined {
  if (spec.cron) {
    // A timer can wake a hair before the slot it slept for; asking from that slot keeps it from firing twice.
    const from = lastStart && lastStart.getTime() > now.getTime() ? lastStart : now;
    return cronJob(spec).nextRun(from) ?? undefined;
  }
  if (spec.intervalMinutes) {
    const step = spec.intervalMinutes * 60_000;
    const from = lastStart ?? now;
    let next = from.getTime() + step;
    // After a long run, skip to the next slot in the future rather than firing a backlog.
    if (next <= now.getTime()) next += Math.ceil((now.getTime() - next) / step) * step;
    if (next <= now.getTime()) next += step;
    return new Date(next);
  }
  return undefined;
}

/**
 * The longest expected wait between two scheduled runs, in minutes (the interval, or the widest gap among the
 * cron expression's next few runs, so a weekdays-only schedule counts its weekend). Undefined without a schedule.
 */
export function longestGapMinutes(spec: ScheduleSpec, now: Date): number | undefined {
  // The cron expression wins when both are set, as in nextScheduled.
  if (!spec.cron) return spec.intervalMinutes;
  const runs = cronJob(spec).nextRuns(8, now);
  let widest = 0;
  for (let i = 1; i < runs.length; i += 1) widest = Math.max(widest, runs[i]!.getTime() - runs[i - 1]!.getTime());
  return widest > 0 ? widest / 60_000 : undefined;
}

export function validateSchedule(spec: ScheduleSpec, now: Date): void {
  if (!spec.cron && !spec.intervalMinutes) {
    throw new HarmoniqError({
      code: 'ECONFIG',
      message: 'The daemon needs a schedule: neither RUN_INTERVAL_MINUTES nor SCHEDULE_CRON is set.',
      hint: 'Set RUN_INTERVAL_MINUTES=60 (every hour) or SCHEDULE_CRON="0 6 * * *" (06:00 daily, in TIMEZONE).',
    });
  }
  if (!spec.cron) return;
  let next: Date | null;
  try {
    next = cronJob(spec).nextRun(now);
  } catch (error) {
    throw new HarmoniqError({
      code: 'ECONFIG',
      message: `SCHEDULE_CRON '${spec.cron}' is not a valid cron expression: ${(error as Error).message}.`,
      hint: 'Use five fields: minute hour day-of-month month day-of-week, e.g. "0 */6 * * *".',
    });
  }
  if (!next) {
    throw new HarmoniqError({
      code: 'ECONFIG',
      message: `SCHEDULE_CRON '${spec.cron}' never runs (no matching date from now on).`,
      hint: 'Check the day-of-month and month fields, e.g. "0 6 * * *" runs at 06:00 every day.',
    });
  }
}

function cronJob(spec: ScheduleSpec): Cron {
  // `paused` and no callback: croner only computes dates, the daemon owns the timers (and the accelerated clock).
  return new Cron(spec.cron ?? '', { timezone: spec.zone, paused: true });
}
