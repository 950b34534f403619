import type { LastfmArtist, LastfmPage, LastfmTrack, LastfmUser } from './types.js';

/**
 * Turns Last.fm's JSON into our types. Last.fm renders its XML mechanically: numbers arrive as strings
 * (except in track.getSimilar), missing MBIDs as "", a one-element list sometimes as a bare object,
 * and the artist is `name` in most lists but `#text` in user.getRecentTracks.
 */

type Json = Record<string, unknown>;

export function asRecord(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

export function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function num(value: unknown): number | undefined {
  if (typeof value !== 'number' && typeof value !== 'string') return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

function list(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return asRecord(value) ? [value] : [];
}

/** A field that is either a plain string or an object carrying `#text`/`name` (artist, album). */
function nameOf(value: unknown): string | undefined {
  const obj = asRecord(value);
  if (!obj) return text(value);
  return text(obj['name']) ?? text(obj['#text']);
}

function mbidOf(value: unknown): string | undefined {
  return text(asRecord(value)?.['mbid']);
}

function rankOf(item: Json): number | undefined {
  const rank = num(asRecord(item['@attr'])?.['rank']);
  return rank !== undefined && rank > 0 ? rank : undefined;
}

function dateOf(item: Json): number | undefined {
  const uts = num(asRecord(item['date'])?.['uts']);
  return uts === undefined ? undefined : uts * 1000;
}

export function parseTrack(raw: unknown): LastfmTrack | undefined {
  const item = asRecord(raw);
  if (!item) return undefined;
  const artist = nameOf(item['artist']);
  const title = text(item['name']);
  if (!artist || !title) return undefined;
  const seconds = num(item['duration']);
  const track: LastfmTrack = { artist, title };
  const optional: Partial<LastfmTrack> = {
    mbid: text(item['mbid']),
    artistMbid: mbidOf(item['artist']),
    album: nameOf(item['album']),
    durationMs: seconds !== undefined && seconds > 0 ? Math.round(seconds * 1000) : undefined,
    playcount: num(item['playcount']),
    listeners: num(item['listeners']),
    match: num(item['match']),
    rank: rankOf(item),
    url: text(item['url']),
    date: dateOf(item),
    nowPlaying: text(asRecord(item['@attr'])?.['nowplaying']) === 'true' ? true : undefined,
  };
  return withDefined(track, optional);
}

export function parseArtist(raw: unknown): LastfmArtist | undefined {
  const item = asRecord(raw);
  if (!item) return undefined;
  const name = text(item['name']);
  if (!name) return undefined;
  return withDefined<LastfmArtist>(
    { name },
    {
      mbid: text(item['mbid']),
      playcount: num(item['playcount']),
      listeners: num(item['listeners']),
      match: num(item['match']),
      rank: rankOf(item),
      url: text(item['url']),
    },
  );
}

export function parseUser(body: unknown): LastfmUser | undefined {
  const user = asRecord(asRecord(body)?.['user']);
  const name = text(user?.['name']);
  if (!user || !name) return undefined;
  const registered = asRecord(user['registered']);
  const unixtime = num(registered?.['unixtime']) ?? num(registered?.['#text']);
  return withDefined<LastfmUser>(
    { name },
    {
      realname: text(user['realname']),
      country: text(user['country']) === 'None' ? undefined : text(user['country']),
      playcount: num(user['playcount']),
      registeredAt: unixtime === undefined ? undefined : unixtime * 1000,
      url: text(user['url']),
    },
  );
}

/**
 * Reads `{ <container>: { <itemKey>: [...], '@attr': {...} } }`. Returns undefined when the container
 * is missing (an unexpected body), an empty page when the list is.
 */
export function parsePage<T>(body: unknown, container: string, itemKey: string, parseItem: (raw: unknown) => T | undefined): LastfmPage<T> | undefined {
  const box = asRecord(asRecord(body)?.[container]);
  if (!box) return undefined;
  const items: T[] = [];
  for (const raw of list(box[itemKey])) {
    const item = parseItem(raw);
    if (item !== undefined) items.push(item);
  }
  const attr = asRecord(box['@attr']);
  return withDefined<LastfmPage<T>>(
    { items },
    { page: num(attr?.['page']), perPage: num(attr?.['perPage']), totalPages: num(attr?.['totalPages']), total: num(attr?.['total']) },
  );
}

/** Copies only the defined optional fields, so objects compare cleanly and print without noise. */
function withDefined<T extends object>(base: T, optional: Partial<T>): T {
  const out = { ...base };
  for (const [key, value] of Object.entries(optional) as [keyof T, T[keyof T] | undefined][]) {
    if (value !== undefined) out[key] = value;
  }
  return out;
}
