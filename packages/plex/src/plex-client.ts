import { HarmoniqError, type Http, type Logger } from '@harmoniq/core';
import { type LibraryReader, type PlaylistStore } from '@harmoniq/core/pipeline';
import { createLibrary, type Section } from './library.js';
import { createPlaylists } from './playlists.js';
import { createPlaylistPosters, type PlaylistPosters } from './posters.js';
import { createQuery } from './query.js';
import { createSonic } from './sonic.js';
import { DEFAULT_MAX_ITEMS } from './fetch-items.js';

export interface PlexClientOptions {
  /** Server address, e.g. http://192.168.1.10:32400 (a path prefix behind a reverse proxy is kept). */
  url: string;
  /** Sent only as the X-Plex-Token header, never in a URL. */
  token: string;
  /** From @harmoniq/core createHttp: retries idempotent requests on 429/5xx/network. */
  http: Http;
  logger: Logger;
  /** X-Plex-Client-Identifier; keep it stable per installation. Default 'harmoniq'. */
  clientIdentifier?: string;
  /** Items per page of every listing; default 1000. */
  pageSize?: number;
  /** Items one listing may hold (PLEX_MAX_ITEMS); default DEFAULT_MAX_ITEMS. */
  maxItems?: number;
}

export interface PlexClient extends LibraryReader, Omit<PlaylistStore, 'rename' | 'uploadPoster'>, PlaylistPosters {
  /** Every library section of the server (movies and shows too); music ones have type 'artist'. */
  sections(): Promise<Section[]>;
  nearest: NonNullable<LibraryReader['nearest']>;
  sonicPath: NonNullable<LibraryReader['sonicPath']>;
  /** How many of a section's first tracks are sonically analysed (one request). */
  sonicSample(sectionId: string, size?: number): Promise<{ checked: number; analysed: number }>;
  /** The server:// content URI for these ratingKeys, in order (reads the machineIdentifier once). */
  contentUri(ratingKeys: readonly string[]): Promise<string>;
}

export const DEFAULT_PAGE_SIZE = 1000;

export function createPlexClient(options: PlexClientOptions): PlexClient {
  const logger = options.logger;
  const query = createQuery({
    url: options.url,
    token: options.token,
    http: options.http,
    logger,
    clientIdentifier: options.clientIdentifier ?? 'harmoniq',
  });
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const maxItems = options.maxItems ?? DEFAULT_MAX_ITEMS;
  const library = createLibrary({ query, logger, pageSize, maxItems });

  // Only a successful answer is kept: a failed lookup is tried again next time.
  let machineIdentifier: string | undefined;
  const contentUri = async (ratingKeys: readonly string[]): Promise<string> => {
    for (const key of ratingKeys) {
      if (key === '' || /[,/?#\s]/.test(key)) {
        throw new HarmoniqError({ code: 'EINTERNAL', message: `'${key}' is not a Plex ratingKey that can go into a playlist URI.` });
      }
    }
    machineIdentifier ??= (await library.server()).machineIdentifier;
    return `server://${machineIdentifier}/com.plexapp.plugins.library/library/metadata/${ratingKeys.join(',')}`;
  };
  const playlists = createPlaylists({ query, logger, pageSize, maxItems, contentUri });
  const sonic = createSonic({ query, logger });
  const posters = createPlaylistPosters(query);

  return {
    server: async () => {
      const info = await library.server();
      machineIdentifier = info.machineIdentifier;
      return info;
    },
    sections: library.sections,
    musicSection: library.musicSection,
    countTracks: library.countTracks,
    listTracks: library.listTracks,
    nearest: sonic.nearest,
    sonicPath: sonic.sonicPath,
    sonicSample: sonic.sonicSample,
    pageSize,
    listTracksWhere: library.listTracksWhere,
    countTracksWhere: library.countTracksWhere,
    parentGenres: library.parentGenres,
    contentUri,
    list: playlists.list,
    get: playlists.get,
    items: playlists.items,
    create: playlists.create,
    add: playlists.add,
    remove: playlists.remove,
    move: playlists.move,
    editSummary: playlists.editSummary,
    rename: posters.rename,
    uploadPoster: posters.uploadPoster,
    posterOf: posters.posterOf,
  };
}
