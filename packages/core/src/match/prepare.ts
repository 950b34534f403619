import type { LibraryTrack } from '../library/types.js';
import { parseArtist, type ParsedArtist } from './parse-artist.js';
import { parseTitle, versionKeyOf, type ParsedTitle } from './parse-title.js';
import { albumVersionOf } from './album-version.js';
import { foldText, wordsOf } from './normalize-text.js';
import type { VersionTag } from './version-words.js';
import type { MatchCandidate } from './types.js';

/** A library track or a query, taken apart once. */
export interface Prepared {
  artist: ParsedArtist;
  title: ParsedTitle;
  album: string | undefined;
  /** Edition words of the album ("deluxe"), set only when it has some: a deluxe edition adds versions. */
  edition?: string;
  durationMs: number | undefined;
}

export interface PreparedTrack extends Prepared {
  track: LibraryTrack;
  /** Position in the library list: the final, deterministic tie-breaker. */
  index: number;
}

/** How a query form was derived from what the source sent. */
export type QueryForm = 'given' | 'track-number' | 'artist-in-title';

export interface PreparedQuery extends Prepared {
  form: QueryForm;
  /** Exact title key: core, version and subtitles. */
  titleKey: string;
}

export function titleKeyOf(title: ParsedTitle): string {
  return `${title.core}\u0001${title.versionKey}\u0001${title.extras.join('|')}`;
}

/** Tracks with the same recording key are copies of one recording (an album and a compilation). */
export function recordingKeyOf(p: Prepared): string {
  return `${p.artist.primaryNames.join('+') || p.artist.primary}\u0001${p.title.core}\u0001${p.title.versionKey}`;
}

/** Album comparison key: the album's name without edition noise, "- EP", "- Single". */
export function albumKeyOf(raw: string | undefined): string | undefined {
  if (!raw || raw.trim() === '' || raw === 'None') return undefined;
  const parsed = parseTitle(raw);
  const key = parsed.core.replace(/\s(ep|single|lp)$/, '');
  return key === '' ? undefined : key;
}

const EDITION_WORDS = new Set(['deluxe', 'expanded', 'special', 'anniversary', 'collectors', 'bonus', 'complete', 'platinum', 'tour']);

/** The edition words of an album's name ('' for a standard edition): "Hotel Cabana (Deluxe Version)" → "deluxe". */
export function editionOf(raw: string | undefined): string {
  if (raw === undefined) return '';
  const words = wordsOf(foldText(raw)).filter((w) => EDITION_WORDS.has(w));
  return words.length === 0 ? '' : [...new Set(words)].sort().join(' ');
}

/** A title naming no version takes its album's ("Bohemian Rhapsody" on "Live Killers" is live). */
export function withAlbumVersion(title: ParsedTitle, tag: VersionTag | undefined): ParsedTitle {
  if (!tag || title.versions.length > 0) return title;
  const versions = [tag];
  return { ...title, versions, versionKey: versionKeyOf(versions), versionFromAlbum: true };
}

