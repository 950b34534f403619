import { describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LibraryTrack } from '@harmoniq/core';
import { createMemoryLogger, loadLibrary, type LibraryReader } from '@harmoniq/core/pipeline';

/** An in-memory port: this test is about the cache's decisions, not about Plex. */
function reader(tracks: LibraryTrack[]): LibraryReader & { listings: number } {
  const r = {
    listings: 0,
    server: async () => ({ machineIdentifier: 'abc123' }),
    musicSection: async () => ({ id: '3', title: 'Music', contentChangedAt: 100, updatedAt: 100 }),
    countTracks: async () => tracks.length,
    listTracks: async () => {
      r.listings += 1;
      return tracks;
    },
  };
  return r;
}

describe('the cached library index', () => {
  const tracks: LibraryTrack[] = [{ ratingKey: '1', artist: 'Air', title: 'Playground Love', viewCount: 3 }];
  const hours = (h: number) => new Date(Date.UTC(2026, 0, 1) + h * 3_600_000);

  it('is reused while Plex reports no change and it is younger than the maximum age, then rebuilt', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'harmoniq-index-'));
    const plex = reader(tracks);
    const load = (at: Date) => loadLibrary({ reader: plex, sectionTitle: 'Music', dataDir, logger: createMemoryLogger(), maxAgeMs: 24 * 3_600_000, now: () => at });
    expect((await load(hours(0))).fromCache).toBe(false);
    expect((await load(hours(23))).fromCache).toBe(true);
    const stale = await load(hours(25));
    expect(stale.fromCache).toBe(false);
    expect(plex.listings).toBe(2);
    expect((await load(hours(26))).fromCache).toBe(true);
  });
});
