import type { EmulatorRequest, EmulatorResponse } from '../common/server.js';
import { cachedQuery, includeGuids, itemSectionMembers, type PlexContext, queryKey } from './context.js';
import { parseTrackQuery, runQuery } from './media-query.js';
import { extendJson, prependJson, trackJson } from './metadata-json.js';
import type { PlaylistRecord } from './playlist-store.js';
import { type Container, htmlError, noContent, pageOf, pageRequest } from './responses.js';

type Result = Container | EmulatorResponse;

export function listPlaylists(ctx: PlexContext, req: EmulatorRequest): Result {
  const type = req.query.get('playlistType');
  const smart = req.query.get('smart');
  const title = req.query.get('title')?.toLowerCase();
  const all = [...ctx.playlists.byKey.values()].filter(
    (p) =>
      (type === null || type === 'audio') &&
      (smart === null || (smart === '1') === p.smart) &&
      (title === undefined || p.title.toLowerCase().includes(title)),
  );
  const page = pageOf(all, pageRequest(req, ctx.paging));
  return { attrs: page.attrs, items: page.items.map((p) => JSON.stringify(ctx.playlists.toJson(p))), headers: page.headers };
}

function one(ctx: PlexContext, p: PlaylistRecord, extra: Record<string, number> = {}): Container {
  return { attrs: { size: 1, ...extra }, items: [JSON.stringify(ctx.playlists.toJson(p))] };
}

/**
 * Resolves a content URI (`server://{mid}/com.plexapp.plugins.library/library/metadata/k1,k2`) to track keys,
 * in order. Unknown keys are skipped; album and artist keys expand to their tracks, as on a real server.
 * Undefined when the URI is malformed or names another server.
 */
function resolveUri(ctx: PlexContext, uri: string, smart: boolean): string[] | undefined {
  const prefix = `server://${ctx.machineIdentifier}/com.plexapp.plugins.library/`;
  if (!uri.startsWith(prefix)) return undefined;
  const rest = uri.slice(prefix.length);
  if (smart) {
    const m = /^library\/sections\/([^/?]+)\/all\?(.*)$/.exec(rest);
    if (!m || m[1] !== ctx.sectionId) return undefined;
    const params = new URLSearchParams(m[2]);
    const q = parseTrackQuery(params, ctx.genreIncludesAlbum);
    const found = cachedQuery(ctx, queryKey('smart:10', params), () => runQuery(ctx.library.tracks, q));
    return found.slice(0, q.limit ?? found.length).map((t) => t.key);
  }
  const m = /^library\/metadata\/([^/?]+)$/.exec(rest);
  if (!m) return undefined;
  const keys: string[] = [];
  for (const k of (m[1] ?? '').split(',')) {
    const container = ctx.library.containers.get(k);
    if (ctx.library.byKey.has(k)) keys.push(k);
    else if (container && 'tracks' in container) keys.push(...container.tracks.map((t) => t.key));
    else if (container) for (const album of container.albums) keys.push(...album.tracks.map((t) => t.key));
  }
  return keys;
}

export function createPlaylist(ctx: PlexContext, req: EmulatorRequest): Result {
  const uri = req.query.get('uri');
  const type = req.query.get('type');
  const title = req.query.get('title');
  const smart = req.query.get('smart');
  if (!uri || !title || type !== 'audio' || (smart !== '0' && smart !== '1')) return htmlError(400);
  const keys = resolveUri(ctx, uri, smart === '1');
  if (!keys) return htmlError(400);
  const p = ctx.playlists.create(title, keys, { smart: smart === '1', content: smart === '1' ? uri : undefined });
  return one(ctx, p);
}

export function getPlaylist(ctx: PlexContext, id: string): Result {
  const p = ctx.playlists.byKey.get(id);
  return p ? one(ctx, p) : htmlError(404);
}

export function playlistItems(ctx: PlexContext, req: EmulatorRequest, id: string): Result {
  const p = ctx.playlists.byKey.get(id);
  if (!p) return htmlError(404);
  const page = pageOf(p.items, pageRequest(req, ctx.paging));
  const members = itemSectionMembers(ctx);
  const guids = includeGuids(req);
  const items: string[] = [];
  for (const item of page.items) {
    const t = ctx.library.byKey.get(item.ratingKey);
    if (!t) continue;
    const body = extendJson(trackJson(t, guids), [members]);
    items.push(prependJson(body, `"playlistItemID":${item.playlistItemID}`));
  }
  const head = ctx.playlists.toJson(p);
  return {
    attrs: {
      ...page.attrs,
      composite: head.composite,
      duration: head.duration,
      leafCount: head.leafCount,
      playlistType: 'audio',
      ratingKey: p.key,
      smart: p.smart,
      title: p.title,
    },
    items,
    headers: page.headers,
  };
}

/** Items of a smart playlist follow its query: they cannot be added, removed or moved. */
function dumb(ctx: PlexContext, id: string): PlaylistRecord | EmulatorResponse {
  const p = ctx.playlists.byKey.get(id);
  if (!p) return htmlError(404);
  return p.smart ? htmlError(400) : p;
}

export function addItems(ctx: PlexContext, req: EmulatorRequest, id: string): Result {
  const p = dumb(ctx, id);
  if ('status' in p) return p;
  const uri = req.query.get('uri');
  const keys = uri ? resolveUri(ctx, uri, false) : undefined;
  if (!keys) return htmlError(400);
  const added = ctx.playlists.append(p, keys, ctx.dedupeOnAppend);
  return one(ctx, p, { leafCountAdded: added, leafCountRequested: keys.length });
}

export function removeItem(ctx: PlexContext, id: string, itemId: string): Result {
  const p = dumb(ctx, id);
  if ('status' in p) return p;
  const n = Number(itemId);
  if (!Number.isInteger(n) || !ctx.playlists.removeItem(p, n)) return htmlError(404);
  return one(ctx, p);
}

export function clearItems(ctx: PlexContext, id: string): Result {
  const p = dumb(ctx, id);
  if ('status' in p) return p;
  ctx.playlists.clear(p);
  return one(ctx, p);
}

export function moveItem(ctx: PlexContext, req: EmulatorRequest, id: string, itemId: string): Result {
  const p = dumb(ctx, id);
  if ('status' in p) return p;
  const afterRaw = req.query.get('after');
  const after = afterRaw === null || afterRaw === '' ? undefined : Number(afterRaw);
  if (after !== undefined && !Number.isInteger(after)) return htmlError(400);
  const n = Number(itemId);
  if (!Number.isInteger(n) || !ctx.playlists.move(p, n, after)) return htmlError(404);
  return one(ctx, p);
}

/** Both the legacy `title=`/`summary=` form and the field-edit `title.value=`/`summary.value=` form. */
export function editPlaylist(ctx: PlexContext, req: EmulatorRequest, id: string): Result {
  const p = ctx.playlists.byKey.get(id);
  if (!p) return htmlError(404);
  const pick = (name: string): string | undefined => req.query.get(`${name}.value`) ?? req.query.get(name) ?? undefined;
  // An empty title would leave a nameless playlist in Plex: refuse it like a malformed request.
  if (pick('title') === '') return htmlError(400);
  const locked = req.query.get('thumb.locked');
  ctx.playlists.edit(p, { title: pick('title'), summary: pick('summary'), thumbLocked: locked === null ? undefined : locked === '1' });
  return noContent();
}

export function deletePlaylist(ctx: PlexContext, id: string): Result {
  return ctx.playlists.delete(id) ? noContent() : htmlError(404);
}
