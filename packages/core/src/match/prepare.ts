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
  /** Memo of the artist credit's and the title's names together (scoring reads it for every comparison). */
  people?: ReadonlySet<string>;
}

export interface PreparedTrack extends Prepared {
  track: LibraryTrack;
  /** Position in the library list: the final, deterministic tie-breaker. */
  index: number;
  /** Memo of recordingKeyOf(this): a track is compared with many queries. */
  recordingKey?: string;
}

/** How a query form was derived from what the source sent. */
export type QueryForm = 'given' | 'track-number' | 'artist-in-title';

export interface PreparedQuery extends Prepared {
  form: QueryForm;
}

/** Exact title key: core, version and subtitles. */
export function titleKeyOf(title: ParsedTitle): string {
  return `${title.core}\u0001${title.versionKey}\u0001${title.extras.join('|')}`;
}

/**
 * titleKeyOf(a) === titleKeyOf(b), without building either: the version key and the subtitles are made of words,
 * which hold neither separator, so the keys are equal exactly when their parts are.
 */
export function sameTitleKey(a: ParsedTitle, b: ParsedTitle): boolean {
  if (a === b) return true;
  if (a.core !== b.core || a.versionKey !== b.versionKey || a.extras.length !== b.extras.length) return false;
  for (let i = 0; i < a.extras.length; i++) if (a.extras[i] !== b.extras[i]) return false;
  return true;
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

/** What an album's name gives its tracks: comparison key, the version it implies, edition words. */
export interface AlbumKeys {
  key: string | undefined;
  version: VersionTag | undefined;
  edition: string;
}

/**
 * The preparer's memo of parsed strings, by the (clipped) raw string: artist credits, titles and album names.
 * A run can start from the previous run's (match-keys-cache.ts), so a warm run parses only what is new.
 */
export interface MatchKeys {
  artists: Map<string, ParsedArtist>;
  titles: Map<string, ParsedTitle>;
  albums: Map<string, AlbumKeys>;
}

export function emptyMatchKeys(): MatchKeys {
  return { artists: new Map(), titles: new Map(), albums: new Map() };
}

/** The raw strings a library track is prepared from, each the key of its parse in MatchKeys. */
export function trackRawKeys(track: LibraryTrack): { artist: string; title: string; album: string | undefined } {
  return { artist: RAW_KEY.artist(track), title: RAW_KEY.title(track), album: RAW_KEY.album(track) };
}

/** One of trackRawKeys' strings without the object: a pass over every track for one of them makes no garbage. */
export const RAW_KEY = {
  artist: (track: LibraryTrack): string => clip(track.artist && track.artist.trim() !== '' ? track.artist : (track.albumArtist ?? '')),
  title: (track: LibraryTrack): string => clip(track.title),
  album: (track: LibraryTrack): string | undefined => (track.album === undefined ? undefined : clip(track.album)),
} as const;

const NO_ALBUM: AlbumKeys = { key: undefined, version: undefined, edition: '' };

/** The preparer's reading of an album's name. */
export function albumKeysOf(raw: string): AlbumKeys {
  return { key: albumKeyOf(raw), version: raw.trim() === '' ? undefined : albumVersionOf(raw), edition: editionOf(raw) };
}

/**
 * Caches parses of strings many tracks share (artists, titles, albums): building the index parses each once,
 * into `keys` (fresh, or the previous run's). `parsed` counts the parses a library track needed.
 */
export function createPreparer(keys: MatchKeys = emptyMatchKeys()): {
  track(track: LibraryTrack, index: number): PreparedTrack;
  query(candidate: MatchCandidate): PreparedQuery;
  artist(raw: string): ParsedArtist;
  /** A library track's title and album, parsed once per distinct string (clipped raw strings). */
  title(raw: string): ParsedTitle;
  album(raw: string | undefined): AlbumKeys;
  readonly keys: MatchKeys;
  readonly parsed: number;
} {
  const { artists, titles, albums } = keys;
  let parsed = 0;
  const albumOf = (raw: string | undefined): AlbumKeys => {
    if (raw === undefined) return NO_ALBUM;
    let a = albums.get(raw);
    if (a === undefined) {
      a = albumKeysOf(raw);
      albums.set(raw, a);
      parsed++;
    }
    return a;
  };
  // Titles repeat across a library (remasters, live albums, compilations, "Intro"): parse and keep each once.
  const trackTitle = (raw: string): ParsedTitle => {
    let p = titles.get(raw);
    if (!p) {
      p = parseTitle(raw);
      titles.set(raw, p);
      parsed++;
    }
    return p;
  };
  const artist = (raw: string): ParsedArtist => {
    let p = artists.get(raw);
    if (!p) {
      p = parseArtist(raw);
      artists.set(raw, p);
      parsed++;
    }
    return p;
  };
  return {
    artist,
    title: trackTitle,
    album: albumOf,
    keys,
    get parsed() {
      return parsed;
    },
    track(track, index) {
      const raw = trackRawKeys(track);
      const a = artist(raw.artist);
      const albumKeys = albumOf(raw.album);
      const title = withAlbumVersion(trackTitle(raw.title), albumKeys.version);
      // Every field from the start, the memos too: one shape for all tracks keeps the scorers' reads monomorphic,
      // and a memo filled later does not grow the object.
      return {
        track,
        index,
        artist: a,
        title,
        album: albumKeys.key,
        durationMs: validDuration(track.durationMs),
        edition: editionField(albumKeys),
        people: undefined,
        recordingKey: undefined,
      };
    },
    query(candidate) {
      const albumRaw = candidate.album === undefined ? undefined : clip(candidate.album);
      const albumKeys = albumOf(albumRaw);
      // Sources mostly spell a track as the library does: its parse is read, never added (the memo holds only
      // the library's titles, which are stored between runs).
      const rawTitle = clip(candidate.title);
      const title = withAlbumVersion(titles.get(rawTitle) ?? parseTitle(rawTitle), albumKeys.version);
      return {
        form: 'given',
        // Sources repeat artists (and name library artists): their parse is shared with the index.
        artist: artist(clip(candidate.artist)),
        title,
        album: albumKeys.key,
        durationMs: validDuration(candidate.durationMs),
        edition: editionField(albumKeys),
        people: undefined,
      };
    },
  };
}

/** A standard edition has no edition words: the field is then absent (undefined). */
function editionField(album: AlbumKeys): string | undefined {
  return album.edition === '' ? undefined : album.edition;
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
  // Another artist or title names other people: the given form's memo of them must not be copied.
  const { people: _people, ...base } = given;
  const albumTag = given.title.versionFromAlbum ? given.title.versions[0] : undefined;
  const numbered = TRACK_NUMBER_RE.exec(candidate.title);
  if (numbered?.[1]) {
    const title = withAlbumVersion(parseTitle(numbered[1]), albumTag);
    forms.push({ ...base, form: 'track-number', title, people: undefined });
  }
  const dashed = ARTIST_DASH_RE.exec(candidate.title);
  if (dashed?.[1] && dashed[2]) {
    const prefix = artistOf(dashed[1]);
    if (given.artist.unknown || prefix.key === given.artist.key || isLibraryArtist(prefix.key)) {
      const title = withAlbumVersion(parseTitle(dashed[2]), albumTag);
      forms.push({ ...base, form: 'artist-in-title', artist: prefix, title, people: undefined });
    }
  }
  return forms;
}
