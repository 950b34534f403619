import type { AlbumRecord, ArtistRecord, GenreTag, TrackRecord } from './library-store.js';
import { sortTitle } from './metadata-json.js';

/**
 * PMS's media query language, the part Harmoniq can meet: string, integer and tag fields with the documented
 * operators, `sort=field[:desc][:nullsLast]` and `limit`. An operator arrives glued to the key
 * (`title!=x` → key `title!`), or, for `==`, split off into the value (`title==x` → key `title`, value `=x`)
 * unless the client encoded it (`title%3D=x` → key `title=`). Unknown fields are ignored.
 */
type Value = string | number | undefined;
type Field<R> =
  | { kind: 'string'; get: (r: R) => string }
  | { kind: 'int'; get: (r: R) => number | undefined }
  | { kind: 'tag'; get: (r: R) => GenreTag[] };

type Fields<R> = Record<string, Field<R>>;
type SortFields<R> = Record<string, (r: R) => Value>;

export interface ParsedQuery<R> {
  predicates: ((r: R) => boolean)[];
  sorters: { get: (r: R) => Value; desc: boolean; nullsLast: boolean }[];
  limit: number | undefined;
}

/** Adds `track.<name>` aliases: with type=10 the unqualified and the `track.` forms mean the same. */
function withTrackAliases<T>(table: Record<string, T>, names: string[]): Record<string, T> {
  const aliases = names.flatMap((k) => {
    const v = table[k];
    return v === undefined ? [] : [[`track.${k}`, v] as const];
  });
  return { ...table, ...Object.fromEntries(aliases) };
}

function trackFields(genreIncludesAlbum: boolean): Fields<TrackRecord> {
  const title: Field<TrackRecord> = { kind: 'string', get: (r) => r.fixture.title };
  const year: Field<TrackRecord> = { kind: 'int', get: (r) => r.album.year };
  const index: Field<TrackRecord> = { kind: 'int', get: (r) => r.fixture.index };
  const fields: Fields<TrackRecord> = withTrackAliases<Field<TrackRecord>>({
    title,
    'artist.title': { kind: 'string', get: (r) => r.artist.title },
    'album.title': { kind: 'string', get: (r) => r.album.title },
    genre: { kind: 'tag', get: (r) => (genreIncludesAlbum ? [...r.genres, ...r.album.genres] : r.genres) },
    'track.genre': { kind: 'tag', get: (r) => r.genres },
    'album.genre': { kind: 'tag', get: (r) => r.album.genres },
    'artist.genre': { kind: 'tag', get: (r) => r.artist.genres },
    year,
    'album.year': year,
    index,
    viewCount: { kind: 'int', get: (r) => r.fixture.viewCount ?? 0 },
    userRating: { kind: 'int', get: (r) => r.fixture.userRating ?? 0 },
    lastViewedAt: { kind: 'int', get: (r) => r.fixture.lastViewedAt },
    addedAt: { kind: 'int', get: (r) => r.addedAt },
    updatedAt: { kind: 'int', get: (r) => r.updatedAt },
    duration: { kind: 'int', get: (r) => r.fixture.durationMs },
  }, ['title', 'index', 'viewCount', 'userRating', 'lastViewedAt', 'addedAt', 'updatedAt', 'duration']);
  return fields;
}

const TRACK_SORTS: SortFields<TrackRecord> = withTrackAliases<(r: TrackRecord) => Value>({
  titleSort: (r) => sortTitle(r.fixture.title).toLowerCase(),
  title: (r) => r.fixture.title.toLowerCase(),
  'artist.titleSort': (r) => sortTitle(r.artist.title).toLowerCase(),
  'artist.title': (r) => r.artist.title.toLowerCase(),
  'album.titleSort': (r) => sortTitle(r.album.title).toLowerCase(),
  'album.title': (r) => r.album.title.toLowerCase(),
  'album.year': (r) => r.album.year,
  year: (r) => r.album.year,
  parentYear: (r) => r.album.year,
  index: (r) => r.fixture.index,
  absoluteIndex: (r) => (r.fixture.disc ?? 1) * 10000 + (r.fixture.index ?? 0),
  parentIndex: (r) => r.fixture.disc ?? 1,
  addedAt: (r) => r.addedAt,
  updatedAt: (r) => r.updatedAt,
  viewCount: (r) => r.fixture.viewCount ?? 0,
  lastViewedAt: (r) => r.fixture.lastViewedAt,
  userRating: (r) => r.fixture.userRating,
  duration: (r) => r.fixture.durationMs,
  id: (r) => r.seq,
}, ['titleSort', 'title', 'index', 'absoluteIndex', 'addedAt', 'updatedAt', 'viewCount', 'lastViewedAt', 'userRating', 'duration', 'id']);

const ALBUM_FIELDS: Fields<AlbumRecord> = {
  title: { kind: 'string', get: (a) => a.title },
  'album.title': { kind: 'string', get: (a) => a.title },
  'artist.title': { kind: 'string', get: (a) => a.artist.title },
  genre: { kind: 'tag', get: (a) => a.genres },
  'album.genre': { kind: 'tag', get: (a) => a.genres },
  'artist.genre': { kind: 'tag', get: (a) => a.artist.genres },
  year: { kind: 'int', get: (a) => a.year },
  'album.year': { kind: 'int', get: (a) => a.year },
  addedAt: { kind: 'int', get: (a) => a.addedAt },
};

const ALBUM_SORTS: SortFields<AlbumRecord> = {
  titleSort: (a) => sortTitle(a.title).toLowerCase(),
  title: (a) => a.title.toLowerCase(),
  'artist.titleSort': (a) => sortTitle(a.artist.title).toLowerCase(),
  year: (a) => a.year,
  'album.year': (a) => a.year,
  addedAt: (a) => a.addedAt,
  id: (a) => a.seq,
};

