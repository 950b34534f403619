import { format } from 'date-fns/format';
import { toZonedTime } from 'date-fns-tz/toZonedTime';

/**
 * date-fns-tz's `formatInTimeZone` for the patterns Harmoniq uses: date-fns tokens, ending at most in one zone
 * token, `xxx` (the offset, `+01:00`) or `zzz` (the short zone name, `CET`). date-fns-tz's own formatter imports the
 * whole of date-fns (~250 modules) for its zone tokens: ~10 MB resident and ~100 ms at every start, for a log line's
 * timestamp. Here the wall-clock part is date-fns' `format` of the zone's wall time (date-fns-tz's `toZonedTime`)
 * and the zone token is Intl's name or offset for the instant, as date-fns-tz writes it (a test compares both over
 * zones, dates and patterns).
 */
export function formatInZone(date: Date | number, zone: string, pattern: string): string {
  const instant = new Date(date);
  const token = ZONE_TOKEN.exec(pattern)?.[0];
  const wall = format(toZonedTime(instant, zone), token === undefined ? pattern : pattern.slice(0, -token.length));
  if (token === undefined) return wall;
  return wall + (token === 'xxx' ? offsetText(zoneName(instant, zone, 'longOffset')) : zoneName(instant, zone, 'short'));
}

const ZONE_TOKEN = /(?:xxx|zzz)$/;

/** `GMT+01:00` → `+01:00`, `GMT` → `+00:00`: date-fns' `xxx`. */
function offsetText(longOffset: string): string {
  const offset = longOffset.replace(/^GMT/, '');
  return offset === '' ? '+00:00' : offset;
}

const namers = new Map<string, Intl.DateTimeFormat>();
/** The zone's name at that instant in the system's locale: `short` as date-fns-tz's `zzz` (`CET`, `GMT+1`), or its offset. */
function zoneName(instant: Date, zone: string, style: 'short' | 'longOffset'): string {
  let namer = namers.get(`${style} ${zone}`);
  if (namer === undefined) {
    namer = new Intl.DateTimeFormat(undefined, { timeZone: zone, timeZoneName: style });
    namers.set(`${style} ${zone}`, namer);
  }
  return namer.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? '';
}
