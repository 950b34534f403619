import { describe, expect, it } from '@jest/globals';
import { wrapTitle, type Measure } from '../src/wrap-title.js';

/** Every character is half the font size wide: easy to reason about. */
const measure: Measure = (text, size) => text.length * size * 0.5;

describe('wrapTitle', () => {
  it('keeps a short title on one line at the largest size', () => {
    expect(wrapTitle('Daily Flow', measure, { maxWidth: 600, maxLines: 3, sizes: [96, 80, 60] })).toEqual({ lines: ['Daily Flow'], fontSize: 96 });
  });

  it('breaks between words and shrinks until the title fits in the allowed lines', () => {
    const title = 'Friday night in the kitchen with the radio on';
    const out = wrapTitle(title, measure, { maxWidth: 600, maxLines: 3, sizes: [96, 80, 60] });
    expect(out.lines.length).toBeLessThanOrEqual(3);
    expect(out.lines.join(' ')).toBe(title);
    for (const line of out.lines) expect(measure(line, out.fontSize)).toBeLessThanOrEqual(600);
    expect(out.fontSize).toBeLessThan(96);
  });

  it('cuts a title that fits at no size with an ellipsis, never overflowing', () => {
    const title = 'Supercalifragilisticexpialidocious '.repeat(6).trim();
    const out = wrapTitle(title, measure, { maxWidth: 300, maxLines: 2, sizes: [60, 40] });
    expect(out.fontSize).toBe(40);
    expect(out.lines).toHaveLength(2);
    expect(out.lines[1]!.endsWith('…')).toBe(true);
    for (const line of out.lines) expect(measure(line, 40)).toBeLessThanOrEqual(300);
  });

  it('draws nothing for a blank title', () => {
    expect(wrapTitle('   ', measure, { maxWidth: 300, maxLines: 2, sizes: [60] }).lines).toEqual([]);
  });
});
