import type { LibraryTrack } from '../library/types.js';
import { tokensOf } from './normalize-text.js';
import { createPreparer, type PreparedQuery, type PreparedTrack } from './prepare.js';

/** Lookup structures over the library, built once per matcher: every lookup is a map access. */
export interface MatcherIndex {
  tracks: readonly PreparedTrack[];
  preparer: ReturnType<typeof createPreparer>;
  byRatingKey: ReadonlyMap<string, PreparedTrack>;
  /** Whole credits and comma-listed names of library tracks. */
  isLibraryArtist(key: string): boolean;
  titleOwners(core: string): ReadonlySet<string>;
  /** Tracks with this title core credited (in whole or in part) to one of these names. */
  byArtistAndCore(names: readonly string[], core: string): PreparedTrack[];
  /** Tracks with this title core, whoever the artist (at most `cap`, in library order). */
  byCore(core: string, cap: number): PreparedTrack[];
  /** Plausible tracks for the fuzzy stage: same artist names, or the rarest title tokens in common. */
  plausible(q: PreparedQuery, cap: number): PreparedTrack[];
}

const SEP = '\u0000';
// A token on more tracks than this says little ("love", "the"): rarer ones pick candidates.
const COMMON_TOKEN = 4000;
const ARTIST_CAP = 3000;

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) {
    if (list[list.length - 1] !== value) list.push(value);
  } else {
    map.set(key, [value]);
  }
}

export function buildMatcherIndex(library: readonly LibraryTrack[]): MatcherIndex {
  const preparer = createPreparer();
  const tracks: PreparedTrack[] = new Array(library.length);
  const byRatingKey = new Map<string, PreparedTrack>();
  const byCore = new Map<string, number[]>();
  const byArtistCore = new Map<string, number[]>();
  const byArtist = new Map<string, number[]>();
  const byToken = new Map<string, number[]>();
  const artists = new Set<string>();
  for (let i = 0; i < library.length; i++) {
    const p = preparer.track(library[i]!, i);
    tracks[i] = p;
    if (!byRatingKey.has(p.track.ratingKey)) byRatingKey.set(p.track.ratingKey, p);
    push(byCore, p.title.core, i);
    if (!p.artist.unknown) {
      for (const name of p.artist.listed) artists.add(name);
      for (const name of p.artist.all) {
        push(byArtistCore, name + SEP + p.title.core, i);
        push(byArtist, name, i);
      }
    }
    for (const token of tokensOf(p.title.core)) push(byToken, token, i);
  }
  const at = (indices: readonly number[] | undefined): PreparedTrack[] => (indices ?? []).map((i) => tracks[i]!);
  return {
    tracks,
    preparer,
    byRatingKey,
    isLibraryArtist: (key) => artists.has(key),
    titleOwners(core) {
      const owners = new Set<string>();
      for (const i of byCore.get(core) ?? []) {
        const a = tracks[i]!.artist;
        if (!a.unknown) owners.add(a.primary);
      }
      return owners;
    },
    byArtistAndCore(names, core) {
      const seen = new Set<number>();
      for (const name of names) for (const i of byArtistCore.get(name + SEP + core) ?? []) seen.add(i);
      return at([...seen].sort((a, b) => a - b));
    },
    byCore: (core, cap) => at((byCore.get(core) ?? []).slice(0, cap)),
    plausible(q, cap) {
      const seen = new Set<number>();
      for (const name of q.artist.all) {
        const list = byArtist.get(name);
        if (list && list.length <= ARTIST_CAP) for (const i of list) seen.add(i);
      }
      const postings = tokensOf(q.title.core)
        .map((t) => byToken.get(t))
        .filter((l): l is number[] => l !== undefined && l.length <= COMMON_TOKEN)
        .sort((a, b) => a.length - b.length)
        .slice(0, 2);
      for (const list of postings) for (const i of list) seen.add(i);
      return at([...seen].sort((a, b) => a - b).slice(0, cap));
    },
  };
}
