import type { LibraryTrack } from './types.js';

/**
 * Read-only view of the library that sources are given. Built once per run from the cached index.
 */
export interface LibraryIndex {
  /** Every track, in a stable order. */
  readonly tracks: readonly LibraryTrack[];
  readonly size: number;
  byRatingKey(ratingKey: string): LibraryTrack | undefined;
  /** Every genre name present at any level (track, album, artist), as Plex spells it, sorted. */
  genres(): string[];
}

export function createLibraryIndex(tracks: readonly LibraryTrack[]): LibraryIndex {
  const byKey = new Map<string, LibraryTrack>();
  for (const track of tracks) byKey.set(track.ratingKey, track);
  let genreList: string[] | undefined;
  return {
    tracks,
    size: tracks.length,
    byRatingKey: (ratingKey) => byKey.get(ratingKey),
    genres() {
      if (!genreList) {
        const names = new Set<string>();
        for (const t of tracks) {
          for (const g of t.genres ?? []) names.add(g);
          for (const g of t.albumGenres ?? []) names.add(g);
          for (const g of t.artistGenres ?? []) names.add(g);
        }
        genreList = [...names].sort((a, b) => a.localeCompare(b));
      }
      return [...genreList];
    },
  };
}
