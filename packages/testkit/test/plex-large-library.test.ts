import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateLibrary, startPlexEmulator, type PlexEmulator } from '../src/index.js';
import { getJson } from './plex-helpers.js';

describe('Plex emulator: a large generated library', () => {
  let plex: PlexEmulator;
  beforeAll(async () => {
    plex = await startPlexEmulator({ tracks: generateLibrary({ tracks: 20_000, seed: 42 }) });
  });
  afterAll(() => plex.close());

  it('pages through every track exactly once in pages of 2000', async () => {
    const seen = new Set<string>();
    let total = 0;
    for (let start = 0; start === 0 || start < total; start += 2000) {
      const { body } = await getJson(plex, `/library/sections/${plex.sectionId}/all?type=10&includeGuids=1&X-Plex-Container-Start=${start}&X-Plex-Container-Size=2000`);
      total = body.MediaContainer.totalSize ?? 0;
      for (const t of body.MediaContainer.Metadata ?? []) seen.add(t.ratingKey);
    }
    expect(total).toBe(20_000);
    expect(seen.size).toBe(20_000);
  });

  it('pages a filtered, sorted query consistently', async () => {
    const q = `/library/sections/${plex.sectionId}/all?type=10&title=love&sort=artist.titleSort,album.year,track.index`;
    const whole = (await getJson(plex, `${q}&X-Plex-Container-Start=0&X-Plex-Container-Size=100000`)).body.MediaContainer.Metadata ?? [];
    const paged = [];
    for (let start = 0; start < whole.length; start += 100) {
      paged.push(...((await getJson(plex, `${q}&X-Plex-Container-Start=${start}&X-Plex-Container-Size=100`)).body.MediaContainer.Metadata ?? []));
    }
    expect(whole.length).toBeGreaterThan(100);
    expect(paged.map((t) => t.ratingKey)).toEqual(whole.map((t) => t.ratingKey));
    expect(whole.every((t) => t.title.toLowerCase().includes('love'))).toBe(true);
  });
});
