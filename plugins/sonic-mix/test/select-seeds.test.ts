import { describe, expect, it } from '@jest/globals';
import type { LibraryTrack } from '@harmoniq/core';
import { libraryTrack } from '@harmoniq/core/testing';
import { selectSeeds } from '../src/index.js';

const NOW = new Date('2026-01-15T12:00:00Z');
const DAY = 86_400_000;

const track = (i: number, fields: Partial<LibraryTrack> = {}): LibraryTrack =>
  libraryTrack({ ratingKey: `k${i}`, artist: `Artist ${i}`, title: `Song ${i}`, sonicAnalysis: true, viewCount: 3, lastViewedAt: NOW.getTime() - 2 * DAY, ...fields });

const input = (tracks: LibraryTrack[], over: Partial<Parameters<typeof selectSeeds>[0]> = {}) => ({
  tracks,
  now: NOW,
  periodDays: 30,
  count: 5,
  maxPerArtist: 2,
  seed: '2026-01-15|seeds',
  ...over,
});

describe('Sonic Mix seeds', () => {
  it('draws only analysed tracks played within the period', () => {
    const tracks = [
      ...Array.from({ length: 6 }, (_, i) => track(i)),
      track(10, { sonicAnalysis: undefined, viewCount: 500 }),
      track(11, { lastViewedAt: NOW.getTime() - 40 * DAY, viewCount: 500 }),
    ];
    const { seeds, pool, widened } = selectSeeds(input(tracks));
    expect(pool).toBe(6);
    expect(widened).toBe(false);
    expect(seeds).toHaveLength(5);
    expect(seeds.map((s) => s.track.ratingKey)).not.toContain('k10');
    expect(seeds.map((s) => s.track.ratingKey)).not.toContain('k11');
  });

  it('keeps the most played, best rated favourites in on every day while the rest rotate', () => {
    const tracks = [track(0, { viewCount: 200, userRating: 10 }), ...Array.from({ length: 40 }, (_, i) => track(i + 1, { viewCount: 1, userRating: 2 }))];
    const days = Array.from({ length: 10 }, (_, d) => selectSeeds(input(tracks, { seed: `2026-01-${10 + d}|seeds` })).seeds.map((s) => s.track.ratingKey));
    expect(days.every((keys) => keys.includes('k0'))).toBe(true);
    expect(new Set(days.map((keys) => keys.join(','))).size).toBeGreaterThan(1);
    const favourite = selectSeeds(input(tracks)).seeds.find((s) => s.track.ratingKey === 'k0');
    const other = selectSeeds(input(tracks)).seeds.find((s) => s.track.ratingKey !== 'k0');
    expect(favourite!.weight).toBeGreaterThan(other!.weight);
  });

  it('gives the same seeds for the same day and library', () => {
    const tracks = Array.from({ length: 30 }, (_, i) => track(i, { viewCount: i + 1 }));
    expect(selectSeeds(input(tracks))).toEqual(selectSeeds(input([...tracks].reverse())));
  });

  it('takes at most maxPerArtist seeds from one artist', () => {
    const tracks = Array.from({ length: 10 }, (_, i) => track(i, { artist: i < 8 ? 'Same Band' : `Other ${i}`, viewCount: i < 8 ? 100 : 1 }));
    const { seeds } = selectSeeds(input(tracks, { count: 5, maxPerArtist: 2 }));
    expect(seeds.filter((s) => s.track.artist === 'Same Band')).toHaveLength(2);
    expect(seeds).toHaveLength(4);
  });

  it('widens to played or rated tracks of any time when nothing was played within the period', () => {
    const old = NOW.getTime() - 400 * DAY;
    const tracks = [track(1, { lastViewedAt: old }), track(2, { lastViewedAt: undefined, viewCount: 0, userRating: 8 }), track(3, { lastViewedAt: undefined, viewCount: 0 })];
    const { seeds, widened } = selectSeeds(input(tracks));
    expect(widened).toBe(true);
    expect(seeds.map((s) => s.track.ratingKey).sort()).toEqual(['k1', 'k2']);
  });
});
