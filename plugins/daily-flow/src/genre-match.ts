/**
 * Genre names as users and taggers write them differ in case, accents, punctuation and a few well-known
 * spellings; a window's genre must still find the library's. Everything here works on normalised keys.
 */
import { genreKey } from '@harmoniq/core';

export { genreKey };

/** User-defined aliases: a window genre (the key) also matches each of the listed library genres. */
export type GenreAliases = Readonly<Record<string, readonly string[]>>;

/**
 * The set of genre keys a window's genre list stands for, aliases expanded one level
 * (`Chill` → Chill, Chillout, Downtempo; a window asking for `Chillout` does not match `Chill`).
 */
export function expandGenres(genres: readonly string[], aliases: GenreAliases): Set<string> {
  const aliasByKey = new Map<string, string[]>();
  for (const [name, targets] of Object.entries(aliases)) {
    const key = genreKey(name);
    aliasByKey.set(key, [...(aliasByKey.get(key) ?? []), ...targets]);
  }
  const keys = new Set<string>();
  for (const genre of genres) {
    const key = genreKey(genre);
    keys.add(key);
    for (const target of aliasByKey.get(key) ?? []) keys.add(genreKey(target));
  }
  keys.delete('');
  return keys;
}

export type GenreLevel = 'track' | 'album' | 'artist';

export interface GenreSource {
  genres?: readonly string[];
  albumGenres?: readonly string[];
  artistGenres?: readonly string[];
}

export interface GenreMatch {
  genre: string;
  level: GenreLevel;
}

/** Beyond this many distinct genre lists at one level (tracks that do not share them), answers are not remembered. */
const REMEMBERED_LISTS = 50_000;

/**
 * The first genre of a track (its own, then its album's, then its artist's) whose key is in `keys`, as a function
 * called for every track of the library on each run. Tracks share their genre lists (the listing and the index
 * cache hand out one copy of each), so a 300k library holds a few thousand distinct lists: each list's answer is
 * worked out once, each name folded once.
 */
export function genreFinder(keys: ReadonlySet<string>): (track: GenreSource) => GenreMatch | undefined {
  const folded = new Map<string, string>();
  const inKeys = (name: string): boolean => {
    let key = folded.get(name);
    if (key === undefined) {
      key = genreKey(name);
      folded.set(name, key);
    }
    return keys.has(key);
  };
  const atLevel = (level: GenreLevel): ((names: readonly string[] | undefined) => GenreMatch | undefined) => {
    const answers = new Map<readonly string[], GenreMatch | null>();
    return (names) => {
      if (!names) return undefined;
      let answer = answers.get(names);
      if (answer === undefined) {
        const genre = names.find(inKeys);
        answer = genre === undefined ? null : { genre, level };
        if (answers.size < REMEMBERED_LISTS) answers.set(names, answer);
      }
      return answer ?? undefined;
    };
  };
  const own = atLevel('track');
  const album = atLevel('album');
  const artist = atLevel('artist');
  return (track) => own(track.genres) ?? album(track.albumGenres) ?? artist(track.artistGenres);
}

/** Library genres nearest to what a window asked for, best first: for the "matches nothing" warning. */
export function closestGenres(wanted: readonly string[], available: readonly string[], count = 5): string[] {
  const wantedKeys = wanted.map(genreKey).filter((k) => k.length > 0);
  if (wantedKeys.length === 0) return [];
  const scored = available.map((name) => {
    const key = genreKey(name);
    let best = Number.POSITIVE_INFINITY;
    for (const w of wantedKeys) {
      // A genre containing the wanted word ("Chillout" for "Chill") is closer than its edit distance says.
      const contains = key.length > 0 && (key.includes(w) || w.includes(key));
      const distance = editDistance(w, key) / Math.max(w.length, key.length, 1);
      best = Math.min(best, contains ? distance / 2 : distance);
    }
    return { name, score: best };
  });
  scored.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
  return scored.slice(0, count).map((s) => s.name);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
