import type { LibraryTrack } from '../library/types.js';
import { tokensOf } from './normalize-text.js';
import { ratingKeyLookup } from '../library/rating-key-lookup.js';
import { createPreparer, trackRawKeys, type MatchKeys, type PreparedQuery, type PreparedTrack } from './prepare.js';
import { pairIndex, postingsSize, PairPostingsBuilder, PostingsBuilder, type PairPostings, type Postings } from './postings.js';

/**
 * Lookup structures over the library, built once per matcher. Keys (title cores, artist names, title words) are
 * small integers, their track lists typed arrays (postings.ts), and a library track is prepared only when a
 * lookup reaches it: a query touches a few dozen of them, and 300k prepared objects were the index's bulk.
 */
export interface MatcherIndex {
  preparer: ReturnType<typeof createPreparer>;
  /** Strings parsed for library tracks while building (0 when the keys of an earlier run had them all). */
  libraryParses: number;
  /** The first library track with this rating key. */
  byRatingKey(key: string): LibraryTrack | undefined;
  /** Whole credits and comma-listed names of library tracks. */
  isLibraryArtist(key: string): boolean;
  titleOwners(core: string): ReadonlySet<string>;
  /** Tracks with this title core credited (in whole or in part) to one of `names`, in library order. */
  credited(core: string, names: readonly string[]): PreparedTrack[];
  /** Tracks with this title core, whoever the artist (at most `cap`, in library order). */
  byCore(core: string, cap: number): PreparedTrack[];
  /** Plausible tracks for the fuzzy stage: same artist names, or the rarest title tokens in common. */
  plausible(q: PreparedQuery, cap: number): PreparedTrack[];
}

// A title word on more tracks than this says too little ("love", "the") to pick fuzzy candidates by.
const RARE_TOKEN = 40;
const ARTIST_CAP = 3000;

function idOf(ids: Map<string, number>, key: string): number {
  let id = ids.get(key);
  if (id === undefined) ids.set(key, (id = ids.size));
  return id;
}

/** The union of two ascending lists of distinct positions, ascending and distinct (a linear merge, no sort). */
function mergeDistinct(a: ArrayLike<number>, aFrom: number, aTo: number, b: ArrayLike<number>, bFrom: number, bTo: number): number[] {
  const out: number[] = [];
  let i = aFrom;
  let j = bFrom;
  while (i < aTo || j < bTo) {
    const x = i < aTo ? a[i]! : Infinity;
    const y = j < bTo ? b[j]! : Infinity;
    out.push(x <= y ? x : y);
    if (x <= y) i++;
    if (y <= x) j++;
  }
  return out;
}

