import type { EmulatorRequest } from '../common/server.js';
import {
  cachedQuery,
  includeGuids,
  itemSectionMembers,
  libraryAttrs,
  MOVIES_SECTION_ID,
  MUSIC_SECTION_UUID,
  numericIfPossible,
  type PlexContext,
  queryKey,
} from './context.js';
import { BASE_TIME, type AlbumRecord, type ArtistRecord, type TrackRecord } from './library-store.js';
import { parseAlbumQuery, parseArtistQuery, parseTrackQuery, runQuery } from './media-query.js';
import { albumObject, artistObject, extendJson, type JsonObject, trackBuffer, trackJson, trackObject } from './metadata-json.js';
import { type Container, pageOf, pageRequest } from './responses.js';

export const SERVER_VERSION = '1.40.2.8395-c67dce28e';

export function serverRoot(ctx: PlexContext): Container {
  return {
    attrs: {
      size: 2,
      allowSync: true,
      friendlyName: 'Harmoniq Test Server',
      machineIdentifier: ctx.machineIdentifier,
      myPlex: true,
      myPlexSigninState: 'ok',
      platform: 'Linux',
      platformVersion: '6.1',
      updatedAt: BASE_TIME,
      version: SERVER_VERSION,
    },
    itemsKey: 'Directory',
    items: [JSON.stringify({ count: 1, key: 'library', title: 'library' }), JSON.stringify({ count: 1, key: 'playlists', title: 'playlists' })],
  };
}

export function identity(ctx: PlexContext): Container {
  return { attrs: { size: 0, claimed: true, machineIdentifier: ctx.machineIdentifier, version: SERVER_VERSION } };
}

export function sections(ctx: PlexContext): Container {
  const lib = ctx.library;
  const common = { allowSync: true, filters: true, refreshing: false, language: 'en-US', content: true, directory: true, hidden: 0 };
  const movies = {
    ...common,
    art: '/:/resources/movie-fanart.jpg',
    thumb: '/:/resources/movie.png',
    key: MOVIES_SECTION_ID,
    type: 'movie',
    title: 'Movies',
    agent: 'tv.plex.agents.movie',
    scanner: 'Plex Movie',
    uuid: 'e69655a2-ef48-4aba-bb19-d3cc3401e7d6',
    updatedAt: BASE_TIME - 86400,
    createdAt: BASE_TIME - 86400 * 500,
    scannedAt: BASE_TIME - 86400,
    contentChangedAt: 812,
    Location: [{ id: 1, path: '/data/Movies' }],
  };
  const music = {
    ...common,
    art: '/:/resources/artist-fanart.jpg',
    composite: `/library/sections/${ctx.sectionId}/composite/${lib.sectionUpdatedAt}`,
    thumb: '/:/resources/artist.png',
    key: ctx.sectionId,
    type: 'artist',
    title: ctx.sectionTitle,
    agent: 'tv.plex.agents.music',
    scanner: 'Plex Music',
    uuid: MUSIC_SECTION_UUID,
    updatedAt: lib.sectionUpdatedAt,
    createdAt: BASE_TIME - 86400 * 500,
    scannedAt: lib.sectionUpdatedAt,
    contentChangedAt: 1233 + lib.contentChanges,
    Location: [{ id: 3, path: '/data/Music' }],
  };
  return { attrs: { size: 2, allowSync: true, title1: 'Plex Library' }, itemsKey: 'Directory', items: [JSON.stringify(movies), JSON.stringify(music)] };
}

const VIEWS: Record<string, { title2: string; viewGroup: string }> = {
  '8': { title2: 'All Artists', viewGroup: 'artist' },
  '9': { title2: 'All Albums', viewGroup: 'album' },
  '10': { title2: 'All Tracks', viewGroup: 'track' },
};

export function sectionAll(ctx: PlexContext, req: EmulatorRequest, sectionId: string): Container | undefined {
  if (sectionId === MOVIES_SECTION_ID) {
    const p = pageOf([], pageRequest(req, ctx.paging));
    return { attrs: { ...p.attrs, allowSync: true, librarySectionID: 1, librarySectionTitle: 'Movies', title1: 'Movies', viewGroup: 'movie' }, headers: p.headers };
  }
  if (sectionId !== ctx.sectionId) return undefined;
  const type = req.query.get('type') ?? '8';
  const view = VIEWS[type] ?? { title2: 'All', viewGroup: 'secondary' };
  const page = pageRequest(req, ctx.paging);
  const key = queryKey(`all:${type}`, req.query);
  let list: { items: (string | Buffer)[]; attrs: JsonObject; headers: Record<string, string> };
  if (type === '10') {
    const q = parseTrackQuery(req.query, ctx.genreIncludesAlbum);
    const found = cachedQuery(ctx, key, () => runQuery(ctx.library.tracks, q));
    const guids = includeGuids(req);
    const p = pageOf(found, page, q.limit);
    list = { ...p, items: p.items.map((t) => trackBuffer(t, guids)) };
  } else if (type === '9') {
    const q = parseAlbumQuery(req.query);
    const found = cachedQuery(ctx, key, () => runQuery([...ctx.library.albums.values()], q));
    const p = pageOf(found, page, q.limit);
    list = { ...p, items: p.items.map((a) => JSON.stringify(albumObject(a))) };
  } else if (type === '8') {
    const q = parseArtistQuery(req.query);
    const found = cachedQuery(ctx, key, () => runQuery([...ctx.library.artists.values()], q));
    const p = pageOf(found, page, q.limit);
    list = { ...p, items: p.items.map((a) => JSON.stringify(artistObject(a))) };
  } else {
    list = { ...pageOf([], page), items: [] };
  }
  return {
    attrs: { ...list.attrs, ...libraryAttrs(ctx), title1: ctx.sectionTitle, title2: view.title2, viewGroup: view.viewGroup, viewMode: 65593 },
    items: list.items,
    headers: list.headers,
  };
}

