/**
 * Posting lists in typed arrays (compressed sparse rows): the tracks of key k are `values[start[k]..start[k+1])`,
 * in library order. One Int32Array for all lists instead of a Map of arrays keeps a 300k-track index a few MB
 * and nothing for the garbage collector to walk.
 */
export interface Postings {
  readonly start: Int32Array;
  readonly values: Int32Array;
}

export const EMPTY_POSTINGS: Postings = { start: new Int32Array(1), values: new Int32Array(0) };

export function postingsSize(p: Postings, key: number): number {
  return key < 0 || key + 1 >= p.start.length ? 0 : p.start[key + 1]! - p.start[key]!;
}

/** Growable Int32 buffer: pairs are collected while the library is read, before the key count is known. */
export class IntBuffer {
  data = new Int32Array(1024);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
}

/** Collects (key, value) pairs in value order; a value added twice to one key is kept once. */
export class PostingsBuilder {
  private readonly keys = new IntBuffer();
  private readonly values = new IntBuffer();
  private last = new Int32Array(256).fill(-1);

  add(key: number, value: number): void {
    if (key >= this.last.length) {
      const bigger = new Int32Array(Math.max(key + 1, this.last.length * 2)).fill(-1);
      bigger.set(this.last);
      this.last = bigger;
    }
    if (this.last[key] === value) return;
    this.last[key] = value;
    this.keys.push(key);
    this.values.push(value);
  }

  /** Counting sort by key: stable, so every list stays in the order its values were added. */
  build(keyCount: number): Postings {
    return countingSort(this.keys.data, this.values.data, this.keys.length, keyCount);
  }
}

function countingSort(keys: Int32Array, values: Int32Array, length: number, keyCount: number): Postings {
  const start = new Int32Array(keyCount + 1);
  for (let i = 0; i < length; i++) start[keys[i]! + 1]!++;
  for (let k = 0; k < keyCount; k++) start[k + 1]! += start[k]!;
  const out = new Int32Array(length);
  const next = start.slice(0, keyCount);
  for (let i = 0; i < length; i++) out[next[keys[i]!]!++] = values[i]!;
  return { start, values: out };
}

/**
 * Postings by a pair of keys (title core, artist name): for each outer key, its inner keys in ascending order
 * (`inner`, binary-searched) with the start of each pair's list in `values`. Built from triples in value order.
 */
export interface PairPostings {
  /** Outer key k owns pairs `firstPair[k]..firstPair[k+1]`. */
  readonly firstPair: Int32Array;
  readonly inner: Int32Array;
  /** Pair j's values are `values[valueStart[j]..valueStart[j+1])`. */
  readonly valueStart: Int32Array;
  readonly values: Int32Array;
}

export class PairPostingsBuilder {
  private readonly outer = new IntBuffer();
  private readonly inner = new IntBuffer();
  private readonly values = new IntBuffer();

  add(outer: number, inner: number, value: number): void {
    this.outer.push(outer);
    this.inner.push(inner);
    this.values.push(value);
  }

  build(outerCount: number, innerCount: number): PairPostings {
    const n = this.outer.length;
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    // Two stable counting sorts (inner key, then outer key): triples ordered by outer, inner, then value.
    const byInner = sortPositions(order, this.inner.data, innerCount);
    const sorted = sortPositions(byInner, this.outer.data, outerCount);
    const firstPair = new Int32Array(outerCount + 1);
    const inner = new IntBuffer();
    const valueStart = new IntBuffer();
    const values = new Int32Array(n);
    let prevOuter = -1;
    let prevInner = -1;
    let prevValue = -1;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const at = sorted[i]!;
      const o = this.outer.data[at]!;
      const k = this.inner.data[at]!;
      const v = this.values.data[at]!;
      if (o !== prevOuter || k !== prevInner) {
        for (let x = prevOuter + 1; x <= o; x++) firstPair[x] = inner.length;
        inner.push(k);
        valueStart.push(count);
        prevOuter = o;
        prevInner = k;
      } else if (v === prevValue) {
        continue;
      }
      values[count++] = v;
      prevValue = v;
    }
    for (let x = prevOuter + 1; x <= outerCount; x++) firstPair[x] = inner.length;
    valueStart.push(count);
    return { firstPair, inner: inner.data.slice(0, inner.length), valueStart: valueStart.data.slice(0, valueStart.length), values: values.slice(0, count) };
  }
}

function sortPositions(positions: Int32Array, keys: Int32Array, keyCount: number): Int32Array {
  const start = new Int32Array(keyCount + 1);
  for (let i = 0; i < positions.length; i++) start[keys[positions[i]!]! + 1]!++;
  for (let k = 0; k < keyCount; k++) start[k + 1]! += start[k]!;
  const out = new Int32Array(positions.length);
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i]!;
    out[start[keys[p]!]!++] = p;
  }
  return out;
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
