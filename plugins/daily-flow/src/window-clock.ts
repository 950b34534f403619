import { formatInZone } from '@harmoniq/core';
import { windowLabel, type TimeWindow } from './time-window.js';

/**
 * When windows start and end, as instants. A window starts at its wall-clock time in the zone on each local
 * date; on a 23- or 25-hour DST day it still starts at that wall-clock time:
 * - a wall time that does not exist (spring forward) starts at the first instant after the gap;
 * - a wall time that happens twice (fall back) starts at its first occurrence.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

/** One day's run of a window: from `start` (inclusive) to `end` (exclusive). */
export interface WindowOccurrence {
  window: TimeWindow;
  /** Position in the configured list. */
  index: number;
  /** The local date the window started on (`2026-11-24`); a window crossing midnight keeps its start date. */
  date: string;
  start: Date;
  end: Date;
}

/** `yyyy-MM-dd` of an instant in the zone. */
export function localDateOf(instant: Date, zone: string): string {
  return formatInZone(instant, zone, 'yyyy-MM-dd');
}

export function addDays(date: string, days: number): string {
  return new Date(naiveUtc(date, 0) + days * DAY).toISOString().slice(0, 10);
}

/** The first instant at which the zone's wall clock reads `minute` after midnight of `date`, or later across a gap. */
export function wallClockInstant(date: string, minute: number, zone: string): Date {
  const naive = naiveUtc(date, minute);
  const offsets = new Set([naive - DAY, naive, naive + DAY].map((t) => wallClock(t, zone) - t));
  const candidates = [...offsets].map((offset) => naive - offset).sort((a, b) => a - b);
  const exact = candidates.find((t) => wallClock(t, zone) === naive);
  if (exact !== undefined) return new Date(exact);
  // The wall time falls in a spring-forward gap: find the instant the clock jumps past it.
  let before = candidates[0] ?? naive;
  let after = candidates[candidates.length - 1] ?? naive;
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (wallClock(middle, zone) >= naive) after = middle;
    else before = middle;
  }
  return new Date(after);
}

export function occurrenceOn(window: TimeWindow, index: number, date: string, zone: string): WindowOccurrence {
  const endDate = window.endMinute > window.startMinute ? date : addDays(date, 1);
  return {
    window,
    index,
    date,
    start: wallClockInstant(date, window.startMinute, zone),
    end: wallClockInstant(endDate, window.endMinute, zone),
  };
}

/** The occurrence that contains `now`, if any (none in a gap between windows). */
export function activeOccurrence(windows: readonly TimeWindow[], now: Date, zone: string): WindowOccurrence | undefined {
  const today = localDateOf(now, zone);
  for (const date of [addDays(today, -1), today]) {
    for (const [index, window] of windows.entries()) {
      const occurrence = occurrenceOn(window, index, date, zone);
      if (occurrence.start <= now && now < occurrence.end) return occurrence;
    }
  }
  return undefined;
}

export function activeWindow(windows: readonly TimeWindow[], now: Date, zone: string): TimeWindow | undefined {
  return activeOccurrence(windows, now, zone)?.window;
}

/** The next occurrence to start strictly after `now`. */
export function nextOccurrence(windows: readonly TimeWindow[], now: Date, zone: string): WindowOccurrence | undefined {
  return upcoming(windows, now, zone)
    .filter((o) => o.start > now)
    .sort((a, b) => a.start.getTime() - b.start.getTime())[0];
}

/** The next instant after `now` at which any window starts or ends: when the daemon should rebuild. */
export function nextBoundary(windows: readonly TimeWindow[], now: Date, zone: string): Date | undefined {
  let next: number | undefined;
  for (const o of upcoming(windows, now, zone)) {
    for (const t of [o.start.getTime(), o.end.getTime()]) {
      if (t > now.getTime() && (next === undefined || t < next)) next = t;
    }
  }
  return next === undefined ? undefined : new Date(next);
}

/** Lines for `harmoniq daily-flow windows`: each window, which is active, and the next change. */
export function describeWindows(windows: readonly TimeWindow[], now: Date, zone: string): string[] {
  const format = (d: Date): string => formatInZone(d, zone, 'yyyy-MM-dd HH:mm zzz');
  const active = activeOccurrence(windows, now, zone);
  const lines = [`Daily Flow windows in ${zone} (now ${format(now)}):`];
  for (const [index, window] of windows.entries()) {
    const marker = active?.index === index ? '  <- active now' : '';
    lines.push(`${active?.index === index ? '*' : ' '} ${windowLabel(window)}  ${describeWindow(window)}${marker}`);
  }
  if (!active) {
    const next = nextOccurrence(windows, now, zone);
    lines.push(next ? `No window is active now; ${windowLabel(next.window)} starts at ${format(next.start)}.` : 'No window is active now.');
    return lines;
  }
  const boundary = nextBoundary(windows, now, zone);
  if (boundary) {
    const changes = upcoming(windows, now, zone).flatMap((o) => [
      ...(o.end.getTime() === boundary.getTime() ? [`${windowLabel(o.window)} ends`] : []),
      ...(o.start.getTime() === boundary.getTime() ? [`${windowLabel(o.window)} starts`] : []),
    ]);
    lines.push(`Next change at ${format(boundary)}: ${[...new Set(changes)].join(', ')}.`);
  }
  return lines;
}

/** `Pop, Rock (not Metal; rating >= 6; not played in 14 days; 20 tracks)` */
export function describeWindow(window: TimeWindow): string {
  const extras = [
    ...(window.exclude.length > 0 ? [`not ${window.exclude.join(', ')}`] : []),
    ...(window.minRating !== undefined ? [`rating >= ${window.minRating}`] : []),
    ...(window.notPlayedDays !== undefined ? [`not played in ${window.notPlayedDays} days`] : []),
    ...(window.size !== undefined ? [`${window.size} tracks`] : []),
  ];
  return `${window.genres.join(', ')}${extras.length > 0 ? ` (${extras.join('; ')})` : ''}`;
}

/** Occurrences from yesterday to the day after tomorrow: enough to hold every boundary after `now`. */
function upcoming(windows: readonly TimeWindow[], now: Date, zone: string): WindowOccurrence[] {
  const today = localDateOf(now, zone);
  return [-1, 0, 1, 2].flatMap((days) =>
    windows.map((window, index) => occurrenceOn(window, index, addDays(today, days), zone)),
  );
}

/**
 * The zone's wall-clock reading at `instant`, written as if it were a UTC time. (date-fns-tz's
 * getTimezoneOffset reads its date argument as a local time, not an instant, so it does not fit here.)
 */
function wallClock(instant: number, zone: string): number {
  return Date.parse(formatInZone(new Date(instant), zone, "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"));
}

function naiveUtc(date: string, minute: number): number {
  const [year = NaN, month = NaN, day = NaN] = date.split('-').map(Number);
  return Date.UTC(year, month - 1, day) + minute * MINUTE;
}
