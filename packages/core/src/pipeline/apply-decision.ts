import type { Logger } from '../logging/logger.js';
import type { PlaylistStore } from '../library/types.js';
import { applyPlan, type ApplyResult } from './apply-plan.js';
import type { PlaylistDecision } from './decide-playlist.js';
import { playlistSummary } from './playlist-summary.js';
import { hashKeys } from './playlist-target.js';
import { recordManaged } from './record-playlist.js';
import type { RunContext } from './run-context.js';

export interface Applied extends ApplyResult {
  /** Plex's stamp of the playlist after the writes, when it could be read (the next run then need not read the items). */
  stamp: number | undefined;
}

export interface ApplyContext {
  stateKey: string;
  title: string;
  description: string | undefined;
  /** The size the source asked for, for the summary's "n of m found". */
  size: number;
  logger: Logger;
  /** Called once a new playlist exists, before any later write can fail. */
  onCreated: (ratingKey: string) => void;
}

/**
 * The Plex writes of a create or update decision (never called in a dry run), and the state that must follow them at
 * once: a created playlist is recorded as soon as it exists, the content hash and stamp after the last write.
 */
export async function applyDecision(run: RunContext, decision: Extract<PlaylistDecision, { action: 'create' | 'update' }>, ctx: ApplyContext): Promise<Applied> {
  const { plan } = decision;
  const summary = playlistSummary({ description: ctx.description, found: plan.desired.length, wanted: ctx.size, clock: run.options.clock });
  const result = await applyPlan(plan, {
    store: run.store,
    logger: ctx.logger,
    title: ctx.title,
    summary,
    ratingKey: decision.ratingKey,
    onCreated: async (created) => {
      ctx.onCreated(created.ratingKey);
      await recordManaged(run, ctx.stateKey, created.ratingKey, ctx.title);
    },
  });
  // Our writes moved Plex's updatedAt: note the new stamp so the next run need not read the playlist at all.
  const stamp = await stampAfterWrites(run.store, result.ratingKey, plan.desired.length, ctx.logger);
  await recordManaged(run, ctx.stateKey, result.ratingKey, ctx.title, { contentHash: hashKeys(plan.desired), plexUpdatedAt: stamp });
  return { ...result, stamp };
}

/** Plex's stamp of a playlist just written, when it holds the expected count; a failed read only costs a read next run. */
async function stampAfterWrites(store: PlaylistStore, ratingKey: string, count: number, logger: Logger): Promise<number | undefined> {
  try {
    const info = await store.get(ratingKey);
    return info && info.leafCount === count ? info.updatedAt : undefined;
  } catch (error) {
    logger.debug(`Could not read the playlist's new stamp (${(error as Error).message}); the next run reads it once.`);
    return undefined;
  }
}
