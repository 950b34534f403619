import { join } from 'node:path';
import { readJsonFile, writeJsonFile } from '../fs/json-file.js';
import type { Logger } from '../logging/logger.js';
import type { IndexProgress, LibraryReader, LibraryTrack, SectionInfo, ServerInfo } from './types.js';

/** Bump when the cached shape changes: an old-format cache is rebuilt, never misread. */
export const INDEX_CACHE_FORMAT = 2;

interface ChangeMarkers {
  contentChangedAt?: number;
  updatedAt?: number;
  trackCount: number;
}

interface CachedIndex {
  format: number;
  machineIdentifier: string;
  sectionId: string;
  markers: ChangeMarkers;
  builtAt: string;
  tracks: LibraryTrack[];
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
    const cached = await readCache(path, logger);
    if (cached && cached.machineIdentifier === server.machineIdentifier && cached.sectionId === section.id && sameMarkers(cached.markers, markers)) {
      logger.info(`Library '${section.title}': ${cached.tracks.length} tracks (cached index, unchanged since ${cached.builtAt}).`);
      return { server, section, tracks: cached.tracks, fromCache: true };
    }
    if (cached) logger.info(`Library '${section.title}' changed since the last run; rebuilding the index.`);
  }

  logger.info(`Indexing library '${section.title}' (${trackCount} tracks)…`);
  const tracks = await reader.listTracks(section.id, options.onProgress);
  const entry: CachedIndex = {
    format: INDEX_CACHE_FORMAT,
    machineIdentifier: server.machineIdentifier,
    sectionId: section.id,
    // The count listed is what the index holds; a track added while paging changes the count next run.
    markers: { ...markers, trackCount: tracks.length === trackCount ? trackCount : -1 },
    builtAt: (options.now?.() ?? new Date()).toISOString(),
    tracks,
  };
  try {
    await writeJsonFile(path, entry, { pretty: false });
  } catch (error) {
    logger.warn(`The library index could not be cached (${(error as Error).message}); the next run lists the library again.`);
  }
  logger.info(`Indexed ${tracks.length} tracks from '${section.title}'.`);
  return { server, section, tracks, fromCache: false };
}

async function readCache(path: string, logger: Logger): Promise<CachedIndex | undefined> {
  const read = await readJsonFile<CachedIndex>(path);
  if (read.status === 'missing') return undefined;
  if (read.status === 'corrupt') {
    logger.warn(`The library index cache ${path} is unreadable (${read.error}); rebuilding it.`);
    return undefined;
  }
  const value = read.value;
  if (!value || typeof value !== 'object' || value.format !== INDEX_CACHE_FORMAT || !Array.isArray(value.tracks) || !value.markers) {
    logger.warn(`The library index cache ${path} is from another version; rebuilding it.`);
    return undefined;
  }
  return value;
}

function sameMarkers(a: ChangeMarkers, b: ChangeMarkers): boolean {
  return a.trackCount === b.trackCount && a.contentChangedAt === b.contentChangedAt && a.updatedAt === b.updatedAt;
}
