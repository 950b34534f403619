/**
 * Posting lists in typed arrays (compressed sparse rows): the values of key k are `values[start[k]..start[k+1])`,
 * ascending. One Int32Array for all lists instead of a Map of arrays keeps a 300k-track index a few MB and
 * nothing for the garbage collector to walk. Rows are counted first and then filled, so building needs no
 * growing buffers (which were a cold run's high-water mark: ~70 MB of transient external memory at 300k).
 */
export interface Postings {
  readonly start: Int32Array;
  readonly values: Int32Array;
}

export function postingsSize(p: Postings, key: number): number {
  return key < 0 || key + 1 >= p.start.length ? 0 : p.start[key + 1]! - p.start[key]!;
}

/**
 * Rows from `visit`, which is called twice (to count, then to fill) and must emit the same distinct
 * (key, value) pairs both times, in ascending value order: each row is then ascending.
 */
export function buildPostings(keyCount: number, visit: (emit: (key: number, value: number) => void) => void): Postings {
  const start = new Int32Array(keyCount + 1);
  visit((key) => {
    start[key + 1]!++;
  });
  for (let k = 0; k < keyCount; k++) start[k + 1]! += start[k]!;
  const values = new Int32Array(start[keyCount]!);
  const next = start.slice(0, keyCount);
  visit((key, value) => {
    values[next[key]!++] = value;
  });
  return { start, values };
}

/**
 * Postings by a pair of keys (title core, artist name): for each outer key, its inner keys in ascending order
 * (`inner`, bisected by pairIndex) with the start of each pair's values.
 */
export interface PairPostings {
  /** Outer key k owns pairs `firstPair[k]..firstPair[k+1]`. */
  readonly firstPair: Int32Array;
  readonly inner: Int32Array;
  /** Pair j's values are `values[valueStart[j]..valueStart[j+1])`, ascending. */
  readonly valueStart: Int32Array;
  readonly values: Int32Array;
}

/**
 * The pairs (outerOf(v), k) for every row k of `byInner` and value v in it. Walking the rows in key order and
 * dropping each value into its outer key's bucket leaves every bucket sorted by inner key, then value: a
 * counting sort, no comparisons.
 */
export function buildPairPostings(byInner: Postings, outerOf: Int32Array, outerCount: number): PairPostings {
  const innerCount = byInner.start.length - 1;
  const total = byInner.values.length;
  const bucketStart = new Int32Array(outerCount + 1);
  for (let j = 0; j < total; j++) bucketStart[outerOf[byInner.values[j]!]! + 1]!++;
  for (let o = 0; o < outerCount; o++) bucketStart[o + 1]! += bucketStart[o]!;
  const next = bucketStart.slice(0, outerCount);
  const values = new Int32Array(total);
  const innerAt = new Int32Array(total);
  for (let k = 0; k < innerCount; k++) {
    for (let j = byInner.start[k]!; j < byInner.start[k + 1]!; j++) {
      const v = byInner.values[j]!;
      const slot = next[outerOf[v]!]!++;
      values[slot] = v;
      innerAt[slot] = k;
    }
  }
  // A pair starts where the bucket starts or the inner key changes.
  const isStart = (o: number, slot: number): boolean => slot === bucketStart[o] || innerAt[slot] !== innerAt[slot - 1];
  let pairs = 0;
  for (let o = 0; o < outerCount; o++) for (let s = bucketStart[o]!; s < bucketStart[o + 1]!; s++) if (isStart(o, s)) pairs++;
  const firstPair = new Int32Array(outerCount + 1);
  const inner = new Int32Array(pairs);
  const valueStart = new Int32Array(pairs + 1);
  let p = 0;
  for (let o = 0; o < outerCount; o++) {
    firstPair[o] = p;
    for (let s = bucketStart[o]!; s < bucketStart[o + 1]!; s++) {
      if (!isStart(o, s)) continue;
      inner[p] = innerAt[s]!;
      valueStart[p++] = s;
    }
  }
  firstPair[outerCount] = p;
  valueStart[p] = total;
  return { firstPair, inner, valueStart, values };
}

/** The index of the pair (outer, inner), whose values are `values[valueStart[j]..valueStart[j+1])`, or -1. */
export function pairIndex(p: PairPostings, outer: number, inner: number): number {
  if (outer < 0 || outer + 1 >= p.firstPair.length) return -1;
  let lo = p.firstPair[outer]!;
  let hi = p.firstPair[outer + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = p.inner[mid]!;
    if (k === inner) return mid;
    if (k < inner) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
