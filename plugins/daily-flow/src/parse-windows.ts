import type { ConfigIssue, ParseResult } from '@harmoniq/core';
import { parseClockTime, windowLabel, windowsOverlap, type TimeWindow } from './time-window.js';

/**
 * Parses `06:00-11:00=Chillout,Acoustic;22:00-06:00=Ambient` (TIME_WINDOWS). Entries are separated by `;`
 * or new lines, genres by `,`. Every problem is reported at once, each with the window's position
 * (`TIME_WINDOWS[2]`) and its text.
 */
export function parseTimeWindows(text: string, path = 'TIME_WINDOWS'): ParseResult<TimeWindow[]> {
  const entries = text
    .split(/[;\n]/)
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  if (entries.length === 0) {
    return { ok: false, errors: [{ path, message: 'no time windows given; write e.g. 06:00-11:00=Chillout,Acoustic;11:00-17:00=Pop' }] };
  }
  const errors: ConfigIssue[] = [];
  const windows: (TimeWindow | undefined)[] = entries.map((entry, i) => {
    const at = `${path}[${i}]`;
    const eq = entry.indexOf('=');
    const range = (eq < 0 ? entry : entry.slice(0, eq)).trim();
    const genres = eq < 0 ? [] : splitGenres(entry.slice(eq + 1));
    const times = /^([^-]*)-([^-]*)$/.exec(range);
    const issues: string[] = [];
    if (!times) issues.push(`'${range}' is not a time range; write HH:MM-HH:MM, e.g. 06:00-11:00`);
    if (genres.length === 0) issues.push('lists no genres; write e.g. 06:00-11:00=Chillout,Acoustic');
    const window = times ? checkWindow(times[1] ?? '', times[2] ?? '', genres, issues) : undefined;
    for (const issue of issues) errors.push({ path: at, message: `window '${entry}': ${issue}` });
    return issues.length === 0 ? window : undefined;
  });
  errors.push(...overlapIssues(windows, path));
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: windows.filter((w): w is TimeWindow => w !== undefined) };
}

/**
 * Parses `sources.daily-flow.windows`: `[{ start, end, genres, exclude?, minRating?, notPlayedDays?, size? }]`.
 */
export function parseWindowList(raw: unknown, path: string): ParseResult<TimeWindow[]> {
  if (!Array.isArray(raw)) return { ok: false, errors: [{ path, message: 'must be a list of windows ({ start, end, genres })' }] };
  if (raw.length === 0) return { ok: false, errors: [{ path, message: 'lists no windows' }] };
  const errors: ConfigIssue[] = [];
  const windows = raw.map((item: unknown, i): TimeWindow | undefined => {
    const at = `${path}[${i}]`;
    if (!isRecord(item)) {
      errors.push({ path: at, message: 'must be an object like { start: "06:00", end: "11:00", genres: ["Chillout"] }' });
      return undefined;
    }
    const issues: string[] = [];
    const start = stringField(item, 'start', issues);
    const end = stringField(item, 'end', issues);
    const listed = genreList(item, 'genres', issues);
    const genres = listed ?? [];
    if (listed?.length === 0) issues.push('genres lists no genres');
    const exclude = genreList(item, 'exclude', issues) ?? [];
    const minRating = numberField(item, 'minRating', 0, 10, false, issues);
    const notPlayedDays = numberField(item, 'notPlayedDays', 1, 3650, true, issues);
    const size = numberField(item, 'size', 1, 10000, true, issues);
    for (const key of Object.keys(item)) {
      if (!KNOWN_WINDOW_KEYS.has(key)) issues.push(`unknown key '${key}' (known: ${[...KNOWN_WINDOW_KEYS].join(', ')})`);
    }
    const checked = start !== undefined && end !== undefined ? checkWindow(start, end, genres, issues) : undefined;
    const name = start !== undefined && end !== undefined ? `window ${start}-${end}` : 'window';
    for (const issue of issues) errors.push({ path: at, message: `${name}: ${issue}` });
    if (issues.length > 0 || !checked) return undefined;
    return {
      ...checked,
      exclude,
      ...(minRating !== undefined ? { minRating } : {}),
      ...(notPlayedDays !== undefined ? { notPlayedDays } : {}),
      ...(size !== undefined ? { size } : {}),
    };
  });
  errors.push(...overlapIssues(windows, path));
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: windows.filter((w): w is TimeWindow => w !== undefined) };
}

const KNOWN_WINDOW_KEYS = new Set(['start', 'end', 'genres', 'exclude', 'minRating', 'notPlayedDays', 'size']);

function checkWindow(startText: string, endText: string, genres: string[], issues: string[]): TimeWindow | undefined {
  const start = startText.trim();
  const end = endText.trim();
  const startMinute = parseClockTime(start, false);
  const endMinute = parseClockTime(end, true);
  if (startMinute === undefined) issues.push(`start '${start}' is not a time of day; write HH:MM from 00:00 to 23:59`);
  if (endMinute === undefined) issues.push(`end '${end}' is not a time of day; write HH:MM from 00:00 to 24:00`);
  if (startMinute === undefined || endMinute === undefined) return undefined;
  if (startMinute === endMinute) {
    issues.push(`starts and ends at ${start}, so it is empty; for the whole day write 00:00-24:00`);
    return undefined;
  }
  if (genres.length === 0) return undefined;
  return { start, end, startMinute, endMinute, genres, exclude: [] };
}

function overlapIssues(windows: readonly (TimeWindow | undefined)[], path: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  windows.forEach((window, i) => {
    if (!window) return;
    for (let j = 0; j < i; j++) {
      const earlier = windows[j];
      if (earlier && windowsOverlap(earlier, window)) {
        issues.push({
          path: `${path}[${i}]`,
          message: `window ${windowLabel(window)} overlaps ${path}[${j}] (${windowLabel(earlier)}); windows may touch but not overlap`,
        });
      }
    }
  });
  return issues;
}

function splitGenres(text: string): string[] {
  return text
    .split(',')
    .map((g) => g.trim())
    .filter((g) => g.length > 0);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(item: Record<string, unknown>, key: string, issues: string[]): string | undefined {
  const value = item[key];
  if (typeof value === 'string') return value;
  issues.push(value === undefined ? `${key} is missing (HH:MM)` : `${key} must be a string like "06:00"`);
  return undefined;
}

/** Accepts a list of strings or one comma-separated string. */
function genreList(item: Record<string, unknown>, key: string, issues: string[]): string[] | undefined {
  const value = item[key];
  if (value === undefined) {
    if (key === 'genres') issues.push('genres is missing');
    return undefined;
  }
  if (typeof value === 'string') return splitGenres(value);
  if (Array.isArray(value) && value.every((g): g is string => typeof g === 'string')) {
    return value.map((g) => g.trim()).filter((g) => g.length > 0);
  }
  issues.push(`${key} must be a list of genre names`);
  return undefined;
}

function numberField(
  item: Record<string, unknown>,
  key: string,
  min: number,
  max: number,
  integer: boolean,
  issues: string[],
): number | undefined {
  const value = item[key];
  if (value === undefined) return undefined;
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    issues.push(`${key} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`);
    return undefined;
  }
  return n;
}
