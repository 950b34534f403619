import { formatInZone } from './format-in-zone.js';

/** The only place code asks for the time. Tests inject a fixed or accelerated clock. */
export interface Clock {
  now(): Date;
  /** IANA zone name, e.g. 'Europe/Berlin'. */
  zone: string;
}

export function systemZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function systemClock(zone: string = systemZone()): Clock {
  return { now: () => new Date(), zone };
}

export function fixedClock(at: Date | string, zone = 'UTC'): Clock {
  const date = typeof at === 'string' ? new Date(at) : at;
  return { now: () => new Date(date.getTime()), zone };
}

/** `2026-11-24` in the clock's zone: the seed for anything that must be stable within a day. */
export function localDate(clock: Clock): string {
  return formatInZone(clock.now(), clock.zone, 'yyyy-MM-dd');
}

/** `2026-11-24 14:05 CET`, for playlist summaries and logs. */
export function formatLocal(clock: Clock, date: Date = clock.now()): string {
  return formatInZone(date, clock.zone, 'yyyy-MM-dd HH:mm zzz');
}

/** `Dec 7 07:05` in the clock's zone: a table cell, where the year and zone go without saying. */
export function formatShortLocal(clock: Clock, date: Date): string {
  return formatInZone(date, clock.zone, 'MMM d HH:mm');
}
