import { describe, expect, it } from '@jest/globals';
import { libraryTrack } from '@harmoniq/core/testing';
import type { LibraryTrack } from '@harmoniq/core';
import { scoreNeighbours, type Seed } from '../src/index.js';

const t = (key: string, artist = `Artist ${key}`, fields: Partial<LibraryTrack> = {}): LibraryTrack => libraryTrack({ ratingKey: key, artist, title: `Song ${key}`, ...fields });
const seed = (key: string, weight = 1): Seed => ({ track: t(key), weight });

const base = { maxDistance: 0.25, count: 10, maxPerArtist: 2, avoidPlayedSince: 1_000_000, seed: 'day|mix' };

describe('Sonic Mix scoring', () => {
  it('leaves the seeds out even when they are each other\'s neighbours', () => {
    const mix = scoreNeighbours({ ...base, expanded: [
      { seed: seed('s1'), neighbours: [{ track: t('s2'), distance: 0.01 }, { track: t('a'), distance: 0.1 }] },
      { seed: seed('s2'), neighbours: [{ track: t('s1'), distance: 0.01 }] },
    ] });
    expect(mix.map((m) => m.track.ratingKey)).toEqual(['a']);
  });

  it('ranks by closeness × seed weight, summed over the seeds a track is near', () => {
    const mix = scoreNeighbours({ ...base, expanded: [
      { seed: seed('s1', 1), neighbours: [{ track: t('near-both'), distance: 0.1 }, { track: t('close'), distance: 0.05 }, { track: t('far'), distance: 0.24 }] },
      { seed: seed('s2', 1), neighbours: [{ track: t('near-both'), distance: 0.1 }] },
      { seed: seed('light', 0.1), neighbours: [{ track: t('light-close'), distance: 0.01 }] },
    ] });
    expect(mix.map((m) => m.track.ratingKey)).toEqual(['near-both', 'close', 'light-close', 'far']);
    expect(mix[1]).toMatchObject({ closestSeed: { ratingKey: 's1' }, distance: 0.05 });
  });

  it('keeps at most maxPerArtist tracks of one artist and puts recently played tracks last', () => {
    const neighbours = [
      { track: t('r', 'Fresh?', { lastViewedAt: 2_000_000 }), distance: 0.01 },
      ...['b1', 'b2', 'b3'].map((k, i) => ({ track: t(k, 'Band'), distance: 0.02 + i / 100 })),
      { track: t('x'), distance: 0.2 },
    ];
    const mix = scoreNeighbours({ ...base, expanded: [{ seed: seed('s'), neighbours }] });
    expect(mix.map((m) => m.track.ratingKey)).toEqual([expect.stringMatching(/^b[123]$/), expect.stringMatching(/^b[123]$/), 'x', 'r']);
    expect(mix.at(-1)?.recent).toBe(true);
  });

  it('returns at most count candidates', () => {
    const neighbours = Array.from({ length: 30 }, (_, i) => ({ track: t(`n${i}`), distance: i / 200 }));
    expect(scoreNeighbours({ ...base, count: 7, expanded: [{ seed: seed('s'), neighbours }] })).toHaveLength(7);
  });
});
