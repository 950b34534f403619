import { Cron } from 'croner';
import { HarmoniqError } from '@harmoniq/core';

export interface ScheduleSpec {
  intervalMinutes?: number;
  cron?: string;
  zone: string;
}

/** The next scheduled sync after `now`: on the cron expression (croner, in the zone) or `interval` after the last start. */
export function nextScheduled(spec: ScheduleSpec, now: Date, lastStart: Date | undefined): Date | undefined {
  if (spec.cron) {
    const job = new Cron(spec.cron, { timezone: spec.zone, paused: true });
    return job.nextRun(now) ?? undefined;
  }
  if (spec.intervalMinutes) {
    const step = spec.intervalMinutes * 60_000;
    const from = lastStart ?? now;
    let next = from.getTime() + step;
    // After a long run, skip to the next slot in the future rather than firing a backlog.
    if (next <= now.getTime()) next += Math.ceil((now.getTime() - next) / step) * step;
    return new Date(next);
  }
  return undefined;
}

export function validateSchedule(spec: ScheduleSpec): void {
  if (!spec.cron && !spec.intervalMinutes) {
    throw new HarmoniqError({
      code: 'ECONFIG',
      message: 'The daemon needs a schedule: neither RUN_INTERVAL_MINUTES nor SCHEDULE_CRON is set.',
      hint: 'Set RUN_INTERVAL_MINUTES=60 (every hour) or SCHEDULE_CRON="0 6 * * *" (06:00 daily, in TIMEZONE).',
    });
  }
  if (spec.cron) {
    try {
      new Cron(spec.cron, { timezone: spec.zone, paused: true });
    } catch (error) {
      throw new HarmoniqError({
        code: 'ECONFIG',
        message: `SCHEDULE_CRON '${spec.cron}' is not a valid cron expression: ${(error as Error).message}.`,
        hint: 'Use five fields: minute hour day-of-month month day-of-week, e.g. "0 */6 * * *".',
      });
    }
  }
}
