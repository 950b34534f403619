import { describe, expect, it } from '@jest/globals';
import { pairIndex, postingsSize, PairPostingsBuilder, PostingsBuilder } from '../src/match/postings.js';

/** A small deterministic generator: the lists below are compared with plain Maps built from the same pairs. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('matcher postings (typed-array lists)', () => {
  it('keeps each key’s values in the order they were added, once each, with empty keys in between', () => {
    const rnd = random(7);
    const builder = new PostingsBuilder();
    const expected = new Map<number, number[]>();
    const keys = 300;
    for (let value = 0; value < 5000; value++) {
      // Several keys per value, sometimes the same key twice (a name listed twice in one credit).
      for (let n = 0; n < 3; n++) {
        const key = Math.floor(rnd() * rnd() * keys);
        builder.add(key, value);
        const list = expected.get(key) ?? [];
        if (list[list.length - 1] !== value) list.push(value);
        expected.set(key, list);
      }
    }
    const p = builder.build(keys);
    for (let key = 0; key < keys; key++) {
      const want = expected.get(key) ?? [];
      expect(postingsSize(p, key)).toBe(want.length);
      expect([...p.values.subarray(p.start[key], p.start[key + 1])]).toEqual(want);
    }
    expect(postingsSize(p, keys)).toBe(0);
    expect(postingsSize(p, -1)).toBe(0);
  });

  it('finds the values of (outer, inner) pairs by binary search, in added order, and nothing for absent pairs', () => {
    const rnd = random(11);
    const builder = new PairPostingsBuilder();
    const expected = new Map<string, number[]>();
    const outers = 120;
    const inners = 400;
    for (let value = 0; value < 4000; value++) {
      const outer = Math.floor(rnd() * rnd() * outers);
      for (let n = 0; n < 1 + Math.floor(rnd() * 3); n++) {
        const inner = Math.floor(rnd() * inners);
        builder.add(outer, inner, value);
        const list = expected.get(`${outer}/${inner}`) ?? [];
        if (list[list.length - 1] !== value) list.push(value);
        expected.set(`${outer}/${inner}`, list);
      }
    }
    const p = builder.build(outers, inners);
    let found = 0;
    for (let outer = 0; outer < outers; outer++) {
      for (let inner = 0; inner < inners; inner++) {
        const want = expected.get(`${outer}/${inner}`);
        const j = pairIndex(p, outer, inner);
        if (want === undefined) {
          expect(j).toBe(-1);
          continue;
        }
        found++;
        expect(j).toBeGreaterThanOrEqual(0);
        expect(p.inner[j]).toBe(inner);
        expect([...p.values.subarray(p.valueStart[j], p.valueStart[j + 1])]).toEqual(want);
      }
    }
    expect(found).toBe(expected.size);
    expect(pairIndex(p, outers, 0)).toBe(-1);
    expect(pairIndex(p, -1, 0)).toBe(-1);
  });
});
