import type { PlaylistInfo } from '../library/types.js';
import type { Logger } from '../logging/logger.js';
import { applyLook } from '../playlist-look/apply-look.js';
import type { SourceLook } from '../playlist-look/look-options.js';
import type { UploadedPoster } from '../playlist-look/poster-decision.js';
import type { ManagedPlaylist } from '../state/state-store.js';
import type { PlaylistNames } from './name-playlist.js';
import type { RunContext } from './run-context.js';

export interface LookStep {
  ratingKey: string;
  /** Created in this run (it is then named `names.title` already and gets its cover). */
  created: boolean;
  /** The playlist as this run's listing showed it (title and poster before this step); undefined when created. */
  info: PlaylistInfo | undefined;
  names: PlaylistNames;
  look: SourceLook | undefined;
  managed: ManagedPlaylist | undefined;
  logger: Logger;
}

export interface LookResult {
  renamedFrom?: string;
  /** Harmoniq's poster on this playlist after the step, for the state file. */
  poster: UploadedPoster | undefined;
  /** The playlist shows Harmoniq's poster: its recorded thumb may follow what Plex shows after later writes. */
  ours: boolean;
  /** A rename or an upload happened: Plex's stamp of the playlist moved. */
  changed: boolean;
  warnings: string[];
}

/**
 * After the items are written: the rename in place and the cover (a user's poster is never replaced; a failed
 * cover is a warning). Never in a dry run.
 */
export async function giveLook(run: RunContext, step: LookStep): Promise<LookResult> {
  const { managed, info } = step;
  const uploaded = managed?.ratingKey === step.ratingKey ? managed.poster : undefined;
  const outcome = await applyLook({
    store: run.store,
    logger: step.logger,
    ratingKey: step.ratingKey,
    created: step.created,
    ...(renameFrom(step) !== undefined ? { currentTitle: renameFrom(step) } : {}),
    title: step.names.title,
    ...(step.created || info?.thumb === undefined ? {} : { shownPoster: info.thumb }),
    cover: step.names.cover,
    poster: step.look?.poster ?? { mode: 'generate' },
    ...(uploaded ? { uploaded } : {}),
    ...(run.options.makeCover ? { makeCover: run.options.makeCover } : {}),
  });
  const fresh = outcome.uploaded !== uploaded;
  const ours = outcome.uploaded !== undefined && (fresh || (info?.thumb !== undefined && info.thumb === outcome.uploaded.thumb));
  return {
    ...(outcome.renamedFrom !== undefined ? { renamedFrom: outcome.renamedFrom } : {}),
    poster: outcome.uploaded,
    ours,
    changed: outcome.renamedFrom !== undefined || fresh,
    warnings: outcome.warnings,
  };
}

/**
 * The title to rename from, when the configured title (rendered for this run) is not the one Harmoniq gave the
 * playlist last time: a name the user gave the playlist in Plex stays until the configured title changes.
 */
export function renameFrom(step: Pick<LookStep, 'ratingKey' | 'created' | 'info' | 'names' | 'managed'>): string | undefined {
  const { info, managed } = step;
  if (step.created || !info || info.title === step.names.title) return undefined;
  const configuredBefore = managed?.ratingKey === step.ratingKey ? managed.title : undefined;
  return configuredBefore === step.names.title ? undefined : info.title;
}