export function buildMatcherIndex(library: readonly LibraryTrack[], keys?: MatchKeys): MatcherIndex {
  const preparer = createPreparer(keys);
  const coreIds = new Map<string, number>();
  const nameIds = new Map<string, number>();
  const tokenIds = new Map<string, number>();
  // Whether a name is a whole credit or comma-listed name of some track (not only a piece of "A & B").
  const listedNames = new Set<number>();
  const byCoreB = new PostingsBuilder();
  const byArtistB = new PostingsBuilder();
  const byTokenB = new PostingsBuilder();
  // (title core, artist name) pairs: credited() is a binary search per name, whatever the title's popularity.
  const byCoreAndNameB = new PairPostingsBuilder();
  // Cores repeat (copies on compilations, live albums): their tokens are split once.
  const tokensByCore: number[][] = [];
  for (let i = 0; i < library.length; i++) {
    const track = library[i]!;
    const raw = trackRawKeys(track);
    const artist = preparer.artist(raw.artist);
    const title = preparer.title(raw.title);
    preparer.album(raw.album);
    const coreId = idOf(coreIds, title.core);
    byCoreB.add(coreId, i);
    if (!artist.unknown) {
      for (const name of artist.listed) listedNames.add(idOf(nameIds, name));
      for (const name of artist.all) {
        const nameId = idOf(nameIds, name);
        byArtistB.add(nameId, i);
        byCoreAndNameB.add(coreId, nameId, i);
      }
    }
    let tokens = tokensByCore[coreId];
    if (tokens === undefined) tokensByCore[coreId] = tokens = tokensOf(title.core).map((t) => idOf(tokenIds, t));
    for (const token of tokens) byTokenB.add(token, i);
  }
  const byCore: Postings = byCoreB.build(coreIds.size);
  const byArtist: Postings = byArtistB.build(nameIds.size);
  const byToken: Postings = byTokenB.build(tokenIds.size);
  const byCoreAndName: PairPostings = byCoreAndNameB.build(coreIds.size, nameIds.size);

  // Prepared on first use and kept: scoring memoises keys and name sets on them.
  // Filled with undefined, not `new Array(n)`: a large holey array is a hash table in V8, slow to read.
  const prepared: (PreparedTrack | undefined)[] = [];
  for (let i = 0; i < library.length; i++) prepared.push(undefined);
  const trackAt = (i: number): PreparedTrack => (prepared[i] ??= preparer.track(library[i]!, i));
  const tracksIn = (positions: ArrayLike<number>, from: number, to: number): PreparedTrack[] => {
    const out: PreparedTrack[] = new Array(Math.max(0, to - from));
    for (let j = from; j < to; j++) out[j - from] = trackAt(positions[j]!);
    return out;
  };
  const range = (p: Postings, key: number | undefined, cap = Infinity): PreparedTrack[] => {
    if (key === undefined) return [];
    const from = p.start[key]!;
    return tracksIn(p.values, from, Math.min(p.start[key + 1]!, from + cap));
  };
  // Scratch for the fuzzy stage's union of posting lists: sorted in place as numbers, no array per query.
  let scratch = new Int32Array(1024);
  // Built on first use: rating keys reach the matcher rarely (stored results and the pipeline decide picks by
  // key without it), and 300k entries are a tenth of the index.
  let byRatingKey: ((key: string) => LibraryTrack | undefined) | undefined;
  return {
    preparer,
    libraryParses: preparer.parsed,
    byRatingKey(key) {
      byRatingKey ??= ratingKeyLookup(library, 'first');
      return byRatingKey(key);
    },
    isLibraryArtist(key) {
      const id = nameIds.get(key);
      return id !== undefined && listedNames.has(id);
    },
    titleOwners(core) {
      const owners = new Set<string>();
      for (const t of range(byCore, coreIds.get(core))) if (!t.artist.unknown) owners.add(t.artist.primary);
      return owners;
    },
    credited(core, names) {
      const coreId = coreIds.get(core);
      if (coreId === undefined) return [];
      const { valueStart, values } = byCoreAndName;
      // Each name's list is ascending and distinct; several names' lists are merged (a track may carry several).
      // Most queries find one name's list: its tracks are read straight from the postings.
      let first = -1;
      let found: number[] | undefined;
      for (const n of names) {
        const nameId = nameIds.get(n);
        const j = nameId === undefined ? -1 : pairIndex(byCoreAndName, coreId, nameId);
        if (j < 0) continue;
        if (first < 0) first = j;
        else if (found === undefined) found = mergeDistinct(values, valueStart[first]!, valueStart[first + 1]!, values, valueStart[j]!, valueStart[j + 1]!);
        else found = mergeDistinct(found, 0, found.length, values, valueStart[j]!, valueStart[j + 1]!);
      }
      if (found !== undefined) return tracksIn(found, 0, found.length);
      return first < 0 ? [] : tracksIn(values, valueStart[first]!, valueStart[first + 1]!);
    },
    byCore: (core, cap) => range(byCore, coreIds.get(core), cap),
    plausible(q, cap) {
      const lists: number[] = [];
      let size = 0;
      for (const name of q.artist.all) {
        const id = nameIds.get(name);
        if (id === undefined || postingsSize(byArtist, id) > ARTIST_CAP) continue;
        lists.push(id);
        size += postingsSize(byArtist, id);
      }
      // Another artist and another spelling at once: only through a rare title word.
      let rarest = -1;
      for (const t of tokensOf(q.title.core)) {
        const id = tokenIds.get(t);
        if (id !== undefined && (rarest < 0 || postingsSize(byToken, id) < postingsSize(byToken, rarest))) rarest = id;
      }
      const rare = rarest >= 0 && postingsSize(byToken, rarest) <= RARE_TOKEN;
      if (rare) size += postingsSize(byToken, rarest);
      if (scratch.length < size) scratch = new Int32Array(Math.max(size, scratch.length * 2));
      let n = 0;
      for (const id of lists) for (let j = byArtist.start[id]!; j < byArtist.start[id + 1]!; j++) scratch[n++] = byArtist.values[j]!;
      if (rare) for (let j = byToken.start[rarest]!; j < byToken.start[rarest + 1]!; j++) scratch[n++] = byToken.values[j]!;
      // Sorted, distinct positions (a union of posting lists), at most `cap`, in library order.
      const found = scratch.subarray(0, n).sort();
      const out: PreparedTrack[] = [];
      for (let i = 0; i < n && out.length < cap; i++) {
        if (i > 0 && found[i] === found[i - 1]) continue;
        out.push(trackAt(found[i]!));
      }
      return out;
    },
  };
}
