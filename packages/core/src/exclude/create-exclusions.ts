import type { LibraryTrack } from '../library/types.js';
import { artistKey, splitPeople } from '../match/parse-artist.js';
import { parseTitle } from '../match/parse-title.js';
import type { ExclusionRules } from './exclusion-rules.js';
import { genreKey } from './genre-key.js';

export type GenreLevel = 'track' | 'album' | 'artist';

/** Why a track was kept out, for the summary, `--json` and `--explain`. */
export type ExclusionReason =
  | { rule: 'genre'; genre: string; level: GenreLevel }
  | { rule: 'artist'; artist: string }
  | { rule: 'track'; artist: string; title: string }
  | { rule: 'ratingKey'; ratingKey: string };

/** The artist and title a source proposed, before matching (genres are not known yet). */
export interface CandidateNames {
  artist: string;
  title: string;
  ids?: { plexRatingKey?: string };
}

export interface Exclusions {
  /** Why a library track is excluded (its genres at any level, its credits, its song, its ratingKey), or undefined. */
  track(track: LibraryTrack): ExclusionReason | undefined;
  /**
   * Why a candidate is excluded by its names alone, or undefined: lets the core keep an excluded song out of
   * the missing-tracks list when the library does not have it.
   */
  candidate(candidate: CandidateNames): ExclusionReason | undefined;
  readonly empty: boolean;
}

/**
 * Compiles rules into checks on prepared keys: genres folded like Daily Flow's (case, accents, `R&B`/`RnB`),
 * artists and titles like the matcher's (`The`, `feat.`, accents), so exclusions catch what matching finds.
 */
export function createExclusions(rules: ExclusionRules): Exclusions {
  const genres = new Map<string, string>();
  for (const g of rules.genres) {
    const key = genreKey(g);
    if (key !== '') genres.set(key, g);
  }
  const artists = new Map<string, string>();
  for (const a of rules.artists) {
    const key = artistKey(a);
    if (key !== '') artists.set(key, a);
  }
  const songs = new Map<string, { artist: string; title: string }>();
  for (const t of rules.tracks) songs.set(songKey(artistKey(t.artist), t.title), t);
  const ratingKeys = new Set(rules.ratingKeys);
  const genreCache = new Map<string, string>();
  const keyOfGenre = (name: string): string => {
    let k = genreCache.get(name);
    if (k === undefined) {
      k = genreKey(name);
      genreCache.set(name, k);
    }
    return k;
  };

  const byGenre = (track: LibraryTrack): ExclusionReason | undefined => {
    if (genres.size === 0) return undefined;
    const levels: [readonly string[] | undefined, GenreLevel][] = [
      [track.genres, 'track'],
      [track.albumGenres, 'album'],
      [track.artistGenres, 'artist'],
    ];
    for (const [names, level] of levels) {
      for (const name of names ?? []) if (genres.has(keyOfGenre(name))) return { rule: 'genre', genre: name, level };
    }
    return undefined;
  };

  const byNames = (artistCredits: readonly (string | undefined)[], title: string): ExclusionReason | undefined => {
    if (artists.size === 0 && songs.size === 0) return undefined;
    const people = new Set<string>();
    for (const credit of artistCredits) {
      if (!credit) continue;
      people.add(artistKey(credit));
      for (const name of splitPeople(credit).all) people.add(name);
    }
    for (const person of people) {
      const artist = artists.get(person);
      if (artist !== undefined) return { rule: 'artist', artist };
    }
    for (const person of people) {
      const song = songs.get(songKey(person, title));
      if (song) return { rule: 'track', ...song };
    }
    return undefined;
  };

  const empty = genres.size + artists.size + songs.size + ratingKeys.size === 0;
  return {
    empty,
    track(track) {
      if (empty) return undefined;
      if (ratingKeys.has(track.ratingKey)) return { rule: 'ratingKey', ratingKey: track.ratingKey };
      return byGenre(track) ?? byNames([track.artist, track.albumArtist], track.title);
    },
    candidate(candidate) {
      if (empty) return undefined;
      const key = candidate.ids?.plexRatingKey;
      if (key !== undefined && ratingKeys.has(key)) return { rule: 'ratingKey', ratingKey: key };
      return byNames([candidate.artist], candidate.title);
    },
  };
}

/** One line for logs and reports: `genre Christmas (album)`, `artist Mariah Carey`. */
export function describeExclusion(reason: ExclusionReason): string {
  switch (reason.rule) {
    case 'genre':
      return reason.level === 'track' ? `genre ${reason.genre}` : `genre ${reason.genre} (${reason.level})`;
    case 'artist':
      return `artist ${reason.artist}`;
    case 'track':
      return `track ${reason.artist} – ${reason.title}`;
    case 'ratingKey':
      return `ratingKey ${reason.ratingKey}`;
  }
}

/** Every version of a song: the title's core without version words, remaster years or subtitles. */
function songKey(artist: string, title: string): string {
  return `${artist}\u0001${parseTitle(title).core}`;
}
