import type { LibraryTrack } from '../library/types.js';
import { tokensOf } from './normalize-text.js';
import { createPreparer, type MatchKeys, type PreparedQuery, type PreparedTrack } from './prepare.js';

/** Lookup structures over the library, built once per matcher: every lookup is a map access. */
export interface MatcherIndex {
  tracks: readonly PreparedTrack[];
  preparer: ReturnType<typeof createPreparer>;
  /** Strings parsed for library tracks while building (0 when the keys of an earlier run had them all). */
  libraryParses: number;
  byRatingKey: ReadonlyMap<string, PreparedTrack>;
  /** Whole credits and comma-listed names of library tracks. */
  isLibraryArtist(key: string): boolean;
  titleOwners(core: string): ReadonlySet<string>;
  /** Tracks with this title core credited (in whole or in part) to one of `names`. */
  credited(core: string, names: readonly string[]): PreparedTrack[];
  /** Tracks with this title core, whoever the artist (at most `cap`, in library order). */
  byCore(core: string, cap: number): PreparedTrack[];
  /** Plausible tracks for the fuzzy stage: same artist names, or the rarest title tokens in common. */
  plausible(q: PreparedQuery, cap: number): PreparedTrack[];
}

// A title word on more tracks than this says too little ("love", "the") to pick fuzzy candidates by.
const RARE_TOKEN = 40;
const ARTIST_CAP = 3000;

/** Postings: one index stays a number (most titles are unique), more become an array. Saves memory. */
type Postings = number | number[];

function add<K>(map: Map<K, Postings>, key: K, value: number): void {
  const seen = map.get(key);
  if (seen === undefined) map.set(key, value);
  else if (typeof seen === 'number') {
    if (seen !== value) map.set(key, [seen, value]);
  } else if (seen[seen.length - 1] !== value) seen.push(value);
}

function list(p: Postings | undefined): readonly number[] {
  return p === undefined ? [] : typeof p === 'number' ? [p] : p;
}

function size(p: Postings | undefined): number {
  return p === undefined ? 0 : typeof p === 'number' ? 1 : p.length;
}

export function buildMatcherIndex(library: readonly LibraryTrack[], keys?: MatchKeys): MatcherIndex {
  const preparer = createPreparer(keys);
  // Cores repeat (copies on compilations, live albums): their tokens are split once.
  const tokensByCore = new Map<string, string[]>();
  const tracks: PreparedTrack[] = new Array(library.length);
  const byRatingKey = new Map<string, PreparedTrack>();
  const byCore = new Map<string, Postings>();
  const byArtist = new Map<string, Postings>();
  const byToken = new Map<string, Postings>();
  // (artist name, title core) pairs: credited() is a few map reads, whatever the title's popularity. Indexed by
  // core id, then by name id: small-integer keys (a pair packed into one number is a slower heap-number key).
  const coreIds = new Map<string, number>();
  const nameIds = new Map<string, number>();
  const byNameAndCore: Map<number, Postings>[] = [];
  const idOf = (ids: Map<string, number>, key: string): number => {
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  };
  const artists = new Set<string>();
  for (let i = 0; i < library.length; i++) {
    const p = preparer.track(library[i]!, i);
    tracks[i] = p;
    if (!byRatingKey.has(p.track.ratingKey)) byRatingKey.set(p.track.ratingKey, p);
    add(byCore, p.title.core, i);
    if (!p.artist.unknown) {
      for (const name of p.artist.listed) artists.add(name);
      const coreId = idOf(coreIds, p.title.core);
      const names = (byNameAndCore[coreId] ??= new Map());
      for (const name of p.artist.all) {
        add(byArtist, name, i);
        add(names, idOf(nameIds, name), i);
      }
    }
    let tokens = tokensByCore.get(p.title.core);
    if (tokens === undefined) tokensByCore.set(p.title.core, (tokens = tokensOf(p.title.core)));
    for (const token of tokens) add(byToken, token, i);
  }
  return {
    tracks,
    preparer,
    libraryParses: preparer.parsed,
    byRatingKey,
    isLibraryArtist: (key) => artists.has(key),
    titleOwners(core) {
      const owners = new Set<string>();
      for (const i of list(byCore.get(core))) {
        const a = tracks[i]!.artist;
        if (!a.unknown) owners.add(a.primary);
      }
      return owners;
    },
    credited(core, names) {
      const coreId = coreIds.get(core);
      const byName = coreId === undefined ? undefined : byNameAndCore[coreId];
      if (byName === undefined) return [];
      if (names.length === 1) {
        // One name (most credits): its postings are already distinct and in library order.
        const nameId = nameIds.get(names[0]!);
        return nameId === undefined ? [] : list(byName.get(nameId)).map((i) => tracks[i]!);
      }
      const found = new Set<number>();
      for (const n of names) {
        const nameId = nameIds.get(n);
        if (nameId !== undefined) for (const i of list(byName.get(nameId))) found.add(i);
      }
      return [...found].sort((a, b) => a - b).map((i) => tracks[i]!);
    },
    byCore: (core, cap) => list(byCore.get(core)).slice(0, cap).map((i) => tracks[i]!),
    plausible(q, cap) {
      const seen = new Set<number>();
      for (const name of q.artist.all) {
        const p = byArtist.get(name);
        if (size(p) <= ARTIST_CAP) for (const i of list(p)) seen.add(i);
      }
      // Another artist and another spelling at once: only through a rare title word.
      let rarest: Postings | undefined;
      for (const t of tokensOf(q.title.core)) {
        const p = byToken.get(t);
        if (p !== undefined && (rarest === undefined || size(p) < size(rarest))) rarest = p;
      }
      if (size(rarest) <= RARE_TOKEN) for (const i of list(rarest)) seen.add(i);
      return [...seen]
        .sort((a, b) => a - b)
        .slice(0, cap)
        .map((i) => tracks[i]!);
    },
  };
}
