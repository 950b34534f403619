import type { Logger } from '../logging/logger.js';
import type { PlaylistInfo, PlaylistStore } from '../library/types.js';
import { applyPlan, type ApplyResult } from './apply-plan.js';
import type { PlaylistDecision } from './decide-playlist.js';
import { playlistSummary } from './playlist-summary.js';
import { hashKeys } from './playlist-target.js';
import { recordManaged } from './record-playlist.js';
import type { RunContext } from './run-context.js';
import type { LookResult } from './give-look.js';
import type { UploadedPoster } from '../playlist-look/poster-decision.js';

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
  /** The description from PLAYLIST_SUMMARY_TEMPLATE; undefined: the source's text and the counts. */
  summary?: string;
  /**
   * After the items are written and before Plex's stamp is read: the rename and the cover, which move the stamp too
   * (read before them, the next run would see a stamp it does not know and read the playlist again).
   */
  afterWrites?: (ratingKey: string, created: boolean) => Promise<Pick<LookResult, 'poster' | 'ours' | 'changed'>>;
}

/**
 * The Plex writes of a create or update decision (never called in a dry run), and the state that must follow them at
 * once: a created playlist is recorded as soon as it exists, the content hash and stamp after the last write.
 */
export async function applyDecision(run: RunContext, decision: Extract<PlaylistDecision, { action: 'create' | 'update' }>, ctx: ApplyContext): Promise<Applied> {
  const { plan } = decision;
  const summary = ctx.summary ?? playlistSummary({ description: ctx.description, found: plan.desired.length, wanted: ctx.size, clock: run.options.clock });
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
  const look = ctx.afterWrites ? await ctx.afterWrites(result.ratingKey, decision.action === 'create') : undefined;
  // Our writes moved Plex's updatedAt: note the new stamp so the next run need not read the playlist at all. The last
  // item write's answer shows it, unless a rename or cover moved it since (or that answer did not carry it).
  const after =
    result.shown && !look?.changed ? shownAfterWrites(result.shown, plan.desired.length) : await stampAfterWrites(run.store, result.ratingKey, plan.desired.length, ctx.logger);
  await recordManaged(run, ctx.stateKey, result.ratingKey, ctx.title, {
    contentHash: hashKeys(plan.desired),
    plexUpdatedAt: after?.stamp,
    ...(look ? { poster: followShown(look, after?.thumb) } : {}),
  });
  return { ...result, stamp: after?.stamp };
}

/**
 * Harmoniq's poster as Plex shows it after the writes: should Plex restamp a poster's thumb when the playlist changes,
 * the state follows, so the next run still knows the poster is Harmoniq's own.
 */
export function followShown(look: Pick<LookResult, 'poster' | 'ours'>, thumb: string | undefined): UploadedPoster | undefined {
  return look.poster && look.ours && thumb !== undefined ? { ...look.poster, thumb } : look.poster;
}

/** Plex's stamp (and shown poster) of a playlist just written; the stamp only when it holds the expected count. A failed read only costs a read next run. */
export async function stampAfterWrites(store: PlaylistStore, ratingKey: string, count: number, logger: Logger): Promise<{ stamp: number | undefined; thumb: string | undefined } | undefined> {
  try {
    const info = await store.get(ratingKey);
    return info ? shownAfterWrites(info, count) : undefined;
  } catch (error) {
    logger.debug(`Could not read the playlist's new stamp (${(error as Error).message}); the next run reads it once.`);
    return undefined;
  }
}

/** The stamp and poster a playlist shows after the writes; the stamp only when it holds the expected count. */
function shownAfterWrites(info: PlaylistInfo, count: number): { stamp: number | undefined; thumb: string | undefined } {
  return { stamp: info.leafCount === count ? info.updatedAt : undefined, thumb: info.thumb };
}
