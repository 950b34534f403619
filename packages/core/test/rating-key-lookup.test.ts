import { describe, it, expect } from '@jest/globals';
import type { LibraryTrack } from '@harmoniq/core';
import { createLibraryIndex } from '@harmoniq/core/pipeline';
import { generateLibrary } from '@harmoniq/testkit';

const track = (ratingKey: string, title = `t${ratingKey}`): LibraryTrack => ({ ratingKey, title, artist: 'A' });

/** What a Map would answer: the reference the compact lookup must equal. */
function mapLookup(tracks: LibraryTrack[]): (key: string) => LibraryTrack | undefined {
  const byKey = new Map(tracks.map((t) => [t.ratingKey, t] as const));
  return (key) => byKey.get(key);
}

describe('a library index looks tracks up by ratingKey', () => {
  it('answers as a Map does over a generated library and keys that are near misses', () => {
    const tracks = generateLibrary({ tracks: 5000, seed: 3 }).map((t, i) => ({ ...t, ratingKey: String(1000 + ((i * 7919) % 90_000)) }));
    const index = createLibraryIndex(tracks);
    const reference = mapLookup(tracks);
    const probes = [...tracks.map((t) => t.ratingKey), '0', '1', '999', '91000', '0' + tracks[0]!.ratingKey, ` ${tracks[1]!.ratingKey}`, `${tracks[2]!.ratingKey}.0`, '1e4', '', 'abc'];
    for (let k = 0; k < 100_000; k += 37) probes.push(String(k));
    for (const key of probes) expect([key, index.byRatingKey(key)]).toEqual([key, reference(key)]);
    expect(index.byRatingKey(tracks[4321]!.ratingKey)).toBe(tracks[4321]);
  });

  it('keeps keys that are not small decimal numbers, and repeated keys, exactly as a Map does', () => {
    for (const keys of [['12', 'abc', '7'], ['5', '5', '6'], ['9999999999', '3'], ['007', '7'], ['plex://x', 'local://1']]) {
      const tracks = keys.map((k, i) => track(k, `t${i}`));
      const index = createLibraryIndex(tracks);
      const reference = mapLookup(tracks);
      for (const key of [...keys, '8', '0', 'abc ']) expect([keys, key, index.byRatingKey(key)]).toEqual([keys, key, reference(key)]);
    }
  });

  it('finds nothing in an empty library', () => {
    expect(createLibraryIndex([]).byRatingKey('1')).toBeUndefined();
  });
});
