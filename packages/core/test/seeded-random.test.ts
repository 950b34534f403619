import { describe, it, expect } from '@jest/globals';
import { hashSeed, seededRandom, seededUnit } from '@harmoniq/core';

describe('seeded random numbers', () => {
  it('repeat for the same seed and differ for another', () => {
    const draw = (seed: string) => {
      const next = seededRandom(seed);
      return Array.from({ length: 5 }, () => next());
    };
    expect(draw('2026-11-24 06:00-11:00')).toEqual(draw('2026-11-24 06:00-11:00'));
    expect(draw('2026-11-25 06:00-11:00')).not.toEqual(draw('2026-11-24 06:00-11:00'));
  });

  it('stay in [0, 1) and spread evenly', () => {
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const u = seededUnit(`seed|${i}`);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      buckets[Math.floor(u * 10)]! += 1;
    }
    for (const count of buckets) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });

  it('give the first draw of a generator as seededUnit', () => {
    expect(seededUnit('x')).toBe(seededRandom('x')());
    expect(seededRandom(hashSeed('x'))()).toBe(seededRandom('x')());
  });
});
