import type { Logger } from '../logging/logger.js';
import { chunkKeys } from './chunk-keys.js';
import type { LibraryReader, LibraryTrack, ParentGenres, TrackFilter } from './types.js';

/**
 * Brings a cached index up to date by reading only what changed, or says it cannot (undefined: list everything).
 *
 * 1. New and edited tracks: the tracks whose `updatedAt` or `addedAt` is later than the newest stamp the index
 *    holds (both, since which one PMS moves on an add is unverified). Merged by ratingKey.
 * 2. Removals: the merged index must hold exactly the server's track count. When it holds more, the surplus is
 *    found by bisecting the `addedAt` range with counts (the index knows how many tracks it has in any range;
 *    the server says how many it has), then listing the small ranges that differ and taking them as Plex has them.
 * 3. Proof: the result holds exactly the server's count, and every album and artist the new tracks name is known.
 *    Anything else (fewer tracks than the server, a reader without filters, a search that needs more requests than
 *    the budget) gives up, and the caller lists the whole library as before.
 *
 * A track that was added without an `addedAt` later than the stamp (a clock set back) would be missed only when a
 * removal hides it in the count; the configured maximum age rebuilds the index anyway.
 */
export interface RefreshInput {
  reader: LibraryReader;
  sectionId: string;
  cached: readonly LibraryTrack[];
  /** Epoch seconds: the newest addedAt/updatedAt in the cached index. */
  stamp: number;
  /** The server's current track count. */
  count: number;
  /** Tracks one listing page holds: a differing range this small is listed instead of split. */
  pageSize: number;
  /** Requests the removal search may send before giving up (a full listing costs count ÷ pageSize). */
  maxRequests: number;
  logger: Logger;
}

export interface RefreshResult {
  tracks: LibraryTrack[];
  added: number;
  updated: number;
  removed: number;
  requests: number;
}

class GiveUp extends Error {}

export async function refreshIndex(input: RefreshInput): Promise<RefreshResult | undefined> {
  const { reader, sectionId, logger } = input;
  if (!reader.listTracksWhere || !reader.countTracksWhere || !reader.parentGenres) return undefined;
  const listWhere = reader.listTracksWhere.bind(reader);
  const countWhere = reader.countTracksWhere.bind(reader);
  let requests = 0;
  const spend = (n = 1) => {
    requests += n;
    if (requests > input.maxRequests) throw new GiveUp(`more than ${input.maxRequests} requests`);
  };

  try {
    const parents = parentGenres(input.cached);
    const since = input.stamp - 1;
    const changed = new Map<string, LibraryTrack>();
    spend(2);
    for (const t of await listWhere(sectionId, { updatedAfter: since }, parents)) changed.set(t.ratingKey, t);
    for (const t of await listWhere(sectionId, { addedAfter: since }, parents)) changed.set(t.ratingKey, t);
    if (!(await knowParents([...changed.values()], parents, input, spend))) throw new GiveUp('a new album or artist is unknown');

    const merged = new Map<string, LibraryTrack>();
    for (const t of input.cached) merged.set(t.ratingKey, t);
    let added = 0;
    let updated = 0;
    for (const t of changed.values()) {
      const before = merged.get(t.ratingKey);
      // The newest second is asked for again (a change in the same second as the stamp): count real changes only.
      if (!before) added += 1;
      else if (!sameTrack(before, t)) updated += 1;
      merged.set(t.ratingKey, t);
    }
    const surplus = merged.size - input.count;
    if (surplus < 0) throw new GiveUp(`Plex has ${-surplus} tracks that no filter returned`);
    let removed = 0;
    if (surplus > 0) {
      removed = await settleRemovals(merged, surplus, { ...input, parents, listWhere, countWhere, spend });
    }
    if (merged.size !== input.count) throw new GiveUp(`${merged.size} tracks after the refresh, Plex has ${input.count}`);
    const tracks = ordered(input.cached, merged);
    return { tracks, added, updated, removed, requests };
  } catch (error) {
    if (!(error instanceof GiveUp)) throw error;
    logger.info(`The library changed in a way a partial refresh cannot prove complete (${error.message}); listing it all.`);
    return undefined;
  }
}

/** Album and artist genres by ratingKey, from the cached tracks. */
function parentGenres(tracks: readonly LibraryTrack[]): { albums: Map<string, readonly string[]>; artists: Map<string, readonly string[]> } {
  const albums = new Map<string, readonly string[]>();
  const artists = new Map<string, readonly string[]>();
  for (const t of tracks) {
    if (t.albumRatingKey !== undefined && !albums.has(t.albumRatingKey)) albums.set(t.albumRatingKey, t.albumGenres ?? []);
    if (t.artistRatingKey !== undefined && !artists.has(t.artistRatingKey)) artists.set(t.artistRatingKey, t.artistGenres ?? []);
  }
  return { albums, artists };
}

/**
 * Fills in the genres of albums and artists the index did not know (a new album), asked for by their keys, albums
 * and artists together (one request for a usual change). False when Plex does not know one of them.
 */
