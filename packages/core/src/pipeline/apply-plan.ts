import { HarmoniqError } from '../errors/harmoniq-error.js';
import type { Logger } from '../logging/logger.js';
import type { PlaylistEntry, PlaylistInfo, PlaylistStore } from '../library/types.js';
import type { PlaylistPlan } from './plan-playlist.js';
import { chunkKeys } from '../library/chunk-keys.js';


export interface ApplyOptions {
  store: PlaylistStore;
  logger: Logger;
  title: string;
  summary: string;
  /** The playlist to update; undefined to create one. */
  ratingKey: string | undefined;
  /** Called as soon as a new playlist exists, so the state records it even if a later write fails. */
  onCreated?: (playlist: PlaylistInfo) => Promise<void>;
}

export interface ApplyResult {
  ratingKey: string;
  added: number;
  removed: number;
  moved: number;
  /**
   * The playlist as the last write's answer showed it (its stamp and count after every write), when that answer
   * carried it; undefined when the last write answered without it (the caller reads the stamp instead).
   */
  shown: PlaylistInfo | undefined;
}

/**
 * The only Plex writes. Order: create/append new tracks, verify by re-reading, remove old entries,
 * reorder. At every step the playlist holds at least the old or the new list in full; an append is never retried
 * (it is not idempotent): the playlist is re-read instead. The summary is written before the items (after the
 * create), so the last write is an item write whose answer shows Plex's new stamp: no read after the writes. A
 * stop request is honoured between playlists by the caller, never in the middle of this sequence.
 */
export async function applyPlan(plan: PlaylistPlan, options: ApplyOptions): Promise<ApplyResult> {
  if (plan.action === 'skip') throw new Error('applyPlan called with a skip plan');
  const { store, logger } = options;
  const chunks = chunkKeys(plan.toAdd);
  // What the last write's answer showed; every write replaces it, a write answered without it clears it.
  let shown: PlaylistInfo | undefined;
  const wrote = (answer: PlaylistInfo | void): void => {
    shown = answer ?? undefined;
  };

  let ratingKey = options.ratingKey;
  let remainingChunks = chunks;
  if (plan.action === 'create' || ratingKey === undefined) {
    const [first = [], ...rest] = chunks;
    const created = await createOrFind(store, options.title, first, logger);
    ratingKey = created.ratingKey;
    await options.onCreated?.(created);
    remainingChunks = rest;
  }
  const target = ratingKey;
  // A summary that runs ahead of a failed item write is corrected by the next run; the items never are wrong.
  await store.editSummary(target, options.summary);
  wrote(undefined);

  for (const chunk of remainingChunks) {
    try {
      wrote(await store.add(target, chunk));
    } catch (error) {
      // The append may have landed even though the answer was lost: look before deciding.
      const now = await store.items(target);
      const present = new Set(now.map((e) => e.ratingKey));
      if (!chunk.every((k) => present.has(k))) throw error;
      logger.debug(`An append to '${options.title}' reported an error but took effect; continuing.`);
      wrote(undefined);
    }
  }

  let entries: PlaylistEntry[] = plan.toRemove.length || plan.moves.length ? await store.items(target) : [];
  if (plan.toRemove.length || plan.moves.length) {
    const present = new Set(entries.map((e) => e.ratingKey));
    const missing = plan.toAdd.filter((k) => !present.has(k));
    if (missing.length) {
      throw new HarmoniqError({
        code: 'EPLEXREQUEST',
        message: `Plex did not add ${missing.length} of ${plan.toAdd.length} tracks to '${options.title}'; the old tracks were kept.`,
        hint: 'Run the sync again; if it keeps happening, run with LOG_LEVEL=debug and report it.',
        retryable: true,
      });
    }
  }

  let removed = 0;
  const removeIds = new Set(plan.toRemove.map((e) => e.playlistItemId));
  for (const entry of plan.toRemove) {
    wrote(await store.remove(target, entry.playlistItemId));
    removed += 1;
  }
  entries = entries.filter((e) => !removeIds.has(e.playlistItemId));

  let moved = 0;
  if (plan.moves.length) {
    const itemIdOf = new Map<string, string>();
    for (const e of entries) if (!itemIdOf.has(e.ratingKey)) itemIdOf.set(e.ratingKey, e.playlistItemId);
    for (const move of plan.moves) {
      const id = itemIdOf.get(move.ratingKey);
      const after = move.after === undefined ? undefined : itemIdOf.get(move.after);
      if (id === undefined || (move.after !== undefined && after === undefined)) continue;
      wrote(await store.move(target, id, after));
      moved += 1;
    }
  }

  return { ratingKey: target, added: plan.toAdd.length, removed, moved, shown };
}

/**
 * A create is never retried, but its answer can be lost after Plex made the playlist. Left alone, that
 * playlist would be a stranger with our title (refused as a conflict on every later run), so before giving
 * up look for it: our title and exactly the tracks just sent. The caller only creates when no playlist had
 * that title at the start of the run.
 */
async function createOrFind(store: PlaylistStore, title: string, keys: string[], logger: Logger): Promise<PlaylistInfo> {
  try {
    return await store.create(title, keys);
  } catch (error) {
    const found = await findCreated(store, title, keys).catch(() => undefined);
    if (!found) throw error;
    logger.debug(`Creating '${title}' reported an error but the playlist exists (ratingKey ${found.ratingKey}); continuing.`);
    return found;
  }
}

async function findCreated(store: PlaylistStore, title: string, keys: readonly string[]): Promise<PlaylistInfo | undefined> {
  for (const p of await store.list()) {
    if (p.smart || p.title.trim() !== title.trim()) continue;
    const items = (await store.items(p.ratingKey)).map((e) => e.ratingKey);
    if (items.length === keys.length && items.every((k, i) => k === keys[i])) return p;
  }
  return undefined;
}
