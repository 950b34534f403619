import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { HarmoniqError } from '@harmoniq/core';
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
    throw new HarmoniqError({
      code: 'ECUSTOMFILE',
      message: `The track list ${label} ${error.message}.`,
      hint: error.hint ?? 'See docs/sources/custom.md for the file formats.',
    });
  }
}

/** Reads and parses a track list file (JSON, CSV or M3U/M3U8). */
export async function readTrackFile(path: string, label = path): Promise<TrackList> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new HarmoniqError({
      code: 'ECUSTOMFILE',
      message: `Cannot read the track list ${label}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message}.`,
      hint: 'Check the path. Paths in the config file are relative to its folder; paths in the environment to the folder Harmoniq runs in.',
      cause: error,
    });
  }
  return parseTrackList(text, trackFileFormat(path, text), label);
}