/** Caches parses of strings many tracks share (artists, albums): building the index parses each once. */
export function createPreparer(): {
  track(track: LibraryTrack, index: number): PreparedTrack;
  query(candidate: MatchCandidate): PreparedQuery;
  artist(raw: string): ParsedArtist;
} {
  const artists = new Map<string, ParsedArtist>();
  const albums = new Map<string, string | undefined>();
  const albumVersions = new Map<string, VersionTag | undefined>();
  const editions = new Map<string, string>();
  const edition = (raw: string | undefined): string => {
    if (raw === undefined) return '';
    let e = editions.get(raw);
    if (e === undefined) {
      e = editionOf(raw);
      editions.set(raw, e);
    }
    return e;
  };
  const albumVersion = (raw: string | undefined): VersionTag | undefined => {
    if (raw === undefined || raw.trim() === '') return undefined;
    if (!albumVersions.has(raw)) albumVersions.set(raw, albumVersionOf(raw));
    return albumVersions.get(raw);
  };
  // Titles repeat across a library (remasters, live albums, compilations, "Intro"): parse and keep each once.
  const titles = new Map<string, ParsedTitle>();
  const trackTitle = (raw: string): ParsedTitle => {
    let parsed = titles.get(raw);
    if (!parsed) {
      parsed = parseTitle(raw);
      titles.set(raw, parsed);
    }
    return parsed;
  };
  const artist = (raw: string): ParsedArtist => {
    let parsed = artists.get(raw);
    if (!parsed) {
      parsed = parseArtist(raw);
      artists.set(raw, parsed);
    }
    return parsed;
  };
  const album = (raw: string | undefined): string | undefined => {
    if (raw === undefined) return undefined;
    if (!albums.has(raw)) albums.set(raw, albumKeyOf(raw));
    return albums.get(raw);
  };
  return {
    artist,
    track(track, index) {
      const a = artist(clip(track.artist && track.artist.trim() !== '' ? track.artist : (track.albumArtist ?? '')));
      const albumRaw = track.album === undefined ? undefined : clip(track.album);
      const title = withAlbumVersion(trackTitle(clip(track.title)), albumVersion(albumRaw));
      const prepared: PreparedTrack = { track, index, artist: a, title, album: album(albumRaw), durationMs: validDuration(track.durationMs) };
      const trackEdition = edition(albumRaw);
      if (trackEdition !== '') prepared.edition = trackEdition;
      return prepared;
    },
    query(candidate) {
      const albumRaw = candidate.album === undefined ? undefined : clip(candidate.album);
      const title = withAlbumVersion(parseTitle(clip(candidate.title)), albumVersion(albumRaw));
      const prepared: PreparedQuery = {
        form: 'given',
        // Sources repeat artists (and name library artists): their parse is shared with the index.
        artist: artist(clip(candidate.artist)),
        title,
        titleKey: titleKeyOf(title),
        album: albumKeyOf(albumRaw),
        durationMs: validDuration(candidate.durationMs),
      };
      const queryEdition = editionOf(albumRaw);
      if (queryEdition !== '') prepared.edition = queryEdition;
      return prepared;
    },
  };
}

// No real artist or title is this long; a hostile or broken service's megabyte string must not cost seconds.
const MAX_FIELD = 500;
function clip(text: string): string {
  return text.length > MAX_FIELD ? text.slice(0, MAX_FIELD) : text;
}

function validDuration(ms: number | undefined): number | undefined {
  return typeof ms === 'number' && Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

const TRACK_NUMBER_RE = /^\s*\d{1,3}\s*[-.)]\s+(\S.*)$/;
const ARTIST_DASH_RE = /^(.+?)\s+[-\u2010-\u2015]\s+(.+)$/;

/**
 * Other readings of a query that failed as given: a track-number prefix ("07 - Emigrate"), or an
 * "Artist - Title" upload title when the artist is unknown or the prefix names a library artist.
 */
export function alternativeForms(
  candidate: MatchCandidate,
  given: PreparedQuery,
  isLibraryArtist: (key: string) => boolean,
  artistOf: (raw: string) => ParsedArtist,
): PreparedQuery[] {
  const forms: PreparedQuery[] = [];
  const albumTag = given.title.versionFromAlbum ? given.title.versions[0] : undefined;
  const numbered = TRACK_NUMBER_RE.exec(candidate.title);
  if (numbered?.[1]) {
    const title = withAlbumVersion(parseTitle(numbered[1]), albumTag);
    forms.push({ ...given, form: 'track-number', title, titleKey: titleKeyOf(title) });
  }
  const dashed = ARTIST_DASH_RE.exec(candidate.title);
  if (dashed?.[1] && dashed[2]) {
    const prefix = artistOf(dashed[1]);
    if (given.artist.unknown || prefix.key === given.artist.key || isLibraryArtist(prefix.key)) {
      const title = withAlbumVersion(parseTitle(dashed[2]), albumTag);
      forms.push({ ...given, form: 'artist-in-title', artist: prefix, title, titleKey: titleKeyOf(title) });
    }
  }
  return forms;
}
