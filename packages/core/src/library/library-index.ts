import { ratingKeyLookup } from './rating-key-lookup.js';
import type { LibraryReader, LibraryTrack, NearestOptions, SonicNeighbour, SonicPathOptions } from './types.js';

/** Plex's sonic requests for the indexed section (each one is a network request). */
export interface SonicLookup {
  nearest(ratingKey: string, options?: NearestOptions): Promise<SonicNeighbour[]>;
  path(startRatingKey: string, endRatingKey: string, options?: SonicPathOptions): Promise<LibraryTrack[]>;
}

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
  /**
   * Sonic neighbours and paths, when the server's client offers them (absent in hand-made contexts). Whether
   * the library is analysed is decided from the tracks' `sonicAnalysis`, never from an empty answer.
   */
  readonly sonic?: SonicLookup;
}

/** The reader's sonic requests bound to one section, or undefined when the reader has none. */
export function sonicLookup(reader: LibraryReader, sectionId: string): SonicLookup | undefined {
  const { nearest, sonicPath } = reader;
  if (!nearest || !sonicPath) return undefined;
  return {
    nearest: (ratingKey, options) => nearest.call(reader, ratingKey, options),
    path: (start, end, options) => sonicPath.call(reader, sectionId, start, end, options),
  };
}

export function createLibraryIndex(tracks: readonly LibraryTrack[], sonic?: SonicLookup): LibraryIndex {
  const byRatingKey = ratingKeyLookup(tracks);
  let genreList: string[] | undefined;
  return {
    tracks,
    size: tracks.length,
    byRatingKey,
    ...(sonic ? { sonic } : {}),
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
