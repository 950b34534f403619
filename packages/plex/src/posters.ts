import { HarmoniqError } from '@harmoniq/core';
import { type PosterImage } from '@harmoniq/core/pipeline';
import { asObject, objects, str } from './parse.js';
import type { Query } from './query.js';

/** An image to show as a playlist's poster: bytes Harmoniq made, or a URL Plex fetches itself. */
export type PosterSource = PosterImage;

export interface PlaylistPosters {
  /** Renames in place (`PUT /playlists/{id}?title=`): same ratingKey, same items (api facts §6.3). */
  rename(ratingKey: string, title: string): Promise<void>;
  /**
   * Uploads a poster (`POST /library/metadata/{id}/posters`, raw bytes or `?url=`), then reads the playlist back
   * and returns the `thumb` it now shows, which the caller records to recognise its own poster later.
   */
  uploadPoster(ratingKey: string, poster: PosterSource): Promise<string | undefined>;
  /**
   * The poster a playlist shows: its `thumb`, or undefined when it shows only the composite of its tracks
   * (python-plexapi treats a playlist's thumb as the composite when no poster was set, so a thumb under
   * `/playlists/{id}/composite/` means "no poster").
   */
  posterOf(ratingKey: string): Promise<string | undefined>;
}

/** Posters and renames for playlists: a few small functions over the one Plex chokepoint. */
export function createPlaylistPosters(query: Query): PlaylistPosters {
  const posterOf = async (ratingKey: string): Promise<string | undefined> => {
    const res = await query.container({ path: `/playlists/${encodeURIComponent(ratingKey)}`, what: `playlist ${ratingKey}` });
    const [first] = objects(asObject(res?.container)?.['Metadata']);
    return shownPoster(first ? str(first['thumb']) : undefined);
  };
  return {
    async rename(ratingKey, title) {
      if (title.trim() === '') {
        throw new HarmoniqError({ code: 'EINTERNAL', message: `Refusing to rename playlist ${ratingKey} to an empty title.` });
      }
      // A rename sent twice leaves the same title: safe to retry.
      await query.send({ method: 'PUT', path: `/playlists/${encodeURIComponent(ratingKey)}`, params: { title }, idempotent: true, what: `playlist ${ratingKey}` });
    },

    async uploadPoster(ratingKey, poster) {
      const path = `/library/metadata/${encodeURIComponent(ratingKey)}/posters`;
      // Plex keys an upload by its content, so the same image sent twice is one poster: safe to retry.
      if ('url' in poster) {
        await query.send({ method: 'POST', path, params: { url: poster.url }, idempotent: true, what: `playlist ${ratingKey}` });
      } else {
        const body = Buffer.from(poster.bytes.buffer, poster.bytes.byteOffset, poster.bytes.byteLength);
        await query.send({ method: 'POST', path, body, headers: { 'Content-Type': poster.mimeType }, idempotent: true, what: `playlist ${ratingKey}` });
      }
      return posterOf(ratingKey);
    },

    posterOf,
  };
}

function shownPoster(thumb: string | undefined): string | undefined {
  if (thumb === undefined || thumb === '') return undefined;
  return /^\/playlists\/[^/]+\/composite\//.test(thumb) ? undefined : thumb;
}
