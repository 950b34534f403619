import { describe, it, expect } from '@jest/globals';
import {
  activeOccurrence,
  activeWindow,
  describeWindows,
  nextBoundary,
  nextOccurrence,
  parseTimeWindows,
  type TimeWindow,
} from '@harmoniq/plugin-daily-flow';

function windows(text: string): TimeWindow[] {
  const result = parseTimeWindows(text);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

const label = (w: TimeWindow | undefined): string | undefined => (w ? `${w.start}-${w.end}` : undefined);
const at = (iso: string): Date => new Date(iso);
const EXAMPLE = windows('06:00-11:00=Chillout,Acoustic;11:00-17:00=Pop,Rock;17:00-22:00=Electronic,Dance;22:00-06:00=Ambient');

describe('activeWindow', () => {
  it.each([
    ['2026-11-24T06:00:00Z', '06:00-11:00'],
    ['2026-11-24T10:59:59Z', '06:00-11:00'],
    ['2026-11-24T11:00:00Z', '11:00-17:00'],
    ['2026-11-24T17:30:00Z', '17:00-22:00'],
    ['2026-11-24T22:00:00Z', '22:00-06:00'],
    ['2026-11-24T05:59:00Z', '22:00-06:00'],
  ])('at %s (UTC) picks %s', (now, expected) => {
    expect(label(activeWindow(EXAMPLE, at(now), 'UTC'))).toBe(expected);
  });

  it('reads the windows in the clock zone, not in UTC', () => {
    // 05:30 UTC is 06:30 in Berlin (CET) and 00:30 in New York (EST).
    expect(label(activeWindow(EXAMPLE, at('2026-11-24T05:30:00Z'), 'Europe/Berlin'))).toBe('06:00-11:00');
    expect(label(activeWindow(EXAMPLE, at('2026-11-24T05:30:00Z'), 'America/New_York'))).toBe('22:00-06:00');
    // 05:30 UTC is 11:00 in Kolkata (UTC+05:30): the next window starts exactly then.
    expect(label(activeWindow(EXAMPLE, at('2026-11-24T05:30:00Z'), 'Asia/Kolkata'))).toBe('11:00-17:00');
  });

  it('keeps the start date of a window that crosses midnight', () => {
    const late = activeOccurrence(EXAMPLE, at('2026-11-24T23:30:00Z'), 'UTC');
    const early = activeOccurrence(EXAMPLE, at('2026-11-25T03:00:00Z'), 'UTC');
    expect(late?.date).toBe('2026-11-24');
    expect(early?.date).toBe('2026-11-24');
    expect(early?.start.toISOString()).toBe('2026-11-24T22:00:00.000Z');
    expect(early?.end.toISOString()).toBe('2026-11-25T06:00:00.000Z');
  });

  it('finds no window in a gap between windows', () => {
    const gappy = windows('06:00-11:00=Jazz;18:00-23:00=Rock');
    expect(activeWindow(gappy, at('2026-11-24T23:10:00Z'), 'UTC')).toBeUndefined();
    expect(activeWindow(gappy, at('2026-11-24T12:00:00Z'), 'UTC')).toBeUndefined();
    expect(label(nextOccurrence(gappy, at('2026-11-24T23:10:00Z'), 'UTC')?.window)).toBe('06:00-11:00');
  });

  it('treats 24:00 as the end of the day', () => {
    const day = windows('00:00-12:00=Jazz;12:00-24:00=Rock');
    expect(label(activeWindow(day, at('2026-11-24T23:59:59Z'), 'UTC'))).toBe('12:00-24:00');
    expect(label(activeWindow(day, at('2026-11-25T00:00:00Z'), 'UTC'))).toBe('00:00-12:00');
  });
});

describe('daylight saving time', () => {
  describe('Europe/Berlin, spring forward (2026-03-29, 02:00 CET becomes 03:00 CEST at 01:00 UTC)', () => {
    const zone = 'Europe/Berlin';
    const night = windows('22:00-02:30=Ambient;02:30-06:00=Jazz;06:00-22:00=Pop');

    it('starts a window whose wall time does not exist at the first instant after the gap', () => {
      const o = activeOccurrence(night, at('2026-03-29T01:00:00Z'), zone);
      expect(label(o?.window)).toBe('02:30-06:00');
      expect(o?.start.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    });

    it('ends the window before it at the same instant', () => {
      expect(label(activeWindow(night, at('2026-03-29T00:59:59Z'), zone))).toBe('22:00-02:30');
      expect(nextBoundary(night, at('2026-03-29T00:10:00Z'), zone)?.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    });

    it('starts later windows at their wall-clock time in summer time', () => {
      const o = activeOccurrence(night, at('2026-03-29T04:00:00Z'), zone);
      expect(label(o?.window)).toBe('06:00-22:00');
      expect(o?.start.toISOString()).toBe('2026-03-29T04:00:00.000Z');
    });

    it('gives a whole-day window 23 hours', () => {
      const o = activeOccurrence(windows('00:00-24:00=Pop'), at('2026-03-29T12:00:00Z'), zone);
      expect(o && (o.end.getTime() - o.start.getTime()) / 3_600_000).toBe(23);
    });
  });

  describe('Europe/Berlin, fall back (2026-10-25, 03:00 CEST becomes 02:00 CET at 01:00 UTC)', () => {
    const zone = 'Europe/Berlin';
    const night = windows('22:00-02:30=Ambient;02:30-06:00=Jazz;06:00-22:00=Pop');

    it('starts a window at the first of the two 02:30s and keeps it through the repeated hour', () => {
      const first = activeOccurrence(night, at('2026-10-25T00:30:00Z'), zone);
      expect(label(first?.window)).toBe('02:30-06:00');
      expect(first?.start.toISOString()).toBe('2026-10-25T00:30:00.000Z');
      // 01:15 UTC reads 02:15 CET, the second time the clock shows 02:15.
      expect(label(activeWindow(night, at('2026-10-25T01:15:00Z'), zone))).toBe('02:30-06:00');
      expect(first?.end.toISOString()).toBe('2026-10-25T05:00:00.000Z');
    });

    it('ends the night window at the first 02:30', () => {
      expect(label(activeWindow(night, at('2026-10-25T00:29:00Z'), zone))).toBe('22:00-02:30');
      expect(nextBoundary(night, at('2026-10-25T00:00:00Z'), zone)?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    });

    it('gives a whole-day window 25 hours', () => {
      const o = activeOccurrence(windows('00:00-24:00=Pop'), at('2026-10-25T12:00:00Z'), zone);
      expect(o && (o.end.getTime() - o.start.getTime()) / 3_600_000).toBe(25);
    });
  });

  describe('America/New_York, spring forward (2026-03-08, 02:00 EST becomes 03:00 EDT at 07:00 UTC)', () => {
    const zone = 'America/New_York';
    const night = windows('20:00-02:00=Ambient;02:00-08:00=Jazz;08:00-20:00=Pop');

    it('starts the 02:00 window at 03:00 EDT and ends the one before it there', () => {
      expect(label(activeWindow(night, at('2026-03-08T06:59:00Z'), zone))).toBe('20:00-02:00');
      const o = activeOccurrence(night, at('2026-03-08T07:00:00Z'), zone);
      expect(label(o?.window)).toBe('02:00-08:00');
      expect(o?.start.toISOString()).toBe('2026-03-08T07:00:00.000Z');
      expect(o?.end.toISOString()).toBe('2026-03-08T12:00:00.000Z');
    });

    it('fires the daemon at the jump', () => {
      expect(nextBoundary(night, at('2026-03-08T05:00:00Z'), zone)?.toISOString()).toBe('2026-03-08T07:00:00.000Z');
    });
  });

  describe('America/New_York, fall back (2026-11-01, 02:00 EDT becomes 01:00 EST at 06:00 UTC)', () => {
    const zone = 'America/New_York';
    const night = windows('20:00-01:30=Ambient;01:30-08:00=Jazz;08:00-20:00=Pop');

    it('starts the 01:30 window at its first occurrence (EDT) and keeps it through the repeated hour', () => {
      const o = activeOccurrence(night, at('2026-11-01T05:30:00Z'), zone);
      expect(label(o?.window)).toBe('01:30-08:00');
      expect(o?.start.toISOString()).toBe('2026-11-01T05:30:00.000Z');
      // 06:10 UTC reads 01:10 EST.
      expect(label(activeWindow(night, at('2026-11-01T06:10:00Z'), zone))).toBe('01:30-08:00');
      expect(o?.end.toISOString()).toBe('2026-11-01T13:00:00.000Z');
    });

    it('does not fire twice for the repeated 01:30', () => {
      expect(nextBoundary(night, at('2026-11-01T05:31:00Z'), zone)?.toISOString()).toBe('2026-11-01T13:00:00.000Z');
    });
  });
});

describe('nextBoundary', () => {
  it('is the next start or end of any window', () => {
    expect(nextBoundary(EXAMPLE, at('2026-11-24T10:59:00Z'), 'UTC')?.toISOString()).toBe('2026-11-24T11:00:00.000Z');
    expect(nextBoundary(EXAMPLE, at('2026-11-24T11:00:00Z'), 'UTC')?.toISOString()).toBe('2026-11-24T17:00:00.000Z');
    expect(nextBoundary(EXAMPLE, at('2026-11-24T23:00:00Z'), 'UTC')?.toISOString()).toBe('2026-11-25T06:00:00.000Z');
  });

  it('counts the end of a window before a gap, then the next start', () => {
    const gappy = windows('06:00-11:00=Jazz;18:00-23:00=Rock');
    expect(nextBoundary(gappy, at('2026-11-24T20:00:00Z'), 'UTC')?.toISOString()).toBe('2026-11-24T23:00:00.000Z');
    expect(nextBoundary(gappy, at('2026-11-24T23:10:00Z'), 'UTC')?.toISOString()).toBe('2026-11-25T06:00:00.000Z');
  });

  it('is in the clock zone', () => {
    expect(nextBoundary(EXAMPLE, at('2026-11-24T09:00:00Z'), 'Europe/Berlin')?.toISOString()).toBe('2026-11-24T10:00:00.000Z');
  });

  it('is undefined without windows', () => {
    expect(nextBoundary([], at('2026-11-24T09:00:00Z'), 'UTC')).toBeUndefined();
  });
});

describe('describeWindows', () => {
  it('lists every window, marks the active one and says when the next change happens', () => {
    const lines = describeWindows(EXAMPLE, at('2026-11-24T12:05:00Z'), 'Europe/Berlin');
    expect(lines[0]).toMatch(/^Daily Flow windows in Europe\/Berlin \(now 2026-11-24 13:05 /);
    expect(lines.slice(1, 5)).toEqual([
      '  06:00-11:00  Chillout, Acoustic',
      '* 11:00-17:00  Pop, Rock  <- active now',
      '  17:00-22:00  Electronic, Dance',
      '  22:00-06:00  Ambient',
    ]);
    expect(lines[5]).toMatch(/^Next change at 2026-11-24 17:00 .*: 11:00-17:00 ends, 17:00-22:00 starts\.$/);
  });

  it('shows the extras of a window', () => {
    const list = [{ ...EXAMPLE[0]!, exclude: ['Metal'], minRating: 6, notPlayedDays: 14, size: 20 }];
    expect(describeWindows(list, at('2026-11-24T12:00:00Z'), 'UTC')[1]).toBe(
      '  06:00-11:00  Chillout, Acoustic (not Metal; rating >= 6; not played in 14 days; 20 tracks)',
    );
  });

  it('says which window starts next when none is active', () => {
    const lines = describeWindows(windows('06:00-11:00=Jazz;18:00-23:00=Rock'), at('2026-11-24T23:10:00Z'), 'UTC');
    expect(lines[lines.length - 1]).toMatch(/^No window is active now; 06:00-11:00 starts at 2026-11-25 06:00 /);
  });
});
