import { TRACK_FIELDS, trackFromValues, type TrackValues } from './track-record.js';
import type { LibraryTrack } from './types.js';

/**
 * The compact rows of the library index cache (format 6, decision 0017). Every track is one JSON array of the
 * same length in FIELDS order; names that tracks share (artists, albums, album and artist keys, titles) are
 * indices into one table of strings, and genre lists indices into one table of lists. Compared with one JSON
 * object per track this is about a third of the bytes, parses several times faster, and the tracks read back
 * share one copy of each name and genre list instead of one per track: memory per track falls by about half.
 *
 * Decoded tracks are the objects the listing produced, field for field (absent fields stay absent). The genre
 * lists they share are frozen: a consumer that sorted one in place would otherwise change every track's.
 */
export const FIELDS = TRACK_FIELDS;

type Field = (typeof FIELDS)[number];
const SHARED_STRINGS = new Set<Field>(['title', 'artist', 'albumArtist', 'album', 'albumRatingKey', 'artistRatingKey']);
const SHARED_LISTS = new Set<Field>(['genres', 'albumGenres', 'artistGenres']);
const KIND: ('string' | 'list' | 'plain')[] = FIELDS.map((f) => (SHARED_STRINGS.has(f) ? 'string' : SHARED_LISTS.has(f) ? 'list' : 'plain'));

export type Row = unknown[];

export interface Encoder {
  /**
   * First pass: adds the track's names and genre lists to the tables, and makes the track share the table's copy
   * of each (a frozen shared list for genres, as a decoded track has).
   */
  add(track: LibraryTrack): void;
  /** Second pass, once the tables are complete (they are written before the rows): the track as a row. */
  row(track: LibraryTrack): Row;
  strings: string[];
  lists: number[][];
}

/**
 * Two passes, so the file can be written line by line: the tables come first in the file, and only once every
 * track has been added are they complete. The rows are then made a line at a time and never held together.
 */
export function createEncoder(): Encoder {
  const strings: string[] = [];
  const stringIds = new Map<string, number>();
  const lists: number[][] = [];
  const listIds = new Map<string, number>();
  const frozen: string[][] = [];
  const stringId = (s: string): number => {
    let id = stringIds.get(s);
    if (id === undefined) {
      id = strings.length;
      strings.push(s);
      stringIds.set(s, id);
    }
    return id;
  };
  const listId = (items: readonly string[]): number => {
    const ids = items.map(stringId);
    const key = ids.join(',');
    let id = listIds.get(key);
    if (id === undefined) {
      id = lists.length;
      lists.push(ids);
      frozen.push(Object.freeze(ids.map((i) => strings[i]!)) as string[]);
      listIds.set(key, id);
    }
    return id;
  };
  const known = (id: number | undefined): number => {
    // Only a track changed between the passes could name something new: the tables are already written.
    if (id === undefined) throw new Error('a track changed while the index was written');
    return id;
  };
  return {
    strings,
    lists,
    add(track) {
      const record = track as unknown as Record<string, unknown>;
      for (let f = 0; f < FIELDS.length; f++) {
        const value = record[FIELDS[f]!];
        if (KIND[f] === 'string' && typeof value === 'string') record[FIELDS[f]!] = strings[stringId(value)];
        else if (KIND[f] === 'list' && isNameList(value)) record[FIELDS[f]!] = frozen[listId(value)];
      }
    },
    row(track) {
      const record = track as unknown as Record<string, unknown>;
      const row: Row = new Array(FIELDS.length);
      for (let f = 0; f < FIELDS.length; f++) {
        const value = record[FIELDS[f]!];
        const kind = KIND[f];
        if (value === undefined) row[f] = null;
        else if (kind === 'string' && typeof value === 'string') row[f] = known(stringIds.get(value));
        else if (kind === 'list' && isNameList(value)) row[f] = known(listIds.get(value.map((v) => known(stringIds.get(v))).join(',')));
        // Anything unexpected is kept as it came, wrapped so it cannot be read as a table index.
        else row[f] = kind === 'plain' ? value : { value };
      }
      return row;
    },
  };
}

function isNameList(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Reads rows back; throws (the caller rebuilds the cache) on any row that does not fit the tables. */
export function createDecoder(strings: unknown, lists: unknown): (row: unknown) => LibraryTrack {
  if (!Array.isArray(strings) || !strings.every((s) => typeof s === 'string')) throw new Error('the table of names is damaged');
  if (!Array.isArray(lists)) throw new Error('the table of genre lists is damaged');
  const names = strings as string[];
  const sharedLists: readonly string[][] = lists.map((ids: unknown) => {
    if (!Array.isArray(ids)) throw new Error('the table of genre lists is damaged');
    return Object.freeze(ids.map((id: unknown) => nameAt(names, id))) as string[];
  });
  const str = (v: unknown): unknown => (v === null ? null : typeof v === 'number' ? nameAt(names, v) : unwrap(v));
  const list = (v: unknown): unknown => (v === null ? null : typeof v === 'number' ? listAt(sharedLists, v) : unwrap(v));
  // The row becomes the track's values in place (it is garbage once the track is made); null stays absent.
  return (row) => {
    if (!Array.isArray(row) || row.length !== FIELDS.length || typeof row[0] !== 'string') throw new Error('a track row has the wrong shape');
    const r = row as unknown[];
    for (let i = 1; i < r.length; i++) {
      const kind = KIND[i];
      if (kind === 'string') r[i] = str(r[i]);
      else if (kind === 'list') r[i] = list(r[i]);
    }
    return trackFromValues(r as TrackValues);
  };
}

function unwrap(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || !('value' in v)) throw new Error('a track row holds a value of the wrong kind');
  return (v as { value: unknown }).value;
}

function nameAt(names: readonly string[], id: unknown): string {
  const name = typeof id === 'number' ? names[id] : undefined;
  if (name === undefined) throw new Error('a track row names an entry the table does not have');
  return name;
}

function listAt(lists: readonly string[][], id: unknown): string[] {
  const list = typeof id === 'number' ? lists[id] : undefined;
  if (list === undefined) throw new Error('a track row names a genre list the table does not have');
  return list;
}
