import type { LibraryTrack } from '@harmoniq/core';
import { trackFromValues, type PlaylistEntry, type PlaylistInfo, type TrackInterner } from '@harmoniq/core/pipeline';
import { bool, id, num, objects, secondsToMs, str, tags, type JsonObject } from './parse.js';

/**
 * Ancestor fields that Plex hoists onto MediaContainer when every item shares them (an album's
 * `/children`): an item that lacks one takes the container's value.
 */
const HOISTED = ['grandparentTitle', 'grandparentRatingKey', 'parentTitle', 'parentRatingKey', 'parentIndex', 'parentYear'] as const;

function withHoisted(item: JsonObject, container: JsonObject): JsonObject {
  let merged: JsonObject | undefined;
  for (const field of HOISTED) {
    if (item[field] === undefined && container[field] !== undefined) {
      merged ??= { ...item };
      merged[field] = container[field];
    }
  }
  return merged ?? item;
}

/** Genres of albums and artists, by their ratingKey. */
export interface AncestorGenres {
  albums: ReadonlyMap<string, readonly string[]>;
  artists: ReadonlyMap<string, readonly string[]>;
}

/** No sharing: a few tracks (sonic answers) are not worth a table. */
const OWN_COPIES: TrackInterner = { name: (s) => s, list: (items) => (items && items.length ? [...items] : undefined) };

/**
 * One Plex track (type 10) as a LibraryTrack, or undefined when it has no ratingKey. Times become epoch
 * milliseconds; `viewCount` is 0 when absent because Plex omits it for unplayed tracks. A listing passes an
 * interner so its tracks share one copy of each name and genre list (track-interner.ts in core).
 */
export function mapTrack(raw: JsonObject, container: JsonObject, ancestors?: AncestorGenres, intern: TrackInterner = OWN_COPIES): LibraryTrack | undefined {
  const item = withHoisted(raw, container);
  const ratingKey = id(item['ratingKey']);
  if (ratingKey === undefined) return undefined;
  const albumArtist = shared(intern, nonEmpty(str(item['grandparentTitle'])));
  const albumKey = id(item['parentRatingKey']);
  const artistKey = id(item['grandparentRatingKey']);
  // python-plexapi calls a track analysed when the version is 1; later versions are taken as analysed too.
  const analysis = num(item['musicAnalysisVersion']);
  // In TRACK_FIELDS order; trackFromValues makes the object in one allocation (why: track-record.ts in core).
  return trackFromValues([
    ratingKey,
    intern.name(str(item['title']) ?? ''),
    shared(intern, nonEmpty(str(item['originalTitle']))) ?? albumArtist ?? '',
    num(item['viewCount']) ?? 0,
    albumArtist,
    shared(intern, nonEmpty(str(item['parentTitle']))),
    num(item['duration']),
    num(item['index']),
    num(item['parentIndex']),
    num(item['parentYear']) ?? num(item['year']),
    albumKey === undefined ? undefined : intern.name(albumKey),
    artistKey === undefined ? undefined : intern.name(artistKey),
    intern.list(tags(item['Genre'])),
    intern.list(albumKey === undefined ? undefined : ancestors?.albums.get(albumKey)),
    intern.list(artistKey === undefined ? undefined : ancestors?.artists.get(artistKey)),
    num(item['userRating']),
    secondsToMs(item['lastViewedAt']),
    secondsToMs(item['addedAt']),
    secondsToMs(item['updatedAt']),
    nonEmptyList(guids(item['Guid'])),
    analysis !== undefined && analysis >= 1 ? true : undefined,
  ]);
}

function shared(intern: TrackInterner, s: string | undefined): string | undefined {
  return s === undefined ? undefined : intern.name(s);
}

/** ratingKey → genre tags of an album (type 9) or artist (type 8) item. */
export function mapGenres(item: JsonObject): [string, string[]] | undefined {
  const ratingKey = id(item['ratingKey']);
  return ratingKey === undefined ? undefined : [ratingKey, tags(item['Genre'])];
}

export function mapPlaylist(item: JsonObject): PlaylistInfo | undefined {
  const ratingKey = id(item['ratingKey']);
  if (ratingKey === undefined) return undefined;
  const info: PlaylistInfo = {
    ratingKey,
    title: str(item['title']) ?? '',
    smart: bool(item['smart']) ?? false,
    playlistType: str(item['playlistType']) ?? 'audio',
  };
  assign(info, 'summary', str(item['summary']));
  assign(info, 'leafCount', num(item['leafCount']));
  assign(info, 'updatedAt', num(item['updatedAt']));
  // python-plexapi reads a playlist's thumb as its composite when no poster was set: that is not a poster.
  const thumb = str(item['thumb']);
  if (thumb && !/^\/playlists\/[^/]+\/composite\//.test(thumb)) info.thumb = thumb;
  return info;
}

/** A playlist item; undefined when it lacks the ids that removing or moving it needs. */
export function mapEntry(item: JsonObject): PlaylistEntry | undefined {
  const playlistItemId = id(item['playlistItemID']);
  const ratingKey = id(item['ratingKey']);
  return playlistItemId === undefined || ratingKey === undefined ? undefined : { playlistItemId, ratingKey };
}

function guids(value: unknown): string[] {
  const out: string[] = [];
  for (const g of objects(value)) {
    const v = str(g['id']);
    if (v && !out.includes(v)) out.push(v);
  }
  return out;
}

function nonEmpty(s: string | undefined): string | undefined {
  return s !== undefined && s.trim() !== '' ? s : undefined;
}

/** An exact-size copy: an array grown by push keeps room for 17 items, ~130 bytes a track of a listing held whole. */
function nonEmptyList(list: string[]): string[] | undefined {
  return list.length ? list.slice() : undefined;
}

/** Sets optional fields only when present, so cached JSON carries no `undefined` keys. */
function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
