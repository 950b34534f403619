import type { PlaylistEntry } from '../library/types.js';

export type UpdateMode = 'replace' | 'append';

export interface PlanInput {
  /** Library ratingKeys of the matched candidates, in the source's rank order (may repeat). */
  matched: readonly string[];
  size: number;
  minTracks: number;
  mode: UpdateMode;
  /** Current entries of the managed playlist; undefined when it must be created. */
  existing: readonly PlaylistEntry[] | undefined;
}

/** One move: put `ratingKey` right after `after` (undefined = at the top). */
export interface PlannedMove {
  ratingKey: string;
  after: string | undefined;
}

/** The new content of a playlist and the writes that get it there. */
export interface PlannedWrites {
  /** The playlist's content after the update, in order. */
  desired: string[];
  /** Tracks to append, in order. */
  toAdd: string[];
  /** Entries to delete: tracks no longer wanted and duplicate entries. */
  toRemove: PlaylistEntry[];
  /** Moves, applied in order after adds and removals, that turn the playlist into `desired`. */
  moves: PlannedMove[];
  kept: number;
}

export type WritePlan = PlannedWrites & { action: 'create' | 'update' };

export type PlaylistPlan = { action: 'skip'; reason: string; desired: string[] } | WritePlan | (PlannedWrites & { action: 'unchanged' });

/**
 * Pure: decides the new content of a playlist and the smallest set of writes to get there.
 * Every intermediate state of applying it (adds first, then removals, then moves) is a full playlist.
 */
export function planPlaylist(input: PlanInput): PlaylistPlan {
  const picked = uniqueTop(input.matched, input.size);
  if (picked.length < Math.max(1, input.minTracks)) {
    const reason =
      picked.length === 0
        ? 'no candidate was found in the library'
        : `only ${picked.length} tracks were found, fewer than the minimum of ${input.minTracks}`;
    return { action: 'skip', reason, desired: picked };
  }

  if (!input.existing) {
    return { action: 'create', desired: picked, toAdd: picked, toRemove: [], moves: [], kept: 0 };
  }

  const existing = input.existing;
  const seen = new Set<string>();
  const duplicates: PlaylistEntry[] = [];
  const current: string[] = [];
  for (const entry of existing) {
    if (seen.has(entry.ratingKey)) duplicates.push(entry);
    else {
      seen.add(entry.ratingKey);
      current.push(entry.ratingKey);
    }
  }

  const desired = input.mode === 'append' ? [...current, ...picked.filter((k) => !seen.has(k))] : picked;
  const wanted = new Set(desired);
  const toAdd = desired.filter((k) => !seen.has(k));
  const toRemove = [...existing.filter((e) => !wanted.has(e.ratingKey) && !duplicates.includes(e)), ...duplicates];
  // After appending and removing, the playlist reads: the kept tracks in their old order, then the added ones.
  const afterWrites = [...current.filter((k) => wanted.has(k)), ...toAdd];
  const moves = planMoves(afterWrites, desired);
  const kept = current.filter((k) => wanted.has(k)).length;
  const action = toAdd.length === 0 && toRemove.length === 0 && moves.length === 0 ? 'unchanged' : 'update';
  return { action, desired, toAdd, toRemove, moves, kept };
}

/** The first `size` distinct keys, in rank order: the content a replace-mode playlist should get. */
export function uniqueTop(keys: readonly string[], size: number): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const k of keys) {
    if (out.length >= size) break;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(k);
  }
  return out;
}

/**
 * The fewest moves that reorder `current` into `desired` (same items): keep a longest increasing
 * subsequence in place and move every other item right after its predecessor in `desired`.
 */
export function planMoves(current: readonly string[], desired: readonly string[]): PlannedMove[] {
  const position = new Map(desired.map((k, i) => [k, i]));
  const ranks = current.map((k) => position.get(k) ?? -1);
  const stay = new Set(longestIncreasing(ranks).map((i) => current[i]));
  const moves: PlannedMove[] = [];
  desired.forEach((key, i) => {
    if (!stay.has(key)) moves.push({ ratingKey: key, after: i === 0 ? undefined : desired[i - 1] });
  });
  return moves;
}

/** Indices of one longest strictly increasing subsequence (patience sorting, O(n log n)). */
function longestIncreasing(values: readonly number[]): number[] {
  const tails: number[] = [];
  const prev: number[] = new Array(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < 0) continue;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]!]! < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const out: number[] = [];
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = prev[i]!) out.push(i);
  return out.reverse();
}
