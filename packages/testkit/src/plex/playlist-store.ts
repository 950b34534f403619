import type { LibraryStore } from './library-store.js';
import type { JsonObject } from './metadata-json.js';
import { createHash } from 'node:crypto';
import type { EmulatedPlaylist, EmulatedPlaylistItem, EmulatedPoster } from './types.js';

/** One poster a playlist has been given (PMS keeps them all and shows the selected one). */
export interface PosterRecord {
  /** `upload://posters/<sha1>` for uploaded bytes, the URL itself for `?url=`. */
  ratingKey: string;
  provider: 'upload' | 'url';
  bytes?: Buffer;
  url?: string;
  /** Who set it: a client through the API, or the user in Plex (seeded by a test). */
  setBy: 'client' | 'user';
  /** Library stamp of the upload: the `{ts}` of the playlist's `thumb`. */
  at: number;
}

export interface PlaylistRecord {
  key: string;
  title: string;
  summary: string;
  smart: boolean;
  /** The section query a smart playlist was made from. */
  content: string | undefined;
  items: EmulatedPlaylistItem[];
  addedAt: number;
  updatedAt: number;
  posters: PosterRecord[];
  /** ratingKey of the poster shown; none until one is uploaded (Plex then shows the composite). */
  selectedPoster: string | undefined;
  thumbLocked: boolean;
}

/** Playlists share the library's id space; playlistItemIDs come from their own counter and are never reused. */
export class PlaylistStore {
  readonly byKey = new Map<string, PlaylistRecord>();
  private nextItemId = 5001;

  constructor(private readonly library: LibraryStore) {}

  create(title: string, trackKeys: string[], opts: { smart?: boolean; summary?: string; content?: string }): PlaylistRecord {
    this.library.touch();
    const now = this.library.stamp();
    const rec: PlaylistRecord = {
      key: this.library.allocateKey(),
      title,
      summary: opts.summary ?? '',
      smart: opts.smart ?? false,
      content: opts.content,
      items: [],
      addedAt: now,
      updatedAt: now,
      posters: [],
      selectedPoster: undefined,
      thumbLocked: false,
    };
    for (const k of trackKeys) rec.items.push({ playlistItemID: this.nextItemId++, ratingKey: k });
    this.byKey.set(rec.key, rec);
    return rec;
  }

  find(keyOrTitle: string): PlaylistRecord | undefined {
    return this.byKey.get(keyOrTitle) ?? [...this.byKey.values()].find((p) => p.title === keyOrTitle);
  }

  /** Appends in the given order; with `dedupe`, keys already present (or repeated in the request) are skipped. */
  append(p: PlaylistRecord, trackKeys: string[], dedupe: boolean): number {
    const present = new Set(p.items.map((i) => i.ratingKey));
    let added = 0;
    for (const k of trackKeys) {
      if (dedupe && present.has(k)) continue;
      present.add(k);
      p.items.push({ playlistItemID: this.nextItemId++, ratingKey: k });
      added += 1;
    }
    this.changed(p);
    return added;
  }

  removeItem(p: PlaylistRecord, playlistItemID: number): boolean {
    const at = p.items.findIndex((i) => i.playlistItemID === playlistItemID);
    if (at < 0) return false;
    p.items.splice(at, 1);
    this.changed(p);
    return true;
  }

  clear(p: PlaylistRecord): void {
    p.items = [];
    this.changed(p);
  }

  /** Moves an item after another one, or to the top when `after` is undefined. */
  move(p: PlaylistRecord, playlistItemID: number, after: number | undefined): boolean {
    const from = p.items.findIndex((i) => i.playlistItemID === playlistItemID);
    if (from < 0) return false;
    if (after !== undefined && !p.items.some((i) => i.playlistItemID === after)) return false;
    const [item] = p.items.splice(from, 1);
    if (!item) return false;
    const to = after === undefined ? 0 : p.items.findIndex((i) => i.playlistItemID === after) + 1;
    p.items.splice(to, 0, item);
    this.changed(p);
    return true;
  }

  edit(p: PlaylistRecord, patch: { title?: string; summary?: string; thumbLocked?: boolean }): void {
    if (patch.title !== undefined) p.title = patch.title;
    if (patch.summary !== undefined) p.summary = patch.summary;
    if (patch.thumbLocked !== undefined) p.thumbLocked = patch.thumbLocked;
    this.changed(p);
  }