async function knowParents(
  tracks: LibraryTrack[],
  parents: { albums: Map<string, readonly string[]>; artists: Map<string, readonly string[]> },
  input: RefreshInput,
  spend: (n?: number) => void,
): Promise<boolean> {
  const read = input.reader.parentGenres?.bind(input.reader);
  if (!read) return false;
  const unknown = new Set<string>();
  for (const t of tracks) {
    if (t.albumRatingKey !== undefined && !parents.albums.has(t.albumRatingKey)) unknown.add(t.albumRatingKey);
    if (t.artistRatingKey !== undefined && !parents.artists.has(t.artistRatingKey)) unknown.add(t.artistRatingKey);
  }
  if (unknown.size === 0) return true;
  const genres = new Map<string, readonly string[]>();
  for (const keys of chunkKeys([...unknown])) {
    spend();
    for (const [key, found] of await read(keys)) genres.set(key, found);
  }
  for (const t of tracks) {
    for (const level of ['album', 'artist'] as const) {
      const key = level === 'album' ? t.albumRatingKey : t.artistRatingKey;
      if (key === undefined) continue;
      const known = level === 'album' ? parents.albums : parents.artists;
      const found = known.get(key) ?? genres.get(key);
      if (found === undefined) return false;
      known.set(key, found);
      if (unknown.has(key) && found.length > 0) {
        if (level === 'album') t.albumGenres = [...found];
        else t.artistGenres = [...found];
      }
    }
  }
  return true;
}

interface RemovalSearch extends RefreshInput {
  parents: ParentGenres;
  listWhere: NonNullable<LibraryReader['listTracksWhere']>;
  countWhere: NonNullable<LibraryReader['countTracksWhere']>;
  spend: (n?: number) => void;
}

/**
 * Finds the `surplus` tracks Plex no longer has by bisecting the tracks by addedAt: the index's count of a range is
 * known, Plex's costs one request, and the other half's difference follows from the parent's. A differing range
 * of at most a page is listed and taken as Plex has it. Returns how many tracks were removed.
 */
async function settleRemovals(merged: Map<string, LibraryTrack>, surplus: number, s: RemovalSearch): Promise<number> {
  const byAdded = [...merged.values()];
  if (byAdded.some((t) => t.addedAt === undefined)) throw new GiveUp('a track without addedAt');
  byAdded.sort((a, b) => (a.addedAt as number) - (b.addedAt as number));
  const sec = (i: number) => Math.floor((byAdded[i]?.addedAt as number) / 1000);
  const rangeFilter = (from: number, to: number): TrackFilter => ({ addedAfter: sec(from) - 1, addedBefore: sec(to - 1) + 1 });
  const before = merged.size;

  const search = async (from: number, to: number, missing: number): Promise<void> => {
    if (missing === 0) return;
    if (missing < 0) throw new GiveUp('Plex has more tracks in a range than the index');
    if (to - from <= s.pageSize || sec(from) === sec(to - 1)) {
      s.spend(Math.max(1, Math.ceil((to - from) / s.pageSize)));
      const listed = await s.listWhere(s.sectionId, rangeFilter(from, to), s.parents);
      const present = new Set(listed.map((t) => t.ratingKey));
      for (let i = from; i < to; i += 1) {
        const key = (byAdded[i] as LibraryTrack).ratingKey;
        if (!present.has(key)) merged.delete(key);
      }
      // Tracks still present are kept as the index has them: an edit would have moved their updatedAt.
      return;
    }
    const mid = splitPoint(from, to, sec);
    s.spend();
    const leftMissing = mid - from - (await s.countWhere(s.sectionId, rangeFilter(from, mid)));
    await search(from, mid, leftMissing);
    await search(mid, to, missing - leftMissing);
  };
  await search(0, byAdded.length, surplus);
  return before - merged.size;
}

/** Near the middle, between two different seconds (a range is a span of addedAt, so equal ones stay together). */
function splitPoint(from: number, to: number, sec: (i: number) => number): number {
  const middle = Math.floor((from + to) / 2);
  for (let d = 0; d < to - from; d += 1) {
    for (const i of [middle + d, middle - d]) if (i > from && i < to && sec(i) !== sec(i - 1)) return i;
  }
  return to;
}

/**
 * The cached order with changes in place, then the new tracks by addedAt: what a full listing would give. Empties
 * `merged` as it places tracks (what is left is new), instead of a set of placed keys as large as the library.
 */
function ordered(cached: readonly LibraryTrack[], merged: Map<string, LibraryTrack>): LibraryTrack[] {
  const out: LibraryTrack[] = [];
  for (const t of cached) {
    const now = merged.get(t.ratingKey);
    if (now) {
      out.push(now);
      merged.delete(t.ratingKey);
    }
  }
  const fresh = [...merged.values()];
  fresh.sort((a, b) => (a.addedAt ?? 0) - (b.addedAt ?? 0) || compareKeys(a.ratingKey, b.ratingKey));
  return out.concat(fresh);
}

function compareKeys(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Same fields and values, whatever the order the fields were set in. */
function sameTrack(a: LibraryTrack, b: LibraryTrack): boolean {
  return JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort());
}
