import type { LibraryTrack } from '../library/types.js';
import { parseArtist, type ParsedArtist } from './parse-artist.js';
import { parseTitle, type ParsedTitle } from './parse-title.js';
import type { MatchCandidate } from './types.js';

/** A library track or a query, taken apart once. */
export interface Prepared {
  artist: ParsedArtist;
  title: ParsedTitle;
  album: string | undefined;
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

/** Caches parses of strings many tracks share (artists, albums): building the index parses each once. */
export function createPreparer(): {
  track(track: LibraryTrack, index: number): PreparedTrack;
  query(candidate: MatchCandidate): PreparedQuery;
  artist(raw: string): ParsedArtist;
} {
  const artists = new Map<string, ParsedArtist>();
  const albums = new Map<string, string | undefined>();
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
      const title = trackTitle(clip(track.title));
      return {
        track,
        index,
        artist: a,
        title,
        album: album(track.album === undefined ? undefined : clip(track.album)),
        durationMs: validDuration(track.durationMs),
      };
    },
    query(candidate) {
      const title = parseTitle(clip(candidate.title));
      return {
        form: 'given',
        // Sources repeat artists (and name library artists): their parse is shared with the index.
        artist: artist(clip(candidate.artist)),
        title,
        titleKey: titleKeyOf(title),
        album: albumKeyOf(candidate.album === undefined ? undefined : clip(candidate.album)),
        durationMs: validDuration(candidate.durationMs),
      };
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
  const numbered = TRACK_NUMBER_RE.exec(candidate.title);
  if (numbered?.[1]) {
    const title = parseTitle(numbered[1]);
    forms.push({ ...given, form: 'track-number', title, titleKey: titleKeyOf(title) });
  }
  const dashed = ARTIST_DASH_RE.exec(candidate.title);
  if (dashed?.[1] && dashed[2]) {
    const prefix = artistOf(dashed[1]);
    if (given.artist.unknown || prefix.key === given.artist.key || isLibraryArtist(prefix.key)) {
      const title = parseTitle(dashed[2]);
      forms.push({ ...given, form: 'artist-in-title', artist: prefix, title, titleKey: titleKeyOf(title) });
    }
  }
  return forms;
}
