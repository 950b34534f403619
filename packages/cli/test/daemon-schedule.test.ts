import { describe, expect, it } from '@jest/globals';
import { longestGapMinutes, nextScheduled, validateSchedule } from '../src/daemon/schedule.js';
import { sleepUntil } from '../src/daemon/sleep-until.js';

const at = (iso: string) => new Date(iso);
const iso = (d: Date | undefined) => d?.toISOString();

describe('nextScheduled on an interval', () => {
  const every60 = { intervalMinutes: 60, zone: 'UTC' };

  it('counts the interval from the last scheduled start', () => {
    expect(iso(nextScheduled(every60, at('2026-01-01T10:20:00Z'), at('2026-01-01T10:00:00Z')))).toBe('2026-01-01T11:00:00.000Z');
  });

  it('counts from now when nothing ran yet (RUN_ON_START=false)', () => {
    expect(iso(nextScheduled(every60, at('2026-01-01T10:20:00Z'), undefined))).toBe('2026-01-01T11:20:00.000Z');
  });

  it('skips the slots a long run overran instead of firing a backlog', () => {
    expect(iso(nextScheduled(every60, at('2026-01-01T13:30:00Z'), at('2026-01-01T10:00:00Z')))).toBe('2026-01-01T14:00:00.000Z');
  });

  it('never names the current instant again', () => {
    expect(iso(nextScheduled(every60, at('2026-01-01T11:00:00Z'), at('2026-01-01T10:00:00Z')))).toBe('2026-01-01T12:00:00.000Z');
  });
});

describe('nextScheduled on a cron expression in TIMEZONE', () => {
  const berlin = (cron: string) => ({ cron, zone: 'Europe/Berlin' });

  it('keeps 06:00 local time on both sides of a DST change', () => {
    expect(iso(nextScheduled(berlin('0 6 * * *'), at('2026-03-28T12:00:00Z'), undefined))).toBe('2026-03-29T04:00:00.000Z');
    expect(iso(nextScheduled(berlin('0 6 * * *'), at('2026-03-27T12:00:00Z'), undefined))).toBe('2026-03-28T05:00:00.000Z');
  });

  it('moves a time that does not exist on the spring-forward night to the end of the gap (02:30 → 03:00)', () => {
    expect(iso(nextScheduled(berlin('30 2 * * *'), at('2026-03-28T12:00:00Z'), undefined))).toBe('2026-03-29T01:00:00.000Z');
  });

  it('runs a time that occurs twice on the fall-back night once', () => {
    const first = nextScheduled(berlin('30 2 * * *'), at('2026-10-24T12:00:00Z'), undefined)!;
    expect(iso(first)).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(nextScheduled(berlin('30 2 * * *'), first, first))).toBe('2026-10-26T01:30:00.000Z');
  });

  it('wins over an interval that is set too', () => {
    expect(iso(nextScheduled({ cron: '0 6 * * *', intervalMinutes: 5, zone: 'UTC' }, at('2026-01-01T00:00:00Z'), undefined))).toBe('2026-01-01T06:00:00.000Z');
  });

  it('does not fire a slot twice when the timer wakes a hair early', () => {
    const slot = at('2026-01-01T06:00:00Z');
    const early = new Date(slot.getTime() - 3);
    expect(iso(nextScheduled({ cron: '0 * * * *', zone: 'UTC' }, early, slot))).toBe('2026-01-01T07:00:00.000Z');
  });
});

describe('validateSchedule', () => {
  const now = at('2026-01-01T00:00:00Z');

  it('asks for RUN_INTERVAL_MINUTES or SCHEDULE_CRON when neither is set', () => {
    expect(() => validateSchedule({ zone: 'UTC' }, now)).toThrow(expect.objectContaining({ code: 'ECONFIG', message: expect.stringContaining('RUN_INTERVAL_MINUTES nor SCHEDULE_CRON') }));
  });

  it('refuses an expression croner cannot parse', () => {
    expect(() => validateSchedule({ cron: '61 * * * *', zone: 'UTC' }, now)).toThrow(expect.objectContaining({ code: 'ECONFIG', message: expect.stringContaining("SCHEDULE_CRON '61 * * * *' is not a valid cron expression") }));
  });

  it('refuses an expression that never runs', () => {
    expect(() => validateSchedule({ cron: '0 0 30 2 *', zone: 'UTC' }, now)).toThrow(expect.objectContaining({ code: 'ECONFIG', message: expect.stringContaining('never runs') }));
  });

  it('accepts an interval, a five-field and a six-field expression', () => {
    expect(() => validateSchedule({ intervalMinutes: 5, zone: 'UTC' }, now)).not.toThrow();
    expect(() => validateSchedule({ cron: '0 */6 * * *', zone: 'Europe/Berlin' }, now)).not.toThrow();
    expect(() => validateSchedule({ cron: '30 0 6 * * *', zone: 'UTC' }, now)).not.toThrow();
  });
});

describe('longestGapMinutes (the default health max age is twice this plus 10 minutes)', () => {
  it('is the interval', () => {
    expect(longestGapMinutes({ intervalMinutes: 45, zone: 'UTC' }, at('2026-01-01T00:00:00Z'))).toBe(45);
  });

  it('counts the weekend of a weekdays-only cron expression', () => {
    expect(longestGapMinutes({ cron: '0 6 * * 1-5', zone: 'UTC' }, at('2026-01-05T00:00:00Z'))).toBe(3 * 24 * 60);
  });

  it('follows the cron expression when an interval is set too, as the daemon does', () => {
    expect(longestGapMinutes({ intervalMinutes: 5, cron: '0 6 * * *', zone: 'UTC' }, at('2026-01-01T00:00:00Z'))).toBe(24 * 60);
  });

  it('is undefined without a schedule', () => {
    expect(longestGapMinutes({ zone: 'UTC' }, at('2026-01-01T00:00:00Z'))).toBeUndefined();
  });
});

describe('sleepUntil', () => {
  /** A clock 10 000 times faster than real time, starting at a fixed instant. */
  const fastClock = () => {
    const origin = Date.parse('2026-01-01T00:00:00Z');
    const realStart = Date.now();
    return { zone: 'UTC', rate: 10_000, now: () => new Date(origin + (Date.now() - realStart) * 10_000) };
  };

  it('resolves true once the accelerated clock has reached the instant, never before', async () => {
    const clock = fastClock();
    const target = at('2026-01-01T00:01:00Z');
    expect(await sleepUntil(clock, target, new AbortController().signal)).toBe(true);
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(target.getTime());
  });

  it('resolves false when stopped while sleeping', async () => {
    const stop = new AbortController();
    const sleeping = sleepUntil(fastClock(), at('2027-01-01T00:00:00Z'), stop.signal);
    stop.abort();
    expect(await sleeping).toBe(false);
  });

  it('resolves false at once when already stopped', async () => {
    const stop = new AbortController();
    stop.abort();
    expect(await sleepUntil(fastClock(), at('2026-01-01T00:00:01Z'), stop.signal)).toBe(false);
  });
});
