import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeTextFile } from '../fs/json-file.js';
import type { Logger } from '../logging/logger.js';
import type { IndexProgress, LibraryReader, LibraryTrack, SectionInfo, ServerInfo } from './types.js';

/** Bump when the cached shape changes: an old-format cache is rebuilt, never misread. */
export const INDEX_CACHE_FORMAT = 4;

/**
 * File layout (format 3; 4 adds `sonicAnalysis` to tracks), JSON lines: line 1 is the header (everything but the tracks), then the tracks as JSON
 * arrays of up to TRACKS_PER_LINE. The header alone decides whether the index is reused, so a stale index is never
 * parsed; and no step holds the whole index as one string (a 100k-track index is ~40 MB of JSON, twice that as a
 * JS string), which keeps the sync's peak memory down. JSON.stringify escapes newlines, so lines split safely.
 */
const TRACKS_PER_LINE = 1000;
/** The header is a few hundred bytes; a first line longer than this is not a format-3 header. */
const MAX_HEADER_BYTES = 64 * 1024;

interface ChangeMarkers {
  contentChangedAt?: number;
  updatedAt?: number;
  trackCount: number;
}

interface CacheHeader {
  format: number;
  machineIdentifier: string;
  sectionId: string;
  markers: ChangeMarkers;
  builtAt: string;
  /** How many tracks the lines after the header hold: a file cut at a line boundary still parses, but is short. */
  tracks: number;
}

export interface LoadedLibrary {
  server: ServerInfo;
  section: SectionInfo;
  tracks: LibraryTrack[];
  /** True when the cached index was reused and no track was listed. */
  fromCache: boolean;
}

export interface LoadLibraryOptions {
  reader: LibraryReader;
  /** A cached index older than this is rebuilt even when Plex reports no change: plays and ratings move without one. */
  maxAgeMs?: number;
  sectionTitle: string;
  dataDir: string;
  logger: Logger;
  /** Ignore the cache and list every track (--refresh-library). */
  refresh?: boolean;
  onProgress?: (p: IndexProgress) => void;
  now?: () => Date;
}

export function indexCachePath(dataDir: string, machineIdentifier: string, sectionId: string): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');
  return join(dataDir, 'cache', `library-${safe(machineIdentifier)}-${safe(sectionId)}.json`);
}

/**
 * One library index per run. Reused from disk while the section's change markers and track count are
 * unchanged, so a warm run costs three small requests and lists no tracks.
 */
export async function loadLibrary(options: LoadLibraryOptions): Promise<LoadedLibrary> {
  const { reader, logger } = options;
  const server = await reader.server();
  const section = await reader.musicSection(options.sectionTitle);
  const trackCount = await reader.countTracks(section.id);
  const markers: ChangeMarkers = { contentChangedAt: section.contentChangedAt, updatedAt: section.updatedAt, trackCount };
  const path = indexCachePath(options.dataDir, server.machineIdentifier, section.id);

  if (!options.refresh) {
    const header = await readHeader(path, logger);
    const now = options.now?.() ?? new Date();
    const age = header ? now.getTime() - Date.parse(header.builtAt) : 0;
    const tooOld = options.maxAgeMs !== undefined && !(age >= 0 && age <= options.maxAgeMs);
    if (header && tooOld) logger.info(`The cached index of '${section.title}' is from ${header.builtAt}; rebuilding it to refresh play counts and ratings.`);
    else if (header && header.machineIdentifier === server.machineIdentifier && header.sectionId === section.id && sameMarkers(header.markers, markers)) {
      const tracks = await readTracks(path, header.tracks, logger);
      if (tracks) {
        logger.info(`Library '${section.title}': ${tracks.length} tracks (cached index, unchanged since ${header.builtAt}).`);
        return { server, section, tracks, fromCache: true };
      }
    } else if (header) logger.info(`Library '${section.title}' changed since the last run; rebuilding the index.`);
  }

  logger.info(`Indexing library '${section.title}' (${trackCount} tracks)…`);
  const tracks = await reader.listTracks(section.id, options.onProgress);
  const header: CacheHeader = {
    format: INDEX_CACHE_FORMAT,
    machineIdentifier: server.machineIdentifier,
    sectionId: section.id,
    // The count listed is what the index holds; a track added while paging changes the count next run.
    markers: { ...markers, trackCount: tracks.length === trackCount ? trackCount : -1 },
    builtAt: (options.now?.() ?? new Date()).toISOString(),
    tracks: tracks.length,
  };
  try {
    await writeTextFile(path, serialise(header, tracks));
  } catch (error) {
    logger.warn(`The library index could not be cached (${(error as Error).message}); the next run lists the library again.`);
  }
  logger.info(`Indexed ${tracks.length} tracks from '${section.title}'.`);
  return { server, section, tracks, fromCache: false };
}

function serialise(header: CacheHeader, tracks: readonly LibraryTrack[]): Buffer {
  const parts = [Buffer.from(`${JSON.stringify(header)}\n`, 'utf8')];
  for (let i = 0; i < tracks.length; i += TRACKS_PER_LINE) {
    parts.push(Buffer.from(`${JSON.stringify(tracks.slice(i, i + TRACKS_PER_LINE))}\n`, 'utf8'));
  }
  return Buffer.concat(parts);
}

/** The header line only; undefined (after a log line) when the file is missing, unreadable or of another format. */
async function readHeader(path: string, logger: Logger): Promise<CacheHeader | undefined> {
  let first: string;
  try {
    const handle = await open(path, 'r');
    try {
      const buf = Buffer.alloc(MAX_HEADER_BYTES);
      const { bytesRead } = await handle.read(buf, 0, MAX_HEADER_BYTES, 0);
      const end = buf.subarray(0, bytesRead).indexOf(0x0a);
      first = end < 0 ? '' : buf.toString('utf8', 0, end);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    logger.warn(`The library index cache ${path} is unreadable (${(error as Error).message}); rebuilding it.`);
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(first);
  } catch {
    value = undefined;
  }
  const h = value as Partial<CacheHeader> | undefined;
  if (!h || typeof h !== 'object' || h.format !== INDEX_CACHE_FORMAT || !h.markers || typeof h.tracks !== 'number' || typeof h.machineIdentifier !== 'string' || typeof h.sectionId !== 'string') {
    logger.warn(`The library index cache ${path} is from another version; rebuilding it.`);
    return undefined;
  }
  return h as CacheHeader;
}

/** The tracks after the header, line by line; undefined (after a warning) when any line is damaged. */
async function readTracks(path: string, expected: number, logger: Logger): Promise<LibraryTrack[] | undefined> {
  try {
    const bytes = await readFile(path);
    const tracks: LibraryTrack[] = [];
    let start = bytes.indexOf(0x0a) + 1;
    while (start > 0 && start < bytes.length) {
      let end = bytes.indexOf(0x0a, start);
      if (end < 0) end = bytes.length;
      const line: unknown = JSON.parse(bytes.toString('utf8', start, end));
      if (!Array.isArray(line)) throw new Error('a line of tracks is not an array');
      for (const t of line as LibraryTrack[]) tracks.push(t);
      start = end + 1;
    }
    if (tracks.length !== expected) throw new Error(`it holds ${tracks.length} of ${expected} tracks`);
    return tracks;
  } catch (error) {
    logger.warn(`The library index cache ${path} is unreadable (${(error as Error).message}); rebuilding it.`);
    return undefined;
  }
}

function sameMarkers(a: ChangeMarkers, b: ChangeMarkers): boolean {
  return a.trackCount === b.trackCount && a.contentChangedAt === b.contentChangedAt && a.updatedAt === b.updatedAt;
}
