import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { HarmoniqError } from '../errors/harmoniq-error.js';
import { writeChunkedFile } from '../fs/json-file.js';
import { readLines } from '../fs/read-lines.js';
import type { Logger } from '../logging/logger.js';
import { createDecoder, createEncoder, type Encoder, type Row } from './index-codec.js';
import { refreshIndex } from './refresh-index.js';
import type { IndexProgress, LibraryReader, LibraryTrack, SectionInfo, ServerInfo } from './types.js';

/** Bump when the cached shape changes: an old-format cache is rebuilt, never misread. */
export const INDEX_CACHE_FORMAT = 6;

/**
 * File layout (format 3; 4 adds `sonicAnalysis` to tracks; 5 adds tracks' `updatedAt` and the header's `stamp`; 6
 * stores compact rows, index-codec.ts), JSON lines: line 1 is the header (everything but the tracks), line 2 the
 * table of shared names, line 3 the table of genre lists, then the tracks as JSON arrays of up to TRACKS_PER_LINE
 * rows. The header alone decides whether the index is reused, so a stale index is never parsed; and the file is
 * written and read a line at a time (never whole, as one string or one buffer), which keeps the sync's peak memory
 * down. JSON.stringify escapes newlines, so lines split safely.
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
  /** When the whole library was last listed: the maximum age counts from here, not from a partial refresh. */
  builtAt: string;
  /** Epoch seconds: the newest addedAt/updatedAt among the tracks; a refresh asks for what changed after it. */
  stamp?: number;
  /** How many tracks the lines after the header hold: a file cut at a line boundary still parses, but is short. */
  tracks: number;
}