  /** A new poster becomes the selected one (api facts §6.3; the emulator takes the unverified case as given). */
  addPoster(p: PlaylistRecord, poster: { bytes?: Buffer; url?: string; setBy: 'client' | 'user' }): PosterRecord {
    this.changed(p);
    const ratingKey = poster.bytes ? `upload://posters/${createHash('sha1').update(poster.bytes).digest('hex')}` : (poster.url ?? '');
    const rec: PosterRecord = { ratingKey, provider: poster.bytes ? 'upload' : 'url', bytes: poster.bytes, url: poster.url, setBy: poster.setBy, at: p.updatedAt };
    p.posters = p.posters.filter((x) => x.ratingKey !== ratingKey);
    p.posters.push(rec);
    p.selectedPoster = ratingKey;
    return rec;
  }

  selectPoster(p: PlaylistRecord, ratingKey: string | undefined): boolean {
    if (ratingKey !== undefined && !p.posters.some((x) => x.ratingKey === ratingKey)) return false;
    p.selectedPoster = ratingKey;
    this.changed(p);
    return true;
  }

  selected(p: PlaylistRecord): PosterRecord | undefined {
    return p.posters.find((x) => x.ratingKey === p.selectedPoster);
  }

  delete(key: string): boolean {
    const ok = this.byKey.delete(key);
    if (ok) this.library.touch();
    return ok;
  }

  /** A track removed from the library disappears from every playlist. */
  dropTrack(trackKey: string): void {
    for (const p of this.byKey.values()) {
      const before = p.items.length;
      p.items = p.items.filter((i) => i.ratingKey !== trackKey);
      if (p.items.length !== before) this.changed(p);
    }
  }

  snapshot(p: PlaylistRecord): EmulatedPlaylist {
    const poster = this.selected(p);
    const shown: EmulatedPoster | undefined = poster && {
      ratingKey: poster.ratingKey,
      provider: poster.provider,
      setBy: poster.setBy,
      ...(poster.bytes ? { bytes: new Uint8Array(poster.bytes) } : {}),
      ...(poster.url ? { url: poster.url } : {}),
    };
    return {
      ratingKey: p.key,
      title: p.title,
      smart: p.smart,
      summary: p.summary,
      items: p.items.map((i) => ({ ...i })),
      thumb: this.thumbOf(p),
      poster: shown,
      thumbLocked: p.thumbLocked,
    };
  }

  /** `/library/metadata/{id}/thumb/{ts}` once a poster is selected (beside the unchanged `composite`). */
  thumbOf(p: PlaylistRecord): string | undefined {
    const poster = this.selected(p);
    return poster ? `/library/metadata/${p.key}/thumb/${poster.at}` : undefined;
  }

  /** The playlist object PMS serves in lists and containers. */
  toJson(p: PlaylistRecord): JsonObject {
    const duration = p.items.reduce((sum, i) => sum + (this.library.byKey.get(i.ratingKey)?.fixture.durationMs ?? 0), 0);
    const seq = Number(p.key) || p.addedAt;
    const o: JsonObject = {
      ratingKey: p.key,
      key: `/playlists/${p.key}/items`,
      guid: `com.plexapp.agents.none://${uuidFrom(seq)}`,
      type: 'playlist',
      title: p.title,
      summary: p.summary,
      smart: p.smart,
      playlistType: 'audio',
      composite: `/playlists/${p.key}/composite/${p.updatedAt}`,
      thumb: this.thumbOf(p),
      icon: p.smart ? 'playlist://image.smart' : undefined,
      content: p.content,
      duration,
      leafCount: p.items.length,
      addedAt: p.addedAt,
      updatedAt: p.updatedAt,
    };
    for (const [k, v] of Object.entries(o)) if (v === undefined) delete o[k];
    return o;
  }

  private changed(p: PlaylistRecord): void {
    this.library.touch();
    p.updatedAt = this.library.stamp();
  }
}

function uuidFrom(n: number): string {
  const hex = n.toString(16).padStart(12, '0').slice(-12);
  return `3d6e93e8-3217-4f29-ad50-${hex}`;
}
