import type { EmulatorRequest, EmulatorResponse } from '../common/server.js';
import type { PlexContext } from './context.js';
import type { Container } from './responses.js';
import { htmlError, noContent } from './responses.js';

type Result = Container | EmulatorResponse;

/** PNG, JPEG, GIF or WebP by their first bytes: anything else is not an image PMS could show. */
export function looksLikeImage(bytes: Uint8Array): boolean {
  const starts = (...sig: number[]): boolean => sig.every((b, i) => bytes[i] === b);
  return (
    starts(0x89, 0x50, 0x4e, 0x47) ||
    starts(0xff, 0xd8, 0xff) ||
    starts(0x47, 0x49, 0x46, 0x38) ||
    (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45)
  );
}

/**
 * `POST|PUT /library/metadata/{id}/posters`: `?url=` with no body, or the raw image bytes as the body (no
 * multipart), api facts §6.3. Playlists keep what was uploaded; other items accept and ignore it.
 */
export function uploadPoster(ctx: PlexContext, req: EmulatorRequest, id: string): Result {
  const p = ctx.playlists.byKey.get(id);
  if (!p) return ctx.library.byKey.has(id) || ctx.library.containers.has(id) ? { attrs: { size: 0 } } : htmlError(404);
  const url = req.query.get('url');
  if (url !== null) {
    if (!/^https?:\/\/[^\s]+$/i.test(url)) return htmlError(400);
    ctx.playlists.addPoster(p, { url, setBy: 'client' });
    return { attrs: { size: 0 } };
  }
  if (req.bodyBytes.length === 0 || !looksLikeImage(req.bodyBytes)) return htmlError(400);
  ctx.playlists.addPoster(p, { bytes: Buffer.from(req.bodyBytes), setBy: 'client' });
  return { attrs: { size: 0 } };
}

/** `GET /library/metadata/{id}/posters`: every poster the playlist was given, the shown one `selected`. */
export function listPosters(ctx: PlexContext, id: string): Result {
  const p = ctx.playlists.byKey.get(id);
  if (!p) return htmlError(404);
  const items = p.posters.map((x) =>
    JSON.stringify({
      key: `/library/metadata/${p.key}/file?url=${encodeURIComponent(x.ratingKey)}`,
      ratingKey: x.ratingKey,
      provider: x.provider === 'upload' ? 'local' : 'url',
      selected: x.ratingKey === p.selectedPoster,
      thumb: `/library/metadata/${p.key}/file?url=${encodeURIComponent(x.ratingKey)}`,
      type: 'photo',
    }),
  );
  return { attrs: { size: items.length }, items };
}

/** `PUT /library/metadata/{id}/poster?url=<a poster's ratingKey>` selects one of them. */
export function selectPoster(ctx: PlexContext, req: EmulatorRequest, id: string): Result {
  const p = ctx.playlists.byKey.get(id);
  if (!p) return htmlError(404);
  const key = req.query.get('url');
  if (!key || !ctx.playlists.selectPoster(p, key)) return htmlError(400);
  return noContent();
}

/** `GET /library/metadata/{id}/thumb/{ts}`: the selected poster's bytes (404 for a `?url=` poster: not fetched). */
export function posterImage(ctx: PlexContext, id: string): EmulatorResponse {
  const p = ctx.playlists.byKey.get(id);
  const poster = p && ctx.playlists.selected(p);
  if (!poster?.bytes) return htmlError(404);
  const type = poster.bytes[0] === 0xff ? 'image/jpeg' : 'image/png';
  return { status: 200, headers: { 'content-type': type }, body: poster.bytes };
}

/** `DELETE /library/metadata/{id}/thumb`: back to the composite. */
export function deletePoster(ctx: PlexContext, id: string): Result {
  const p = ctx.playlists.byKey.get(id);
  if (!p) return htmlError(404);
  ctx.playlists.selectPoster(p, undefined);
  return noContent();
}
