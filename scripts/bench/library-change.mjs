// "1 % of the library changed": new tracks added in one batch (a new album each, as a scan brings them), 10 tracks
// edited (plays, rating) and one album deleted, chosen by a seeded generator. Removals come as an album because that
// is how a library loses tracks (a folder deleted); an incremental refresh finds a cluster of removals with a few
// count requests, while removals scattered one by one over the whole library each cost a search of their own and
// soon exceed what a full listing costs (then Harmoniq lists everything, as before).
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

export function changeLibrary(plex, { share = 0.01, seed = 7, edits = 10, removals = 14 } = {}) {
  const rng = mulberry32(seed);
  const tracks = plex.tracks();
  const total = Math.max(3, Math.round(tracks.length * share));
  const updateCount = Math.min(edits, Math.floor(total / 3));
  const removeCount = Math.max(3, Math.min(removals, Math.floor(total / 3)));
  const addCount = total - updateCount - removeCount;
  // Distinct tracks for edits and removals.
  const keys = tracks.map((t) => t.ratingKey);
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [keys[i], keys[j]] = [keys[j], keys[i]];
  }
  // Without the generated addedAt (years old), so the emulator stamps them added now, as a scan does.
  const added = generateLibrary({ tracks: addCount, seed: seed + 1000 }).map(({ addedAt: _, ...t }) => ({ ...t, album: `${t.album} (New Release)` }));
  plex.addTracks(added);
  const byKey = new Map(tracks.map((t) => [t.ratingKey, t]));
  for (const key of keys.slice(0, updateCount)) {
    const t = byKey.get(key);
    plex.updateTrack(key, { viewCount: (t?.viewCount ?? 0) + 1, userRating: 8, lastViewedAt: 1718000000 });
  }
  // One whole album none of whose tracks was edited: the first (in shuffled order) of 3 to `removals` tracks.
  const edited = new Set(keys.slice(0, updateCount));
  const albums = new Map();
  for (const t of tracks) {
    const id = `${t.artist}\u0000${t.album}`;
    if (!albums.has(id)) albums.set(id, []);
    albums.get(id).push(t.ratingKey);
  }
  let removed = 0;
  for (const key of keys.slice(updateCount)) {
    const t = byKey.get(key);
    const album = albums.get(`${t.artist}\u0000${t.album}`);
    if (album.length < 3 || album.length > removeCount || album.some((k) => edited.has(k))) continue;
    for (const k of album) plex.removeTrack(k);
    removed = album.length;
    break;
  }
  return { added: addCount, updated: updateCount, removed };
}
