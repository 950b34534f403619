import { createHash } from 'node:crypto';
import { HarmoniqError } from '../errors/harmoniq-error.js';
import type { PlaylistEntry, PlaylistInfo } from '../library/types.js';
import type { ManagedPlaylist } from '../state/state-store.js';
import type { RunContext } from './run-context.js';

/** Where a draft's playlist lives in Plex, as far as the decision needs to know. Found before anything is decided. */
export type PlaylistTarget =
  /** Harmoniq's own playlist. `entries` is undefined when nobody touched it since it was given `expected`: no read needed. */
  | { kind: 'managed'; info: PlaylistInfo; entries: PlaylistEntry[] | undefined }
  /** A playlist with the configured title that Harmoniq does not manage; `entries` only when the user asked to adopt it. */
  | { kind: 'unmanaged'; info: PlaylistInfo; entries: PlaylistEntry[] | undefined }
  /** No playlist yet; `deleted` names the managed one that someone deleted in Plex. */
  | { kind: 'absent'; deleted?: string };

export interface TargetQuery {
  title: string;
  managed: ManagedPlaylist | undefined;
  /** The list the playlist should hold, when an unchanged playlist may be recognised by its stamp alone. */
  expected: readonly string[] | undefined;
  adopt: boolean;
}

/**
 * Finds the playlist a draft is for. One playlist listing per run serves every source (existence, smartness, and
 * whether anyone edited it); the items are read only when the decision depends on them.
 */
export async function resolveTarget(run: RunContext, query: TargetQuery): Promise<PlaylistTarget> {
  const { managed } = query;
  let deleted: string | undefined;
  if (managed && managed.server === run.server.machineIdentifier) {
    const info = (await run.listPlaylists()).find((p) => p.ratingKey === managed.ratingKey);
    if (info?.smart) throw smartPlaylist(info);
    if (info) {
      const untouched = query.expected !== undefined && untouchedSince(managed, info, query.expected);
      return { kind: 'managed', info, entries: untouched ? undefined : completeItems(info, await run.store.items(info.ratingKey)) };
    }
    deleted = managed.title;
  }
  const same = (await run.listPlaylists()).filter((p) => p.title.trim() === query.title.trim());
  const adoptable = same.find((p) => !p.smart);
  if (adoptable && query.adopt) return { kind: 'unmanaged', info: adoptable, entries: completeItems(adoptable, await run.store.items(adoptable.ratingKey)) };
  if (same.length) return { kind: 'unmanaged', info: adoptable ?? same[0]!, entries: undefined };
  return deleted === undefined ? { kind: 'absent' } : { kind: 'absent', deleted };
}

/** The order-sensitive fingerprint of a track list that the state keeps to recognise an unchanged playlist. */
export function hashKeys(keys: readonly string[]): string {
  return createHash('sha256').update(keys.join('\u0000')).digest('hex').slice(0, 32);
}

/** Nobody changed the playlist since Harmoniq saw it hold `expected`, and `expected` is still the list: no read needed. */
function untouchedSince(managed: ManagedPlaylist, info: PlaylistInfo, expected: readonly string[]): boolean {
  return (
    managed.plexUpdatedAt !== undefined &&
    info.updatedAt === managed.plexUpdatedAt &&
    info.leafCount === expected.length &&
    managed.contentHash === hashKeys(expected)
  );
}

function smartPlaylist(info: PlaylistInfo): HarmoniqError {
  return new HarmoniqError({
    code: 'EPLAYLISTSMART',
    message: `The playlist '${info.title}' (ratingKey ${info.ratingKey}) is a smart playlist; Harmoniq will not edit it.`,
    hint: 'Delete it in Plex or give this source another playlist title; Harmoniq then creates its own.',
  });
}

/**
 * The plan diffs against these entries, so they must be the whole playlist: fewer (or more) than the playlist
 * listing counts would make it add tracks that are already there. Such a view fails this playlist; the next run
 * reads it again.
 */
function completeItems(info: PlaylistInfo, entries: PlaylistEntry[]): PlaylistEntry[] {
  if (info.leafCount === undefined || entries.length === info.leafCount) return entries;
  throw new HarmoniqError({
    code: 'EPLEXINCOMPLETE',
    message: `Plex sent an incomplete view of playlist '${info.title}': the playlist list counts ${info.leafCount} items but its items answer held ${entries.length}. Nothing that depends on it was changed.`,
    hint: 'Run the sync again; it reads everything afresh. If it persists, Plex may be busy or a proxy may be cutting its answers (LOG_LEVEL=debug shows the requests).',
    retryable: true,
  });
}
