import { HarmoniqError, type Logger } from '@harmoniq/core';
import { type PlaylistEntry, type PlaylistInfo, type PlaylistStore } from '@harmoniq/core/pipeline';
import { incompleteError, responseError, smartPlaylistError } from './errors.js';
import { fetchItems } from './fetch-items.js';
import { mapEntry, mapPlaylist } from './map-track.js';
import { asObject, bool, id, num, objects, type JsonObject } from './parse.js';
import type { Query } from './query.js';

export interface PlaylistsOptions {
  query: Query;
  logger: Logger;
  pageSize: number;
  maxItems?: number;
  contentUri(ratingKeys: readonly string[]): Promise<string>;
}

/**
 * Plex playlists (§1.7). Appends and creates are never retried: sent twice they would add the tracks
 * twice. Removes, moves and edits are safe to repeat and opt in to core's retries. What we learn about a
 * playlist being smart is remembered per client so that edits to it are refused before any request.
 */
export function createPlaylists({ query, logger, pageSize, maxItems, contentUri }: PlaylistsOptions): PlaylistStore {
  const smart = new Map<string, boolean>();
  const remember = (info: PlaylistInfo): PlaylistInfo => {
    smart.set(info.ratingKey, info.smart);
    return info;
  };
  const guard = (ratingKey: string, action: string): void => {
    if (smart.get(ratingKey)) throw smartPlaylistError(ratingKey, action);
  };
  const base = (ratingKey: string) => `/playlists/${encodeURIComponent(ratingKey)}`;

  return {
    async list() {
      const all = await fetchItems(query, logger, {
        path: '/playlists',
        params: { playlistType: 'audio' },
        pageSize,
        maxItems,
        map: mapPlaylist,
      });
      // A server that ignores the filter still must not hand us video or photo playlists.
      return (all ?? []).filter((p) => p.playlistType === 'audio').map(remember);
    },

    async get(ratingKey) {
      const res = await query.container({ path: base(ratingKey), allowNotFound: true });
      if (!res) {
        smart.delete(ratingKey);
        return undefined;
      }
      const info = playlistIn(res.container);
      return info ? remember(info) : undefined;
    },

    async items(ratingKey) {
      const path = `${base(ratingKey)}/items`;
      let containerSmart: boolean | undefined;
      let leafCount: number | undefined;
      const what = `playlist ${ratingKey}`;
      const entries = await fetchItems<PlaylistEntry>(query, logger, {
        path,
        pageSize,
        maxItems,
        what,
        // The plan diffs against these entries: a short or repeating answer would make it add tracks already there.
        complete: { key: (item) => id(item['playlistItemID']) },
        map: (item, container) => {
          containerSmart ??= bool(container['smart']);
          leafCount ??= num(container['leafCount']);
          const entry = mapEntry(item);
          // Without its playlistItemID an entry can be neither removed nor moved: planning on it would be wrong.
          if (!entry) throw responseError('GET', path, 'an item without playlistItemID or ratingKey', true);
          return entry;
        },
      });
      if (containerSmart !== undefined) smart.set(ratingKey, containerSmart);
      if (entries && leafCount !== undefined && entries.length !== leafCount) {
        throw incompleteError(what, `the playlist holds ${leafCount} items but Plex sent ${entries.length}`);
      }
      return entries ?? [];
    },

    async create(title, ratingKeys) {
      if (ratingKeys.length === 0) {
        throw new HarmoniqError({
          code: 'EINTERNAL',
          message: `Cannot create playlist '${title}' without tracks: Plex needs at least one item to create a playlist.`,
        });
      }
      const uri = await contentUri(ratingKeys);
      const res = await query.container({
        method: 'POST',
        path: '/playlists',
        params: { uri, type: 'audio', title, smart: 0 },
        idempotent: false,
      });
      const info = playlistIn(res?.container);
      if (!info) throw responseError('POST', '/playlists', 'no playlist in Metadata[0]', false);
      logger.debug(`created playlist ${info.ratingKey} '${title}' with ${ratingKeys.length} tracks`);
      return remember(info);
    },

    async add(ratingKey, ratingKeys) {
      guard(ratingKey, 'add to');
      if (ratingKeys.length === 0) return;
      const uri = await contentUri(ratingKeys);
      const res = await query.send({
        method: 'PUT',
        path: `${base(ratingKey)}/items`,
        params: { uri },
        idempotent: false,
        what: `playlist ${ratingKey}`,
      });
      // The body is only informative: a garbled one does not undo the append, so it is not an error.
      const answer = containerOf(res.text);
      const added = num(answer?.['leafCountAdded']);
      const requested = num(answer?.['leafCountRequested']);
      if (added !== undefined && requested !== undefined && added < requested) {
        logger.debug(`Plex added ${added} of ${requested} tracks to playlist ${ratingKey} (it skips duplicates)`);
      }
      return shownIn(answer, ratingKey);
    },

    async remove(ratingKey, playlistItemId) {
      guard(ratingKey, 'remove from');
      const res = await query.send({
        method: 'DELETE',
        path: `${base(ratingKey)}/items/${encodeURIComponent(playlistItemId)}`,
        idempotent: true,
        allowNotFound: true,
      });
      // Already gone (a retry after a lost answer, or removed in Plex meanwhile): the goal is reached.
      if (res.status === 404) {
        logger.debug(`playlist ${ratingKey} item ${playlistItemId} was already gone`);
        return undefined;
      }
      return shownIn(containerOf(res.text), ratingKey);
    },

    async move(ratingKey, playlistItemId, afterItemId) {
      guard(ratingKey, 'reorder');
      const res = await query.send({
        method: 'PUT',
        path: `${base(ratingKey)}/items/${encodeURIComponent(playlistItemId)}/move`,
        params: { after: afterItemId },
        idempotent: true,
        what: `playlist ${ratingKey} item ${playlistItemId}`,
      });
      return shownIn(containerOf(res.text), ratingKey);
    },

    async editSummary(ratingKey, summary) {
      await query.send({
        method: 'PUT',
        path: base(ratingKey),
        params: { summary },
        idempotent: true,
        what: `playlist ${ratingKey}`,
      });
    },
  };
}

/** The MediaContainer of a write's answer; undefined for an empty or garbled body (a write's body is informative). */
function containerOf(text: string): JsonObject | undefined {
  if (text.trim() === '') return undefined;
  try {
    return asObject(asObject(JSON.parse(text))?.['MediaContainer']);
  } catch {
    return undefined;
  }
}

/**
 * The playlist an item write's answer shows (the official spec: "200 with the playlist"), when it names this one:
 * its stamp and count after the write. Anything else (another shape, another playlist) is not evidence.
 */
function shownIn(container: JsonObject | undefined, ratingKey: string): PlaylistInfo | undefined {
  const info = playlistIn(container);
  return info?.ratingKey === ratingKey ? info : undefined;
}

/** The playlist a MediaContainer holds in `Metadata[0]` (what get, create and the item writes answer with). */
function playlistIn(container: JsonObject | undefined): PlaylistInfo | undefined {
  const [first] = objects(container?.['Metadata']);
  return first ? mapPlaylist(first) : undefined;
}
