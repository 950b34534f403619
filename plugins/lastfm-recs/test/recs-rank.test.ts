import { describe, expect, it } from '@jest/globals';
import { noteFor, rankCandidates, type Contribution, type Seed } from '@harmoniq/plugin-lastfm-recs';
import { seededShuffle, seededUnit as unitFromSeed } from '@harmoniq/core';

const seed = (label: string, weight = 1): Seed => ({ label, weight });
const c = (s: Seed, artist: string, title: string, strength: number): Contribution => ({ seed: s, track: { artist, title }, strength });
const base = { exclude: new Set<string>(), perArtist: 2, limit: 100, daySeed: '2026-01-01', jitter: 0 };

describe('rankCandidates', () => {
  it('ranks a track more seeds point at above one a single seed points at more strongly', () => {
    const a = seed('A');
    const b = seed('B');
    const ranked = rankCandidates([c(a, 'X', 'Shared', 0.5), c(b, 'X', 'Shared', 0.5), c(a, 'Y', 'Single', 0.9)], base);
    expect(ranked.map((r) => r.track.title)).toEqual(['Shared', 'Single']);
    expect(ranked[0]?.seeds).toEqual(['A', 'B']);
  });

  it('treats names case-insensitively, excludes what it is told to, and caps per artist', () => {
    const a = seed('A');
    const ranked = rankCandidates(
      [c(a, 'Muse', 'One', 0.9), c(a, 'muse', 'one', 0.1), c(a, 'Muse', 'Two', 0.8), c(a, 'MUSE', 'Three', 0.7), c(a, 'Elbow', 'Heard', 1)],
      { ...base, exclude: new Set(['elbow\u0000heard']) },
    );
    expect(ranked.map((r) => r.track.title)).toEqual(['One', 'Two']);
  });

  it('stops at the limit', () => {
    const a = seed('A');
    const many = Array.from({ length: 20 }, (_, i) => c(a, `Artist ${i}`, `T${i}`, 1 - i / 100));
    expect(rankCandidates(many, { ...base, limit: 5 })).toHaveLength(5);
  });

  it('jitters only with the day seed: same day same order, and near-ties move across days', () => {
    const a = seed('A');
    const near = Array.from({ length: 30 }, (_, i) => c(a, `Artist ${i}`, `T${i}`, 1 - i / 1000));
    const order = (day: string) => rankCandidates(near, { ...base, jitter: 0.2, daySeed: day }).map((r) => r.track.title);
    expect(order('2026-01-01')).toEqual(order('2026-01-01'));
    expect(order('2026-01-02')).not.toEqual(order('2026-01-01'));
  });

  it('writes notes naming the strongest seeds first', () => {
    expect(noteFor({ track: { artist: 'a', title: 't' }, score: 1, seeds: ['A', 'B', 'C', 'D', 'E'] })).toBe('similar to A, B, C and 2 more');
    expect(noteFor({ track: { artist: 'a', title: 't' }, score: 1, seeds: ['A'] })).toBe('similar to A');
  });
});

describe('seeded randomness', () => {
  it('depends on the seed only', () => {
    expect(unitFromSeed('x')).toBe(unitFromSeed('x'));
    expect(unitFromSeed('x')).not.toBe(unitFromSeed('y'));
    const items = Array.from({ length: 20 }, (_, i) => i);
    expect(seededShuffle(items, 'day-1')).toEqual(seededShuffle(items, 'day-1'));
    expect(seededShuffle(items, 'day-1')).not.toEqual(seededShuffle(items, 'day-2'));
    expect([...seededShuffle(items, 'day-1')].sort((p, q) => p - q)).toEqual(items);
  });
});
