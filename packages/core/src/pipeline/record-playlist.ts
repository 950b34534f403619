import type { ManagedPlaylist } from '../state/state-store.js';
import type { RunContext } from './run-context.js';

/** Notes in the state that Harmoniq manages this playlist, and what it last saw it hold. */
export async function recordManaged(
  run: RunContext,
  key: string,
  ratingKey: string,
  title: string,
  seen: Pick<ManagedPlaylist, 'contentHash' | 'plexUpdatedAt' | 'poster'> = {},
): Promise<void> {
  const entry: ManagedPlaylist = { ratingKey, title, server: run.server.machineIdentifier, updatedAt: run.options.clock.now().toISOString() };
  if (seen.contentHash) entry.contentHash = seen.contentHash;
  if (seen.plexUpdatedAt !== undefined) entry.plexUpdatedAt = seen.plexUpdatedAt;
  // The poster Harmoniq uploaded stays known across updates of the same playlist: it is how a user's poster is told apart.
  const previous = run.current.playlists[key];
  const poster = 'poster' in seen ? seen.poster : previous?.ratingKey === ratingKey ? previous.poster : undefined;
  if (poster) entry.poster = poster;
  run.current.playlists[key] = entry;
  await run.state.update((s) => {
    s.playlists[key] = entry;
  });
}
