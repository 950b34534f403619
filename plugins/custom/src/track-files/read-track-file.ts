import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { extname } from 'node:path';
import { HarmoniqError } from '@harmoniq/core';
import { CUSTOM_ERRORS } from '../error-codes.js';
import { parseCsvTrackList } from './parse-csv.js';
import { parseJsonTrackList } from './parse-json.js';
import { parseM3uTrackList } from './parse-m3u.js';
import { stripBom, TrackFileProblem, type TrackList } from './track-list.js';

export type TrackFileFormat = 'json' | 'csv' | 'm3u';

const BY_EXTENSION: Record<string, TrackFileFormat> = {
  '.json': 'json',
  '.csv': 'csv',
  '.tsv': 'csv',
  '.m3u': 'm3u',
  '.m3u8': 'm3u',
};

/** The format by extension, else by the first characters (`[`/`{` JSON, `#EXTM3U`/`#EXTINF` M3U, else CSV). */
export function trackFileFormat(path: string, text: string): TrackFileFormat {
  const known = BY_EXTENSION[extname(path).toLowerCase()];
  if (known) return known;
  const start = stripBom(text).trimStart();
  if (start.startsWith('[') || start.startsWith('{')) return 'json';
  if (/^#EXT(M3U|INF)/i.test(start)) return 'm3u';
  return 'csv';
}

/** Parses track list text; problems become ECUSTOMFILE naming the file (`label`). */
export function parseTrackList(text: string, format: TrackFileFormat, label: string): TrackList {
  try {
    if (format === 'json') return parseJsonTrackList(text);
    if (format === 'm3u') return parseM3uTrackList(text);
    return parseCsvTrackList(text);
  } catch (error) {
    if (!(error instanceof TrackFileProblem)) throw error;
    throw CUSTOM_ERRORS.error({
      code: 'ECUSTOMFILE',
      message: `The track list ${label} ${error.message}.`,
      hint: error.hint ?? 'See docs/sources/custom.md for the file formats.',
    });
  }
}

/**
 * Largest track list read: a 100,000-track CSV is about 5 MB. A file past the bound (HARMONIQ_MAX_TRACK_FILE_MB)
 * is refused before it is read, so a runaway export cannot exhaust memory and abort the whole run.
 */
export const DEFAULT_MAX_TRACK_FILE_BYTES = 32 * 1024 * 1024;

const PATH_HINT = 'Check the path. Paths in the config file are relative to its folder; paths in the environment to the folder Harmoniq runs in.';

/** The bound from HARMONIQ_MAX_TRACK_FILE_MB, else the default. */
export function maxTrackFileBytes(env: Readonly<Record<string, string | undefined>>): number {
  const mb = Number(env['HARMONIQ_MAX_TRACK_FILE_MB']);
  return Number.isFinite(mb) && mb > 0 ? Math.floor(mb * 1024 * 1024) : DEFAULT_MAX_TRACK_FILE_BYTES;
}

/** Reads and parses a track list file (JSON, CSV or M3U/M3U8): a regular file of at most `maxBytes`. */
export async function readTrackFile(path: string, label = path, maxBytes = DEFAULT_MAX_TRACK_FILE_BYTES): Promise<TrackList> {
  const text = await readBounded(path, label, maxBytes);
  return parseTrackList(text, trackFileFormat(path, text), label);
}

/**
 * Opens without blocking (a FIFO would otherwise wait forever for a writer), then checks on the open handle (no
 * race with a swapped path) that it is a regular file within the bound, and reads no further than the bound even
 * if the file grows meanwhile.
 */
async function readBounded(path: string, label: string, maxBytes: number): Promise<string> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw CUSTOM_ERRORS.error({
      code: 'ECUSTOMFILE',
      message: `Cannot read the track list ${label}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message}.`,
      hint: PATH_HINT,
      cause: error,
    });
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      const what = stat.isDirectory() ? 'a folder' : stat.isFIFO() ? 'a named pipe (FIFO)' : stat.isSocket() ? 'a socket' : 'a device or other special file';
      throw CUSTOM_ERRORS.error({ code: 'ECUSTOMFILE', message: `Cannot read the track list ${label}: it is ${what}, not a regular file.`, hint: PATH_HINT });
    }
    if (stat.size > maxBytes) throw tooLarge(label, maxBytes);
    const buf = Buffer.alloc(Math.min(maxBytes + 1, Math.max(stat.size + 1, 64 * 1024)));
    let filled = 0;
    for (;;) {
      if (filled === buf.length) break;
      const { bytesRead } = await handle.read(buf, filled, buf.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > maxBytes) throw tooLarge(label, maxBytes);
    return buf.toString('utf8', 0, filled);
  } finally {
    await handle.close();
  }
}

function tooLarge(label: string, maxBytes: number): HarmoniqError {
  return new HarmoniqError({
    code: 'ELIMIT',
    message: `The track list ${label} is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB; Harmoniq did not read it.`,
    hint: 'A playlist needs far fewer tracks: trim the file, or raise HARMONIQ_MAX_TRACK_FILE_MB if it really must be this large (docs/reliability.md).',
  });
}
