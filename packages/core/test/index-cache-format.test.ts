import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LibraryTrack } from '@harmoniq/core';
import { createMemoryLogger, loadLibrary, readCachedTracks, type LibraryReader } from '@harmoniq/core/pipeline';

/** An in-memory port: this test is about the cache file, not about Plex. */
function reader(tracks: LibraryTrack[]): LibraryReader & { listings: number } {
  const r = {
    listings: 0,
    server: async () => ({ machineIdentifier: 'abc123' }),
    musicSection: async () => ({ id: '3', title: 'Music', contentChangedAt: 100, updatedAt: 100 }),
    countTracks: async () => tracks.length,
    listTracks: async () => {
      r.listings += 1;
      return structuredClone(tracks);
    },
  };
  return r;
}

/** Every field, absent fields, names and genre lists shared between tracks, odd values kept as they came. */
const tracks: LibraryTrack[] = [
  {
    ratingKey: '11', title: 'Playground Love', artist: 'Air', viewCount: 3, albumArtist: 'Air', album: 'The Virgin Suicides',
    durationMs: 213_000, trackNumber: 1, discNumber: 1, year: 2000, albumRatingKey: '10', artistRatingKey: '9',
    genres: ['Electronic'], albumGenres: ['Electronic', 'Soundtrack'], artistGenres: ['Electronic'], userRating: 8,
    lastViewedAt: 1_700_000_000_000, addedAt: 1_600_000_000_000, updatedAt: 1_650_000_000_000,
    guids: ['plex://track/5d07', 'mbid://98c343ee'], sonicAnalysis: true,
  },
  { ratingKey: '12', title: 'Dark Messages', artist: 'Air', albumArtist: 'Air', album: 'The Virgin Suicides', albumRatingKey: '10', genres: ['Electronic'], albumGenres: ['Electronic', 'Soundtrack'] },
  { ratingKey: '13', title: 'Line\nbreak "quoted" \u2028', artist: '', genres: [], sonicAnalysis: false },
  { ratingKey: '14', title: 'Ünïcödé 月亮', artist: 'Ågot Øvrebø', albumArtist: 'Various Artists', album: 'Nord', durationMs: 0, year: 0 },
];

const newDataDir = () => mkdtempSync(join(tmpdir(), 'harmoniq-format-'));
const cacheFile = (dataDir: string) => join(dataDir, 'cache', readdirSync(join(dataDir, 'cache')).find((f) => f.startsWith('library-'))!);

describe('the library index cache file (compact rows)', () => {
  it('gives back the tracks the listing produced, field for field, with shared names and frozen shared genre lists', async () => {
    const dataDir = newDataDir();
    const plex = reader(tracks);
    const load = () => loadLibrary({ reader: plex, sectionTitle: 'Music', dataDir, logger: createMemoryLogger() });
    const cold = await load();
    const warm = await load();
    expect(warm.fromCache).toBe(true);
    expect(plex.listings).toBe(1);
    expect(warm.tracks).toStrictEqual(tracks);
    expect(cold.tracks).toStrictEqual(tracks);
    // Same keys in the same order as the listing's objects (reports print them).
    expect(warm.tracks.map((t) => Object.keys(t))).toEqual(tracks.map((t) => Object.keys(t)));
    expect(warm.tracks[1]!.albumGenres).toBe(warm.tracks[0]!.albumGenres);
    expect(Object.isFrozen(warm.tracks[0]!.genres)).toBe(true);
    expect(Object.isFrozen(cold.tracks[0]!.genres)).toBe(true);
    expect(await readCachedTracks(cacheFile(dataDir))).toEqual(tracks);
  });

  it.each([
    ['a row naming a name the table lacks', (lines: string[]) => lines.map((l, i) => (i === 3 ? l.replace('[["11",0', '[["11",999') : l))],
    ['a row of another shape', (lines: string[]) => lines.map((l, i) => (i === 3 ? l.replace('[["11",', '[["11",1,') : l))],
    ['a damaged table of names', (lines: string[]) => lines.map((l, i) => (i === 1 ? '{"not":"a table"}' : l))],
    ['a missing line of rows', (lines: string[]) => lines.slice(0, 3)],
  ])('with %s is rebuilt from a full listing, with a warning', async (_name, damage) => {
    const dataDir = newDataDir();
    const plex = reader(tracks);
    await loadLibrary({ reader: plex, sectionTitle: 'Music', dataDir, logger: createMemoryLogger() });
    const path = cacheFile(dataDir);
    const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l !== '');
    const damaged = damage(lines);
    expect(damaged).not.toEqual(lines);
    writeFileSync(path, `${damaged.join('\n')}\n`);
    const logger = createMemoryLogger();
    const again = await loadLibrary({ reader: plex, sectionTitle: 'Music', dataDir, logger });
    expect(again.fromCache).toBe(false);
    expect(again.tracks).toEqual(tracks);
    expect(plex.listings).toBe(2);
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([expect.stringMatching(/library index cache .* is unreadable .*; rebuilding it/)]);
  });
});
