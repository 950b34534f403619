import { describe, it, expect } from '@jest/globals';
import { formatInTimeZone } from 'date-fns-tz';
import { formatInZone } from '@harmoniq/core';

// Every pattern Harmoniq formats with, and zones with half-hour, negative, DST and no offsets.
const PATTERNS = ['yyyy-MM-dd', 'yyyy-MM-dd HH:mm zzz', 'MMM d HH:mm', "yyyy-MM-dd'T'HH:mm:ssxxx", 'HH:mm', "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"];
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Adelaide', 'America/St_Johns', 'Pacific/Chatham', 'Asia/Kathmandu', 'Pacific/Honolulu'];
// Around DST changes in both hemispheres, midnight and the turn of a year.
const INSTANTS = [
  '2026-03-29T00:59:59Z', '2026-03-29T01:00:00Z', '2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z',
  '2026-04-05T15:59:00Z', '2026-10-04T16:30:00Z', '2026-03-08T06:59:00Z', '2026-11-01T06:00:00Z',
  '2026-12-31T23:59:59.999Z', '2027-01-01T00:00:00Z', '2026-07-15T12:00:00.123Z',
];

describe('formatInZone', () => {
  it('writes exactly what date-fns-tz writes, for every pattern, zone and instant', () => {
    let compared = 0;
    for (const zone of ZONES) {
      for (const at of INSTANTS) {
        for (const pattern of PATTERNS) {
          const date = new Date(at);
          expect([zone, at, pattern, formatInZone(date, zone, pattern)]).toEqual([zone, at, pattern, formatInTimeZone(date, zone, pattern)]);
          compared++;
        }
      }
    }
    expect(compared).toBe(ZONES.length * INSTANTS.length * PATTERNS.length);
  });

  it('writes a zone offset with its sign and minutes', () => {
    expect(formatInZone(new Date('2026-01-15T12:00:00Z'), 'America/St_Johns', "HH:mmxxx")).toBe('08:30-03:30');
    expect(formatInZone(new Date('2026-01-15T12:00:00Z'), 'Asia/Kathmandu', "HH:mmxxx")).toBe('17:45+05:45');
    expect(formatInZone(new Date('2026-01-15T12:00:00Z'), 'UTC', "HH:mmxxx")).toBe('12:00+00:00');
  });

  it('refuses an unknown zone, as date-fns-tz does', () => {
    expect(() => formatInZone(new Date(), 'Mars/Olympus_Mons', 'yyyy-MM-dd')).toThrow(RangeError);
  });
});