export interface LoadedLibrary {
  server: ServerInfo;
  section: SectionInfo;
  tracks: LibraryTrack[];
  /** True when the cached index was reused and no track was listed. */
  fromCache: boolean;
  /** Changes whenever the tracks may have (the cache header: markers, build time, newest stamp, count). */
  version: string;
  /** Set when the cached index was brought up to date by reading only what changed. */
  refreshed?: { added: number; updated: number; removed: number; requests: number };
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
 * unchanged, so a warm run costs three small requests and lists no tracks; once they move, brought up to date by
 * reading only what changed (refresh-index.ts), else listed in full.
 */
export async function loadLibrary(options: LoadLibraryOptions): Promise<LoadedLibrary> {
  const { reader, logger } = options;
  const server = await reader.server();
  const section = await reader.musicSection(options.sectionTitle);
  const trackCount = await reader.countTracks(section.id);
  const markers: ChangeMarkers = { contentChangedAt: section.contentChangedAt, updatedAt: section.updatedAt, trackCount };
  const path = indexCachePath(options.dataDir, server.machineIdentifier, section.id);

  let stale: CacheHeader | undefined;
  if (!options.refresh) {
    const header = await readHeader(path, logger);
    const now = options.now?.() ?? new Date();
    const age = header ? now.getTime() - Date.parse(header.builtAt) : 0;
    const tooOld = options.maxAgeMs !== undefined && !(age >= 0 && age <= options.maxAgeMs);
    const ours = header !== undefined && header.machineIdentifier === server.machineIdentifier && header.sectionId === section.id;
    if (header && tooOld) logger.info(`The cached index of '${section.title}' is from ${header.builtAt}; rebuilding it to refresh play counts and ratings.`);
    else if (header && ours && sameMarkers(header.markers, markers)) {
      const tracks = await readTracks(path, header.tracks, logger);
      if (tracks) {
        logger.info(`Library '${section.title}': ${tracks.length} tracks (cached index, unchanged since ${header.builtAt}).`);
        return { server, section, tracks, fromCache: true, version: JSON.stringify(header) };
      }
    } else if (header && ours) stale = header;
  }

  if (stale?.stamp !== undefined) {
    const refreshed = await refreshFromCache(options, path, stale, stale.stamp, trackCount);
    if (refreshed) {
      const header = headerFor(server.machineIdentifier, section.id, markers, trackCount, refreshed.tracks, stale.builtAt);
      await save(path, header, refreshed.tracks, logger);
      const { added, updated, removed, requests } = refreshed;
      logger.info(`Library '${section.title}' changed: ${added} added, ${updated} updated, ${removed} removed (${requests} requests instead of a full listing).`);
      return { server, section, tracks: refreshed.tracks, fromCache: false, version: JSON.stringify(header), refreshed: { added, updated, removed, requests } };
    }
  } else if (stale) logger.info(`Library '${section.title}' changed since the last run; rebuilding the index.`);

  logger.info(`Indexing library '${section.title}' (${trackCount} tracks)…`);
  const tracks = await options.reader.listTracks(section.id, options.onProgress);
  // Fewer tracks than Plex counts would shrink every playlist that wants the missing ones: refuse, cache nothing.
  if (tracks.length < trackCount) {
    throw new HarmoniqError({
      code: 'EPLEXINCOMPLETE',
      message: `Plex sent an incomplete view of library '${section.title}': it counts ${trackCount} tracks but listed ${tracks.length} distinct ones. No playlist was changed.`,
      hint: 'Run the sync again; it lists the library afresh. If it persists, Plex may be scanning or a proxy may be cutting its answers (LOG_LEVEL=debug shows the requests).',
      retryable: true,
    });
  }
  const header = headerFor(server.machineIdentifier, section.id, markers, trackCount, tracks, (options.now?.() ?? new Date()).toISOString());
  await save(path, header, tracks, logger);
  logger.info(`Indexed ${tracks.length} tracks from '${section.title}'.`);
  return { server, section, tracks, fromCache: false, version: JSON.stringify(header) };
}

/** The cached tracks brought up to date, or undefined when only a full listing can be trusted. */
async function refreshFromCache(options: LoadLibraryOptions, path: string, header: CacheHeader, stamp: number, count: number) {
  const { reader, logger } = options;
  if (!reader.listTracksWhere) return undefined;
  const cached = await readTracks(path, header.tracks, logger);
  if (!cached) return undefined;
  const pageSize = reader.pageSize ?? 1000;
  // A partial refresh must cost less than a full listing (tracks, albums, artists), else it gives up and lists all:
  // the worst case is then under twice a full listing, the usual case a handful of requests.
  const fullListing = Math.ceil(count / pageSize) + 2;
  const refreshed = await refreshIndex({ reader, sectionId: header.sectionId, cached, stamp, count, pageSize, maxRequests: Math.max(6, fullListing - 1), logger });
  return refreshed;
}

function headerFor(machineIdentifier: string, sectionId: string, markers: ChangeMarkers, count: number, tracks: readonly LibraryTrack[], builtAt: string): CacheHeader {
  let stamp = 0;
  for (const t of tracks) stamp = Math.max(stamp, t.addedAt ?? 0, t.updatedAt ?? 0);
  return {
    format: INDEX_CACHE_FORMAT,
    machineIdentifier,
    sectionId,
    // The count listed is what the index holds; a track added while paging changes the count next run.
    markers: { ...markers, trackCount: tracks.length === count ? count : -1 },
    builtAt,
    ...(stamp > 0 ? { stamp: Math.floor(stamp / 1000) } : {}),
    tracks: tracks.length,
  };
}

async function save(path: string, header: CacheHeader, tracks: readonly LibraryTrack[], logger: Logger): Promise<void> {
  try {
    await writeChunkedFile(path, serialise(header, tracks));
  } catch (error) {
    logger.warn(`The library index could not be cached (${(error as Error).message}); the next run lists the library again.`);
  }
}

/**
 * The file's lines, made as they are written: the tables first (complete after the encoder's first pass), then
 * one line of rows at a time. Holding the rows (and then their concatenation) cost about twice the file's size
 * of external memory at the run's peak, which V8 did not give back before the run ended.
 */
function* serialise(header: CacheHeader, tracks: readonly LibraryTrack[]): Generator<string> {
  const encoder = createEncoder();
  for (const track of tracks) encoder.add(track);
  yield `${JSON.stringify(header)}\n${JSON.stringify(encoder.strings)}\n${JSON.stringify(encoder.lists)}\n`;
  for (let i = 0; i < tracks.length; i += TRACKS_PER_LINE) yield rowsLine(encoder, tracks, i);
}

/** One line of rows; its own function so the rows are garbage once their text is made, not held while it is written. */
function rowsLine(encoder: Encoder, tracks: readonly LibraryTrack[], from: number): string {
  const line: Row[] = [];
  for (let j = from; j < Math.min(tracks.length, from + TRACKS_PER_LINE); j++) line.push(encoder.row(tracks[j]!));
  return `${JSON.stringify(line)}\n`;
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

/** The tracks after the header and the tables, line by line; undefined (after a warning) when any line is damaged. */
async function readTracks(path: string, expected: number, logger: Logger): Promise<LibraryTrack[] | undefined> {
  try {
    const tracks = await readCachedTracks(path);
    if (tracks.length !== expected) throw new Error(`it holds ${tracks.length} of ${expected} tracks`);
    return tracks;
  } catch (error) {
    logger.warn(`The library index cache ${path} is unreadable (${(error as Error).message}); rebuilding it.`);
    return undefined;
  }
}

/** Every track of an index cache file (the benchmark reads them too); throws when the file is damaged. */
export async function readCachedTracks(path: string): Promise<LibraryTrack[]> {
  const lines = readLines(path);
  const next = async (what: string): Promise<string> => {
    const line = await lines.next();
    if (line.done) throw new Error(`it ends before ${what}`);
    return line.value;
  };
  const tracks: LibraryTrack[] = [];
  try {
    await next('the header');
    const strings = JSON.parse(await next('the table of names')) as unknown;
    const decode = createDecoder(strings, JSON.parse(await next('the table of genre lists')));
    for await (const line of lines) {
      const rows: unknown = JSON.parse(line);
      if (!Array.isArray(rows)) throw new Error('a line of tracks is not an array');
      for (const row of rows) tracks.push(decode(row));
    }
  } finally {
    // Closes the file when a damaged line stopped the reading early.
    await lines.return(undefined);
  }
  return tracks;
}

function sameMarkers(a: ChangeMarkers, b: ChangeMarkers): boolean {
  return a.trackCount === b.trackCount && a.contentChangedAt === b.contentChangedAt && a.updatedAt === b.updatedAt;
}
