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

/** genreKey with a cache: a library has a few hundred genre names spread over many thousand tracks. */
export function cachedGenreKey(): (name: string) => string {
  const cache = new Map<string, string>();
  return (name) => {
    let key = cache.get(name);
    if (key === undefined) {
      key = genreKey(name);
      cache.set(name, key);
    }
    return key;
  };
}

/** The first genre of a track (its own, then its album's, then its artist's) whose key is in `keys`. */
export function matchingGenre(
  track: GenreSource,
  keys: ReadonlySet<string>,
  keyOf: (name: string) => string = genreKey,
): { genre: string; level: GenreLevel } | undefined {
  // Called for every track of the library on each run: no arrays allocated per call.
  return (
    firstMatch(track.genres, 'track', keys, keyOf) ??
    firstMatch(track.albumGenres, 'album', keys, keyOf) ??
    firstMatch(track.artistGenres, 'artist', keys, keyOf)
  );
}

function firstMatch(
  names: readonly string[] | undefined,
  level: GenreLevel,
  keys: ReadonlySet<string>,
  keyOf: (name: string) => string,
): { genre: string; level: GenreLevel } | undefined {
  if (!names) return undefined;
  for (const genre of names) {
    if (keys.has(keyOf(genre))) return { genre, level };
  }
  return undefined;
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