const ARTIST_FIELDS: Fields<ArtistRecord> = {
  title: { kind: 'string', get: (a) => a.title },
  'artist.title': { kind: 'string', get: (a) => a.title },
  genre: { kind: 'tag', get: (a) => a.genres },
  'artist.genre': { kind: 'tag', get: (a) => a.genres },
  addedAt: { kind: 'int', get: (a) => a.addedAt },
};

const ARTIST_SORTS: SortFields<ArtistRecord> = {
  titleSort: (a) => sortTitle(a.title).toLowerCase(),
  title: (a) => a.title.toLowerCase(),
  addedAt: (a) => a.addedAt,
  id: (a) => a.seq,
};

export function parseTrackQuery(params: URLSearchParams, genreIncludesAlbum: boolean): ParsedQuery<TrackRecord> {
  return parse(params, trackFields(genreIncludesAlbum), TRACK_SORTS);
}
export function parseAlbumQuery(params: URLSearchParams): ParsedQuery<AlbumRecord> {
  return parse(params, ALBUM_FIELDS, ALBUM_SORTS);
}
export function parseArtistQuery(params: URLSearchParams): ParsedQuery<ArtistRecord> {
  return parse(params, ARTIST_FIELDS, ARTIST_SORTS);
}

function parse<R>(params: URLSearchParams, fields: Fields<R>, sorts: SortFields<R>): ParsedQuery<R> {
  const q: ParsedQuery<R> = { predicates: [], sorters: [], limit: undefined };
  for (const [rawKey, rawValue] of params) {
    if (rawKey === 'sort') {
      for (const spec of rawValue.split(',')) {
        const [name = '', ...mods] = spec.split(':');
        const get = sorts[name];
        if (get) q.sorters.push({ get, desc: mods.includes('desc'), nullsLast: mods.includes('nullsLast') });
      }
      continue;
    }
    if (rawKey === 'limit') {
      const n = Number(rawValue);
      if (Number.isInteger(n) && n >= 0) q.limit = n;
      continue;
    }
    const m = /^([A-Za-z][A-Za-z0-9.]*)([!<>=]*)$/.exec(rawKey);
    const field = m ? fields[m[1] ?? ''] : undefined;
    if (!m || !field) continue;
    let op = m[2] ?? '';
    let value = rawValue;
    if ((op === '' || op === '!') && value.startsWith('=')) {
      op += '=';
      value = value.slice(1);
    }
    const predicate = makePredicate(field, op, value);
    if (predicate) q.predicates.push(predicate);
  }
  return q;
}

function makePredicate<R>(field: Field<R>, op: string, value: string): ((r: R) => boolean) | undefined {
  if (field.kind === 'string') {
    // Case-insensitive; whether PMS also ignores accents is unverified, so this emulator does not.
    const v = value.toLowerCase();
    const get = (r: R): string => field.get(r).toLowerCase();
    if (op === '') return (r) => get(r).includes(v);
    if (op === '=') return (r) => get(r) === v;
    if (op === '!') return (r) => !get(r).includes(v);
    if (op === '!=') return (r) => get(r) !== v;
    if (op === '<') return (r) => get(r).startsWith(v);
    if (op === '>') return (r) => get(r).endsWith(v);
    return undefined;
  }
  const list = value.split(',').map((s) => Number(s.trim()));
  if (field.kind === 'tag') {
    // Tag filters take tag ids; a genre name matches nothing here (PMS's behaviour with names is unverified).
    const has = (r: R): boolean => field.get(r).some((g) => list.includes(g.id));
    if (op === '' || op === '=') return has;
    if (op === '!' || op === '!=') return (r) => !has(r);
    return undefined;
  }
  const n = list[0] ?? Number.NaN;
  const get = field.get;
  const cmp = (test: (x: number) => boolean) => (r: R) => {
    const x = get(r);
    return x !== undefined && test(x);
  };
  if (op === '' || op === '=') return cmp((x) => list.includes(x));
  if (op === '!' || op === '!=') return (r) => !list.includes(get(r) ?? Number.NaN);
  if (op === '>>') return cmp((x) => x > n);
  if (op === '<<') return cmp((x) => x < n);
  if (op === '>') return cmp((x) => x >= n);
  if (op === '<') return cmp((x) => x <= n);
  return undefined;
}

/** Filters then sorts; with neither, the input array itself comes back (no per-request copy). */
export function runQuery<R extends { seq: number }>(all: readonly R[], q: ParsedQuery<R>): readonly R[] {
  const filtered = q.predicates.length > 0 ? all.filter((r) => q.predicates.every((p) => p(r))) : all;
  if (q.sorters.length === 0) return filtered;
  const keyed = filtered.map((r) => ({ r, keys: q.sorters.map((s) => s.get(r)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < q.sorters.length; i++) {
      const s = q.sorters[i];
      if (!s) continue;
      const c = compareValues(a.keys[i], b.keys[i], s.desc, s.nullsLast);
      if (c !== 0) return c;
    }
    return a.r.seq - b.r.seq;
  });
  return keyed.map((k) => k.r);
}

function compareValues(a: Value, b: Value, desc: boolean, nullsLast: boolean): number {
  if (a === undefined || b === undefined) {
    if (a === b) return 0;
    const aFirst = nullsLast ? 1 : desc ? 1 : -1;
    return a === undefined ? aFirst : -aFirst;
  }
  const c = a < b ? -1 : a > b ? 1 : 0;
  return desc ? -c : c;
}