export function sectionGenres(ctx: PlexContext, req: EmulatorRequest, sectionId: string): Container | undefined {
  if (sectionId !== ctx.sectionId && sectionId !== MOVIES_SECTION_ID) return undefined;
  const type = Number(req.query.get('type') ?? '8');
  const tags = sectionId === ctx.sectionId ? ctx.library.tagsAt(type) : [];
  const items = tags.map((g) =>
    JSON.stringify({ fastKey: `/library/sections/${sectionId}/all?type=${type}&genre=${g.id}`, key: String(g.id), title: g.tag, type: 'genre' }),
  );
  return {
    attrs: {
      size: items.length,
      allowSync: false,
      content: 'secondary',
      identifier: 'com.plexapp.plugins.library',
      mediaTagPrefix: '/system/bundle/media/flags/',
      mediaTagVersion: 1714650000,
      title1: sectionId === ctx.sectionId ? ctx.sectionTitle : 'Movies',
      title2: 'By Genre',
      viewGroup: 'secondary',
    },
    itemsKey: 'Directory',
    items,
  };
}

/** `/library/metadata/{ids}`: tracks, albums, artists or playlists, in the order asked; missing ids skipped. */
export function metadata(ctx: PlexContext, req: EmulatorRequest, ids: string[]): Container | undefined {
  const members = itemSectionMembers(ctx);
  const guids = includeGuids(req);
  const items: string[] = [];
  for (const id of ids) {
    const track = ctx.library.byKey.get(id);
    const container = ctx.library.containers.get(id);
    const playlist = ctx.playlists.byKey.get(id);
    if (track) items.push(extendJson(trackJson(track, guids), [members]));
    else if (container && 'tracks' in container) items.push(extendJson(JSON.stringify(albumObject(container)), [members]));
    else if (container) items.push(extendJson(JSON.stringify(artistObject(container)), [members]));
    else if (playlist) items.push(JSON.stringify(ctx.playlists.toJson(playlist)));
  }
  if (items.length === 0) return undefined;
  const { art: _a, thumb: _t, nocache: _n, ...attrs } = libraryAttrs(ctx);
  return { attrs: { size: items.length, ...attrs }, items };
}

/**
 * `/library/metadata/{id}/children`: an album's tracks or an artist's albums. As PMS does, fields every child
 * shares are hoisted onto the container and dropped from the items (clients must fall back to the container).
 */
export function children(ctx: PlexContext, req: EmulatorRequest, id: string): Container | undefined {
  const container = ctx.library.containers.get(id);
  const track = ctx.library.byKey.get(id);
  if (track) return { attrs: { size: 0, ...libraryAttrs(ctx), key: id } };
  if (!container) return undefined;
  const page = pageRequest(req, ctx.paging);
  if ('tracks' in container) return albumChildren(ctx, req, container, page);
  return artistChildren(ctx, container, page);
}

function albumChildren(ctx: PlexContext, req: EmulatorRequest, album: AlbumRecord, page: ReturnType<typeof pageRequest>): Container {
  const p = pageOf<TrackRecord>(album.tracks, page);
  const guids = includeGuids(req);
  const objects = p.items.map((t) => {
    const o = trackObject(t);
    if (guids && t.fixture.mbid) o.Guid = [{ id: `mbid://${t.fixture.mbid}` }];
    return o;
  });
  const hoisted = hoist(objects, ['grandparentRatingKey', 'grandparentTitle', 'grandparentThumb', 'parentTitle', 'parentIndex', 'parentYear']);
  if (hoisted.grandparentRatingKey !== undefined) hoisted.grandparentRatingKey = numericIfPossible(String(hoisted.grandparentRatingKey));
  return {
    attrs: {
      ...p.attrs,
      ...libraryAttrs(ctx),
      ...hoisted,
      key: album.key,
      thumb: `/library/metadata/${album.key}/thumb/${album.addedAt}`,
      title1: album.artist.title,
      title2: album.title,
      viewGroup: 'track',
      viewMode: 65593,
    },
    items: objects.map((o) => JSON.stringify(o)),
    headers: p.headers,
  };
}

function artistChildren(ctx: PlexContext, artist: ArtistRecord, page: ReturnType<typeof pageRequest>): Container {
  const p = pageOf<AlbumRecord>(artist.albums, page);
  const objects = p.items.map((a) => albumObject(a));
  const hoisted = hoist(objects, ['parentRatingKey', 'parentTitle', 'parentThumb']);
  if (hoisted.parentRatingKey !== undefined) hoisted.parentRatingKey = numericIfPossible(String(hoisted.parentRatingKey));
  return {
    attrs: { ...p.attrs, ...libraryAttrs(ctx), ...hoisted, key: artist.key, title1: ctx.sectionTitle, title2: artist.title, viewGroup: 'album', viewMode: 65592 },
    items: objects.map((o) => JSON.stringify(o)),
    headers: p.headers,
  };
}

/** Moves the named fields that are equal on every item onto the container. */
function hoist(items: JsonObject[], names: string[]): JsonObject {
  const out: JsonObject = {};
  if (items.length === 0) return out;
  for (const name of names) {
    const first = items[0]?.[name];
    if (first === undefined || !items.every((o) => o[name] === first)) continue;
    out[name] = first;
    for (const o of items) delete o[name];
  }
  return out;
}
