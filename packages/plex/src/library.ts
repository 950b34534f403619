import { HarmoniqError, type LibraryTrack, type Logger } from '@harmoniq/core';
import { createTrackInterner, type IndexProgress, type TrackInterner, type ParentGenres, type SectionInfo, type ServerInfo, type TrackFilter } from '@harmoniq/core/pipeline';
import { responseError } from './errors.js';
import { countItems, fetchItems } from './fetch-items.js';
import { mapGenres, mapTrack, type AncestorGenres } from './map-track.js';
import { id, num, objects, str, type JsonObject } from './parse.js';
import type { Params, Query } from './query.js';

export interface Section {
  id: string;
  title: string;
  type: string;
}

interface RawSection extends Section {
  raw: JsonObject;
}

export interface LibraryOptions {
  query: Query;
  logger: Logger;
  pageSize: number;
  maxItems?: number;
}

/** The read side: server identity, sections and the paged track listing. */
export function createLibrary({ query, logger, pageSize, maxItems }: LibraryOptions) {
  const readSections = async (): Promise<RawSection[]> => {
    // Legacy path first (what PMS and python-plexapi use); the 2025 spec names /library/sections/all.
    const res =
      (await query.container({ path: '/library/sections', allowNotFound: true })) ??
      (await query.container({ path: '/library/sections/all', what: 'the library section list' }));
    const out: RawSection[] = [];
    for (const d of objects(res?.container['Directory'])) {
      const key = id(d['key']);
      if (key === undefined) continue;
      out.push({ id: key, title: str(d['title']) ?? '', type: str(d['type']) ?? '', raw: d });
    }
    return out;
  };

  // Interned like the tracks: tens of thousands of albums share a few hundred genre lists, and a track's album
  // and artist keys are then the same strings as these maps' keys.
  const readGenres = async (sectionId: string, type: 8 | 9, intern: TrackInterner): Promise<Map<string, string[]>> => {
    const pairs = await fetchItems(query, logger, {
      path: `/library/sections/${encodeURIComponent(sectionId)}/all`,
      params: { type },
      pageSize,
      maxItems,
      map: (item): [string, string[]] | undefined => {
        const pair = mapGenres(item);
        return pair && [intern.name(pair[0]), intern.list(pair[1]) ?? NO_GENRES];
      },
      what: `library section ${sectionId}`,
    });
    return new Map(pairs ?? []);
  };

  return {
    async server(): Promise<ServerInfo> {
      const res = await query.container({ path: '/', identifiesServer: true });
      const mc = res?.container ?? {};
      const machineIdentifier = id(mc['machineIdentifier']);
      // A MediaContainer is Plex's own shape: a Plex (or a proxy) answering oddly, not another server.
      if (machineIdentifier === undefined) throw responseError('GET', '/', 'no machineIdentifier', true);
      const info: ServerInfo = { machineIdentifier };
      const name = str(mc['friendlyName']);
      const version = str(mc['version']);
      if (name !== undefined) info.name = name;
      if (version !== undefined) info.version = version;
      return info;
    },

    async sections(): Promise<Section[]> {
      return (await readSections()).map(({ id: sid, title, type }) => ({ id: sid, title, type }));
    },

    async musicSection(title: string): Promise<SectionInfo> {
      const music = (await readSections()).filter((s) => s.type === 'artist');
      const wanted = fold(title);
      const found = music.find((s) => fold(s.title) === wanted);
      if (!found) {
        const names = music.map((s) => s.title);
        throw new HarmoniqError({
          code: 'EPLEXLIBRARY',
          message:
            `Music library '${title.trim()}' not found. ` +
            (names.length ? `Music libraries on this server: ${names.join(', ')}.` : 'This server has no music libraries.') +
            ' Set PLEX_MUSIC_LIBRARY_NAME to one of them.',
          hint: names.length
            ? `Set PLEX_MUSIC_LIBRARY_NAME to one of: ${names.join(', ')}.`
            : 'Add a music library in Plex (type "Music"), then set PLEX_MUSIC_LIBRARY_NAME to its name.',
          fatal: true,
        });
      }
      const info: SectionInfo = { id: found.id, title: found.title };
      for (const field of ['contentChangedAt', 'updatedAt', 'scannedAt'] as const) {
        const value = num(found.raw[field]);
        if (value !== undefined) info[field] = value;
      }
      return info;
    },

    async countTracks(sectionId: string): Promise<number> {
      const path = `/library/sections/${encodeURIComponent(sectionId)}/all`;
      const counted = await countItems(query, path, { type: 10 });
      if (counted !== undefined) return counted;
      logger.debug(`${path}?type=10 reported no total; counting by listing`);
      const all = await fetchItems(query, logger, { path, params: { type: 10 }, pageSize, maxItems, map: () => true });
      return all?.length ?? 0;
    },

    async listTracks(sectionId: string, onProgress?: (p: IndexProgress) => void): Promise<LibraryTrack[]> {
      // Albums and artists first (far fewer than tracks), so tracks can be joined as they arrive. One interner for
      // the whole listing: its tables go with it, and the tracks keep one copy of each name.
      const intern = createTrackInterner();
      const ancestors: AncestorGenres = { albums: await readGenres(sectionId, 9, intern), artists: await readGenres(sectionId, 8, intern) };
      return listTracks(sectionId, {}, ancestors, onProgress, intern);
    },

    listTracksWhere: (sectionId: string, filter: TrackFilter, parents: ParentGenres) => listTracks(sectionId, filterParams(filter), parents),

    async countTracksWhere(sectionId: string, filter: TrackFilter): Promise<number> {
      const path = `/library/sections/${encodeURIComponent(sectionId)}/all`;
      const counted = await countItems(query, path, { type: 10, ...filterParams(filter) });
      // No total means no cheap count: the caller falls back to a full listing.
      if (counted === undefined) throw responseError('GET', path, 'no total for a filtered count', true);
      return counted;
    },

    /** `GET /library/metadata/{k1,k2,…}` (a comma list): albums and artists together; keys Plex does not know are absent. */
    async parentGenres(ratingKeys: readonly string[]): Promise<Map<string, string[]>> {
      const found = new Map<string, string[]>();
      const res = await query.container({ path: `/library/metadata/${ratingKeys.map(encodeURIComponent).join(',')}`, allowNotFound: true, what: 'albums and artists' });
      for (const item of [...objects(res?.container['Metadata']), ...objects(res?.container['Directory'])]) {
        const pair = mapGenres(item);
        if (pair) found.set(pair[0], pair[1]);
      }
      return found;
    },
  };

  async function listTracks(sectionId: string, filter: Params, ancestors: AncestorGenres, onProgress?: (p: IndexProgress) => void, intern = createTrackInterner()): Promise<LibraryTrack[]> {
    const tracks = await fetchItems(query, logger, {
      path: `/library/sections/${encodeURIComponent(sectionId)}/all`,
      params: { type: 10, includeGuids: 1, ...filter },
      pageSize,
      maxItems,
      what: `library section ${sectionId}`,
      // An index missing tracks would shrink playlists: fewer distinct tracks than Plex counts is an error. A listing
      // that shifts while paged can repeat a track: the first is kept.
      complete: { key: (item) => id(item['ratingKey']), firstOnly: true },
      map: (item, container) => mapTrack(item, container, ancestors, intern),
      onPage: (done, total) => onProgress?.({ done, total: Math.max(done, total ?? done) }),
    });
    logger.debug(`listed ${tracks?.length ?? 0} tracks, ${ancestors.albums.size} albums, ${ancestors.artists.size} artists of section ${sectionId}`);
    return tracks ?? [];
  }
}

/** An album or artist without genres: one frozen empty list for all of them. */
const NO_GENRES = Object.freeze([]) as unknown as string[];

/**
 * Plex media-query filters (`addedAt>>=N` is "greater than N"). The operator is part of the parameter name, so
 * URLSearchParams percent-encodes `>`; that PMS decodes names like values is assumed (../shared/api: unverified).
 */
function filterParams(filter: TrackFilter): Params {
  const params: Params = {};
  if (filter.addedAfter !== undefined) params['addedAt>>'] = filter.addedAfter;
  if (filter.addedBefore !== undefined) params['addedAt<<'] = filter.addedBefore;
  if (filter.updatedAfter !== undefined) params['updatedAt>>'] = filter.updatedAfter;
  return params;
}

/** Plex titles compare like python-plexapi's: trimmed and case-insensitive (and Unicode-normalised). */
function fold(title: string): string {
  return title.normalize('NFC').trim().toLocaleLowerCase();
}
