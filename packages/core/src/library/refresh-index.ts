import type { Logger } from '../logging/logger.js';
import { chunkKeys } from './chunk-keys.js';
import type { LibraryReader, LibraryTrack, ParentGenres, TrackFilter } from './types.js';

/**
 * Brings a cached index up to date by reading only what changed, or says it cannot (undefined: list everything).
 *
 * 1. New and edited tracks: the tracks whose `updatedAt` or `addedAt` is later than the newest stamp the index
 *    holds (both, since which one PMS moves on an add is unverified; the added ones are counted first and listed
 *    only when the first listing does not hold them all). Merged by ratingKey.
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
    spend();
    for (const t of await listWhere(sectionId, { updatedAfter: since }, parents)) changed.set(t.ratingKey, t);
    // Which stamp PMS moves when it adds a track is unverified, so the tracks added since are asked for too: first
    // by their count. When Plex counts no more of them than the first listing already holds, it holds them all
    // (a 1 % change at 1M tracks lists ~10k new tracks once, not twice); otherwise they are listed.
    spend();
    const addedSince = await countWhere(sectionId, { addedAfter: since });
    if (addedSince !== addedAfter(changed.values(), since)) {
      spend();
      for (const t of await listWhere(sectionId, { addedAfter: since }, parents)) changed.set(t.ratingKey, t);
    }
    if (!(await knowParents([...changed.values()], parents, input, spend))) throw new GiveUp('a new album or artist is unknown');

    // The index with its changed tracks in place, then the new ones: one pass, no map of the whole library (at 300k
    // tracks a Map by ratingKey was ~25 MB of tables, garbage right when the matcher was built after the refresh).
    let updated = 0;
    const merged: LibraryTrack[] = [];
    for (const t of input.cached) {
      const now = changed.get(t.ratingKey);
      if (now === undefined) {
        merged.push(t);
        continue;
      }
      // The newest second is asked for again (a change in the same second as the stamp): count real changes only.
      if (!sameTrack(t, now)) updated += 1;
      merged.push(now);
      // What is left in `changed` is new. (A key the index held twice keeps its second copy: the count then
      // differs from Plex's, and the refresh gives up.)
      changed.delete(t.ratingKey);
    }
    const added = changed.size;
    for (const t of byAddedThenKey([...changed.values()])) merged.push(t);
    const surplus = merged.length - input.count;
    if (surplus < 0) throw new GiveUp(`Plex has ${-surplus} tracks that no filter returned`);
    const gone = surplus > 0 ? await settleRemovals(merged, surplus, { ...input, parents, listWhere, countWhere, spend }) : new Set<string>();
    const tracks = gone.size === 0 ? merged : merged.filter((t) => !gone.has(t.ratingKey));
    const removed = merged.length - tracks.length;
    if (tracks.length !== input.count) throw new GiveUp(`${tracks.length} tracks after the refresh, Plex has ${input.count}`);
    return { tracks, added, updated, removed, requests };
  } catch (error) {
    if (!(error instanceof GiveUp)) throw error;
    logger.info(`The library changed in a way a partial refresh cannot prove complete (${error.message}); listing it all.`);
    return undefined;
  }
}

/** How many of these tracks an `addedAt>>=since` filter selects (the filter's bound is exclusive, in seconds). */
function addedAfter(tracks: Iterable<LibraryTrack>, since: number): number {
  let n = 0;
  for (const t of tracks) if (t.addedAt !== undefined && Math.floor(t.addedAt / 1000) > since) n += 1;
  return n;
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
 * of at most a page is listed and taken as Plex has it. Returns the ratingKeys of the tracks removed.
 */
async function settleRemovals(merged: readonly LibraryTrack[], surplus: number, s: RemovalSearch): Promise<Set<string>> {
  if (merged.some((t) => t.addedAt === undefined)) throw new GiveUp('a track without addedAt');
  const byAdded = [...merged].sort((a, b) => (a.addedAt as number) - (b.addedAt as number));
  const sec = (i: number) => Math.floor((byAdded[i]?.addedAt as number) / 1000);
  const rangeFilter = (from: number, to: number): TrackFilter => ({ addedAfter: sec(from) - 1, addedBefore: sec(to - 1) + 1 });
  const gone = new Set<string>();

  const search = async (from: number, to: number, missing: number): Promise<void> => {
    if (missing === 0) return;
    if (missing < 0) throw new GiveUp('Plex has more tracks in a range than the index');
    if (to - from <= s.pageSize || sec(from) === sec(to - 1)) {
      s.spend(Math.max(1, Math.ceil((to - from) / s.pageSize)));
      const listed = await s.listWhere(s.sectionId, rangeFilter(from, to), s.parents);
      const present = new Set(listed.map((t) => t.ratingKey));
      for (let i = from; i < to; i += 1) {
        const key = (byAdded[i] as LibraryTrack).ratingKey;
        if (!present.has(key)) gone.add(key);
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
  return gone;
}

/** Near the middle, between two different seconds (a range is a span of addedAt, so equal ones stay together). */
function splitPoint(from: number, to: number, sec: (i: number) => number): number {
  const middle = Math.floor((from + to) / 2);
  for (let d = 0; d < to - from; d += 1) {
    for (const i of [middle + d, middle - d]) if (i > from && i < to && sec(i) !== sec(i - 1)) return i;
  }
  return to;
}

/** New tracks in the order a full listing gives them: by addedAt, then by ratingKey. */
function byAddedThenKey(fresh: LibraryTrack[]): LibraryTrack[] {
  return fresh.sort((a, b) => (a.addedAt ?? 0) - (b.addedAt ?? 0) || compareKeys(a.ratingKey, b.ratingKey));
}

function compareKeys(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Same fields and values, whatever the order the fields were set in. */
function sameTrack(a: LibraryTrack, b: LibraryTrack): boolean {
  return JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort());
}
