import { describe, expect, it } from '@jest/globals';
import { buildPairPostings, buildPostings, pairIndex, postingsSize } from '../src/match/postings.js';

/** A small deterministic generator: the lists below are compared with plain Maps built from the same pairs. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Distinct keys for each of `values` values (skewed: a few keys are on many values, as common words are). */
function randomKeys(rnd: () => number, values: number, keyCount: number, most: number): number[][] {
  const out: number[][] = [];
  for (let v = 0; v < values; v++) {
    const keys = new Set<number>();
    const n = Math.floor(rnd() * (most + 1));
    for (let i = 0; i < n; i++) keys.add(Math.floor(rnd() * rnd() * keyCount));
    out.push([...keys]);
  }
  return out;
}

describe('matcher postings (typed-array lists)', () => {
  it('keeps each key’s values ascending, with empty keys in between', () => {
    const keyCount = 300;
    const keysOf = randomKeys(random(7), 5000, keyCount, 3);
    const p = buildPostings(keyCount, (emit) => keysOf.forEach((keys, v) => keys.forEach((k) => emit(k, v))));
    for (let key = 0; key < keyCount; key++) {
      const want = keysOf.flatMap((keys, v) => (keys.includes(key) ? [v] : []));
      expect(postingsSize(p, key)).toBe(want.length);
      expect([...p.values.subarray(p.start[key], p.start[key + 1])]).toEqual(want);
    }
    expect(postingsSize(p, keyCount)).toBe(0);
    expect(postingsSize(p, -1)).toBe(0);
  });

  it('finds the values of (outer, inner) pairs by bisection, ascending, and nothing for absent pairs', () => {
    const rnd = random(11);
    const inners = 400;
    const outers = 120;
    const innerKeysOf = randomKeys(rnd, 4000, inners, 3);
    const outerOf = Int32Array.from(innerKeysOf, () => Math.floor(rnd() * rnd() * outers));
    const byInner = buildPostings(inners, (emit) => innerKeysOf.forEach((keys, v) => keys.forEach((k) => emit(k, v))));
    const p = buildPairPostings(byInner, outerOf, outers);
    const expected = new Map<string, number[]>();
    innerKeysOf.forEach((keys, v) => {
      for (const k of keys) expected.set(`${outerOf[v]}/${k}`, [...(expected.get(`${outerOf[v]}/${k}`) ?? []), v]);
    });
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
        expect(p.inner[j]).toBe(inner);
        expect([...p.values.subarray(p.valueStart[j], p.valueStart[j + 1])]).toEqual(want);
      }
    }
    expect(found).toBe(expected.size);
    expect(found).toBeGreaterThan(1000);
    expect(pairIndex(p, outers, 0)).toBe(-1);
    expect(pairIndex(p, -1, 0)).toBe(-1);
  });
});
