import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseTimeWindows, windowLabel } from '@harmoniq/plugin-daily-flow';

/** TIME_WINDOWS is typed by people into compose files: any text gives windows or every problem, never a throw. */

const hhmm = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const genre = fc.stringMatching(/^[A-Za-z][A-Za-z &-]{0,12}$/).filter((g) => g.trim() !== '');

describe('parseTimeWindows on arbitrary text', () => {
  it('never throws, and answers either windows or problems that each name a path and say something', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.stringMatching(/^[0-9:;=,\n -]{0,60}$/)), (text) => {
        const r = parseTimeWindows(text);
        if (r.ok) {
          for (const w of r.value) {
            expect(w.startMinute).toBeGreaterThanOrEqual(0);
            expect(w.startMinute).toBeLessThan(1440);
            expect(w.endMinute).toBeGreaterThan(0);
            expect(w.endMinute).toBeLessThanOrEqual(1440);
            expect(w.genres.length).toBeGreaterThan(0);
          }
        } else {
          expect(r.errors.length).toBeGreaterThan(0);
          for (const e of r.errors) {
            expect(e.path).toMatch(/^TIME_WINDOWS/);
            expect(e.message.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('accepts one well-formed window whatever its times and genres, and keeps them', () => {
    fc.assert(
      fc.property(hhmm, hhmm, fc.array(genre, { minLength: 1, maxLength: 4 }), (start, end, genres) => {
        fc.pre(start !== end);
        const r = parseTimeWindows(`${start}-${end}=${genres.join(',')}`);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.value).toHaveLength(1);
        expect(r.value[0]!.start).toBe(start);
        expect(windowLabel(r.value[0]!)).toContain(start);
        expect(r.value[0]!.genres.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('reports every broken entry of a list, not only the first', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), (n) => {
        const text = Array.from({ length: n }, (_, i) => `2${i}:99-nope`).join(';');
        const r = parseTimeWindows(text);
        expect(r.ok).toBe(false);
        if (r.ok) return;
        const paths = new Set(r.errors.map((e) => e.path));
        for (let i = 0; i < n; i++) expect(paths.has(`TIME_WINDOWS[${i}]`)).toBe(true);
      }),
    );
  });
});
