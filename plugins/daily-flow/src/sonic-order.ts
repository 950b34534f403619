import type { Limit, LibraryTrack, SonicLookup, SonicNeighbour } from '@harmoniq/core';

/**
 * Orders a window's selection so that consecutive tracks sound alike, from Plex's sonic neighbours. One `nearest`
 * request per analysed track gives the distances to its closest tracks in the library; a pair of the selection that
 * neither answer names is estimated through a neighbour both share (a → x → b, the triangle inequality's bound).
 * Then a nearest-neighbour chain, tried from every start, keeps the order with the shortest total step. Tracks
 * Plex has not analysed go last, in their selection order.
 */

/** Neighbours asked per track: the more, the more pairs of the selection are known directly. */
export const SONIC_ORDER_NEIGHBOURS = 200;
/** Every distance Plex has (its scale is 0–1); a closer cut-off would hide the pairs the chain needs. */
export const SONIC_ORDER_MAX_DISTANCE = 1;
/** What an unknown pair costs in the chain: as far apart as Plex's scale goes. */
const UNKNOWN = 1;

export type DistanceTable = Map<string, number>;

export interface SonicOrder {
  /** The selection, reordered (analysed tracks in chain order, then the others). */
  tracks: LibraryTrack[];
  /** Neighbour requests sent. */
  requests: number;
  /** Pairs of consecutive analysed tracks whose distance is known (directly or through a shared neighbour). */
  knownSteps: number;
  /** Mean of the known consecutive distances, for the log. */
  meanStep: number | undefined;
  unanalysed: number;
}

function pair(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

function keep(table: DistanceTable, a: string, b: string, d: number): void {
  if (a === b) return;
  const k = pair(a, b);
  const old = table.get(k);
  if (old === undefined || d < old) table.set(k, d);
}

/** Pairwise distances within the selection from the neighbour answers, direct ones and shared-neighbour bounds. */
export function distanceTable(answers: ReadonlyMap<string, readonly SonicNeighbour[]>): DistanceTable {
  const table: DistanceTable = new Map();
  const selected = new Set(answers.keys());
  // Who is near each library track x, and how near: seeds of the selection sharing x get a bound through it.
  const via = new Map<string, { key: string; d: number }[]>();
  for (const [key, neighbours] of answers) {
    for (const n of neighbours) {
      const other = n.track.ratingKey;
      if (selected.has(other)) keep(table, key, other, n.distance);
      let list = via.get(other);
      if (!list) via.set(other, (list = []));
      list.push({ key, d: n.distance });
    }
  }
  // A direct distance is never above a bound through x, so keeping the smaller of the two is always right.
  for (const list of via.values()) {
    list.forEach((a, i) => {
      for (const b of list.slice(i + 1)) keep(table, a.key, b.key, a.d + b.d);
    });
  }
  return table;
}

/** The nearest-neighbour chain with the smallest total, over every start; ties go to the earlier key order. */
export function chainOrder(keys: readonly string[], table: DistanceTable): string[] {
  const cost = (a: string, b: string): number => table.get(pair(a, b)) ?? UNKNOWN;
  let best: { order: string[]; total: number } | undefined;
  for (const start of keys) {
    const left = new Set(keys);
    left.delete(start);
    const order = [start];
    let total = 0;
    let at = start;
    while (left.size > 0) {
      let next: string | undefined;
      let nextCost = Infinity;
      for (const k of left) {
        const c = cost(at, k);
        if (c < nextCost) {
          nextCost = c;
          next = k;
        }
      }
      if (next === undefined) break;
      left.delete(next);
      order.push(next);
      total += nextCost;
      at = next;
    }
    if (!best || total < best.total) best = { order, total };
  }
  return best?.order ?? [];
}

export interface SonicOrderInput {
  tracks: readonly LibraryTrack[];
  sonic: SonicLookup;
  limit: Limit;
}

/** Asks Plex for each analysed track's neighbours (at most `limit`'s concurrency at once) and chains the selection. */
export async function sonicOrder({ tracks, sonic, limit }: SonicOrderInput): Promise<SonicOrder> {
  const analysed = tracks.filter((t) => t.sonicAnalysis === true);
  const others = tracks.filter((t) => t.sonicAnalysis !== true);
  const answers = new Map<string, SonicNeighbour[]>();
  await Promise.all(
    analysed.map((t) =>
      limit(async () => {
        answers.set(t.ratingKey, await sonic.nearest(t.ratingKey, { limit: SONIC_ORDER_NEIGHBOURS, maxDistance: SONIC_ORDER_MAX_DISTANCE }));
      }),
    ),
  );
  // The map's order follows the answers' arrival; the chain must not depend on it.
  const ordered = new Map(analysed.map((t) => [t.ratingKey, answers.get(t.ratingKey) ?? []]));
  const table = distanceTable(ordered);
  const chain = chainOrder([...ordered.keys()], table);
  const byKey = new Map(analysed.map((t) => [t.ratingKey, t]));
  const steps = chain.slice(1).map((k, i) => table.get(pair(chain[i] ?? k, k))).filter((d): d is number => d !== undefined);
  return {
    tracks: [...chain.map((k) => byKey.get(k)).filter((t): t is LibraryTrack => t !== undefined), ...others],
    requests: analysed.length,
    knownSteps: steps.length,
    meanStep: steps.length > 0 ? steps.reduce((s, d) => s + d, 0) / steps.length : undefined,
    unanalysed: others.length,
  };
}
