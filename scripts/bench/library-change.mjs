// "1 % of the library changed": new tracks added in one batch, plus a few edited and a few removed, chosen by a
// seeded generator. Few edits and removals because the Plex emulator rebuilds its whole index on each single one
// (O(library) per call: a third-each mix of 1 % took 3.5 minutes at 100k tracks). Harmoniq's cost does not depend
// on the mix: any change to the section's markers re-lists the library.
import { generateLibrary } from '@harmoniq/testkit';

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function changeLibrary(plex, { share = 0.01, seed = 7, edits = 10, removals = 10 } = {}) {
  const rng = mulberry32(seed);
  const tracks = plex.tracks();
  const total = Math.max(3, Math.round(tracks.length * share));
  const updateCount = Math.min(edits, Math.floor(total / 3));
  const removeCount = Math.min(removals, Math.floor(total / 3));
  const addCount = total - updateCount - removeCount;
  // Distinct tracks for edits and removals.
  const keys = tracks.map((t) => t.ratingKey);
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [keys[i], keys[j]] = [keys[j], keys[i]];
  }
  const added = generateLibrary({ tracks: addCount, seed: seed + 1000 }).map((t) => ({ ...t, album: `${t.album} (New Release)` }));
  plex.addTracks(added);
  const byKey = new Map(tracks.map((t) => [t.ratingKey, t]));
  for (const key of keys.slice(0, updateCount)) {
    const t = byKey.get(key);
    plex.updateTrack(key, { viewCount: (t?.viewCount ?? 0) + 1, userRating: 8, lastViewedAt: 1718000000 });
  }
  for (const key of keys.slice(updateCount, updateCount + removeCount)) plex.removeTrack(key);
  return { added: addCount, updated: updateCount, removed: removeCount };
}
