import type { EmulatorRequest } from '../common/server.js';
import type { LibraryStore } from './library-store.js';
import type { JsonObject } from './metadata-json.js';
import type { PlaylistStore } from './playlist-store.js';
import type { PagingOptions } from './responses.js';
import type { SonicVectors } from './sonic-vectors.js';

export const MOVIES_SECTION_ID = '1';
export const MUSIC_SECTION_UUID = 'b288969a-4bd7-4544-850a-c4297b7c1697';
export const MEDIA_TAG_VERSION = 1714650000;

/** Everything a route needs: one per emulator instance. */
export interface PlexContext {
  library: LibraryStore;
  playlists: PlaylistStore;
  machineIdentifier: string;
  sectionId: string;
  sectionTitle: string;
  paging: PagingOptions;
  dedupeOnAppend: boolean;
  genreIncludesAlbum: boolean;
  /** Query results keyed by the query; entries die when the library version moves. */
  queryCache: Map<string, { version: number; result: readonly unknown[] }>;
  /** Emulated sonic analysis vectors (sonic-vectors.ts). */
  sonic: SonicVectors;
}

const CACHE_LIMIT = 32;

/** Filtering and sorting 100k tracks per page would make paging quadratic; a query is computed once. */
export function cachedQuery<R>(ctx: PlexContext, key: string, compute: () => readonly R[]): readonly R[] {
  const hit = ctx.queryCache.get(key);
  if (hit && hit.version === ctx.library.version) return hit.result as readonly R[];
  const result = compute();
  if (ctx.queryCache.size >= CACHE_LIMIT) {
    const oldest = ctx.queryCache.keys().next().value;
    if (oldest !== undefined) ctx.queryCache.delete(oldest);
  }
  ctx.queryCache.set(key, { version: ctx.library.version, result });
  return result;
}

/** The query without paging or presentation parameters: what decides the result set. */
export function queryKey(prefix: string, query: URLSearchParams): string {
  const parts = [...query].filter(([k]) => !k.startsWith('X-Plex-') && k !== 'includeGuids').map(([k, v]) => `${k}=${v}`);
  return `${prefix}?${parts.join('&')}`;
}

export function includeGuids(req: EmulatorRequest): boolean {
  return req.query.get('includeGuids') === '1';
}

/** Section fields PMS puts on list containers (and on items of mixed lists). */
export function sectionAttrs(ctx: PlexContext): JsonObject {
  return {
    librarySectionID: Number(ctx.sectionId),
    librarySectionTitle: ctx.sectionTitle,
    librarySectionUUID: MUSIC_SECTION_UUID,
  };
}

export function libraryAttrs(ctx: PlexContext): JsonObject {
  return {
    allowSync: true,
    art: '/:/resources/artist-fanart.jpg',
    identifier: 'com.plexapp.plugins.library',
    ...sectionAttrs(ctx),
    mediaTagPrefix: '/system/bundle/media/flags/',
    mediaTagVersion: MEDIA_TAG_VERSION,
    nocache: true,
    thumb: '/:/resources/artist.png',
  };
}

/** Item-level section fields, serialised, for metadata and playlist item lists. */
export function itemSectionMembers(ctx: PlexContext): string {
  const s = JSON.stringify({
    librarySectionID: Number(ctx.sectionId),
    librarySectionTitle: ctx.sectionTitle,
    librarySectionKey: `/library/sections/${ctx.sectionId}`,
  });
  return s.slice(1, -1);
}

/** PMS writes some ids on containers as numbers; keys that are not numeric stay strings. */
export function numericIfPossible(key: string): string | number {
  return /^[1-9][0-9]{0,14}$/.test(key) ? Number(key) : key;
}
