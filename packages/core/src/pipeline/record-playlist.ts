import type { ManagedPlaylist } from '../state/state-store.js';
import type { RunContext } from './run-context.js';

/** Notes in the state that Harmoniq manages this playlist, and what it last saw it hold. */
export async function recordManaged(
  run: RunContext,
  key: string,
  ratingKey: string,
  title: string,
  seen: Pick<ManagedPlaylist, 'contentHash' | 'plexUpdatedAt'> = {},
): Promise<void> {
  const entry: ManagedPlaylist = { ratingKey, title, server: run.server.machineIdentifier, updatedAt: run.options.clock.now().toISOString() };
  if (seen.contentHash) entry.contentHash = seen.contentHash;
  if (seen.plexUpdatedAt !== undefined) entry.plexUpdatedAt = seen.plexUpdatedAt;
  run.current.playlists[key] = entry;
  await run.state.update((s) => {
    s.playlists[key] = entry;
  });
}
