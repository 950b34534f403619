import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { planMoves, planPlaylist, type PlaylistEntry } from '@harmoniq/core/pipeline';

const entries = (...keys: string[]): PlaylistEntry[] => keys.map((k, i) => ({ playlistItemId: String(100 + i), ratingKey: k }));
const base = { size: 3, minTracks: 1, mode: 'replace' as const };

/** Applies a plan the way the applier orders it: appends, removals by playlistItemId, then moves. */
function simulate(existing: PlaylistEntry[], plan: ReturnType<typeof planPlaylist>): string[] {
  if (plan.action === 'skip') return existing.map((e) => e.ratingKey);
  const removed = new Set(plan.toRemove.map((e) => e.playlistItemId));
  const list = [...existing, ...plan.toAdd.map((k, i) => ({ playlistItemId: `new-${i}`, ratingKey: k }))].filter((e) => !removed.has(e.playlistItemId));
  for (const m of plan.moves) {
    const [entry] = list.splice(list.findIndex((e) => e.ratingKey === m.ratingKey), 1);
    list.splice(m.after === undefined ? 0 : list.findIndex((e) => e.ratingKey === m.after) + 1, 0, entry!);
  }
  return list.map((e) => e.ratingKey);
}

describe('planPlaylist', () => {
  it('creates a new playlist from the first matched tracks up to the size, without duplicates', () => {
    const plan = planPlaylist({ ...base, matched: ['a', 'b', 'a', 'c', 'd'], existing: undefined });
    expect(plan).toMatchObject({ action: 'create', desired: ['a', 'b', 'c'], toAdd: ['a', 'b', 'c'] });
  });

  it('keeps the old playlist when nothing was found', () => {
    const plan = planPlaylist({ ...base, matched: [], existing: entries('x', 'y') });
    expect(plan).toMatchObject({ action: 'skip', reason: 'no candidate was found in the library' });
  });

  it('keeps the old playlist when fewer tracks than minTracks were found', () => {
    const plan = planPlaylist({ ...base, minTracks: 3, matched: ['a', 'b'], existing: entries('x') });
    expect(plan.action).toBe('skip');
    expect(plan.action === 'skip' && plan.reason).toContain('fewer than the minimum of 3');
  });

  it('adds new tracks and removes old ones in replace mode', () => {
    const plan = planPlaylist({ ...base, matched: ['a', 'b', 'c'], existing: entries('b', 'x') });
    expect(plan).toMatchObject({ action: 'update', toAdd: ['a', 'c'], kept: 1 });
    expect(plan.action !== 'skip' && plan.toRemove.map((e) => e.ratingKey)).toEqual(['x']);
  });

  it('reports unchanged when the playlist already holds the list in order', () => {
    expect(planPlaylist({ ...base, matched: ['a', 'b', 'c'], existing: entries('a', 'b', 'c') }).action).toBe('unchanged');
  });

  it('removes duplicate entries the user or an old run left behind', () => {
    const plan = planPlaylist({ ...base, matched: ['a', 'b', 'c'], existing: entries('a', 'b', 'b', 'c') });
    expect(plan.action !== 'skip' && plan.toRemove).toEqual([{ playlistItemId: '102', ratingKey: 'b' }]);
  });

  it('appends only tracks that are not there yet in append mode, removing nothing', () => {
    const plan = planPlaylist({ ...base, mode: 'append', matched: ['b', 'c', 'd'], existing: entries('a', 'b') });
    expect(plan).toMatchObject({ action: 'update', toAdd: ['c', 'd'], toRemove: [], desired: ['a', 'b', 'c', 'd'] });
  });

  it('reorders with moves when the ranking changed', () => {
    const plan = planPlaylist({ ...base, matched: ['c', 'a', 'b'], existing: entries('a', 'b', 'c') });
    expect(plan.action).toBe('update');
    expect(plan.action !== 'skip' && plan.moves).toEqual([{ ratingKey: 'c', after: undefined }]);
  });

  it('always reaches exactly the desired list (property)', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
    fc.assert(
      fc.property(fc.array(key, { maxLength: 8 }), fc.array(key, { maxLength: 12 }), fc.integer({ min: 1, max: 8 }), (existing, matched, size) => {
        const plan = planPlaylist({ size, minTracks: 1, mode: 'replace', matched, existing: entries(...existing) });
        if (plan.action === 'skip') return matched.length === 0;
        return JSON.stringify(simulate(entries(...existing), plan)) === JSON.stringify(plan.desired);
      }),
    );
  });
});

describe('planMoves', () => {
  it('moves as few tracks as possible', () => {
    expect(planMoves(['a', 'b', 'c', 'd', 'e'], ['a', 'b', 'c', 'd', 'e'])).toEqual([]);
    expect(planMoves(['b', 'c', 'd', 'e', 'a'], ['a', 'b', 'c', 'd', 'e'])).toHaveLength(1);
  });
});
