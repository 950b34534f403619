import type { PlaylistDraft } from '../contract.js';
import { describeError, HarmoniqError, toHarmoniqError } from '../errors/harmoniq-error.js';
import { createHash } from 'node:crypto';
import type { PlaylistEntry, PlaylistInfo, PlaylistStore } from '../library/types.js';
import type { Logger } from '../logging/logger.js';
import { playlistKey, type ManagedPlaylist } from '../state/state-store.js';
import { applyPlan } from './apply-plan.js';
import { planPlaylist, uniqueTop } from './plan-playlist.js';
import { playlistSummary } from './playlist-summary.js';
import type { CandidateReport, PlannedTrack, PlaylistReport } from './report.js';
import type { ResolvedSource } from './run-source.js';
import type { RunContext } from './run-context.js';
import { describeTrack, matchCandidates } from './match-candidates.js';

export interface PlaylistOutcome {
  report: PlaylistReport;
  warnings: string[];
  error?: HarmoniqError;
}

/** Match, plan and (unless dry-run) apply one draft. Errors are returned, never thrown. */
export async function syncPlaylist(run: RunContext, resolved: ResolvedSource, draft: PlaylistDraft, logger: Logger): Promise<PlaylistOutcome> {
  const started = Date.now();
  const { options } = run;
  const { common } = resolved;
  const title = draft.title;
  const size = draft.size ?? common.size;
  const candidates = matchCandidates(run.matcher, draft.tracks);
  const matched = candidates.filter((c) => c.status === 'matched' && c.ratingKey).map((c) => c.ratingKey as string);
  const found = new Set(matched).size;
  const report: PlaylistReport = {
    key: draft.key,
    title,
    action: 'skipped',
    counts: { candidates: draft.tracks.length, found, missing: candidates.filter((c) => c.status === 'unmatched').length, added: 0, removed: 0, kept: 0, size: 0 },
    durationMs: 0,
    candidates,
  };
  const warnings: string[] = [];
  const done = (extra: Partial<PlaylistOutcome> = {}): PlaylistOutcome => {
    report.durationMs = Date.now() - started;
    return { report, warnings, ...extra };
  };

  const stateKey = playlistKey(resolved.source.name, draft.key, run.user);
  const managed = run.current.playlists[stateKey];
  try {
    if (draft.keepExisting) {
      report.reason = draft.keepExisting.reason;
      report.ratingKey = managed?.ratingKey;
      logger.info(`Kept '${title}' as it is: ${draft.keepExisting.reason}`);
      return done();
    }

    let ratingKey: string | undefined;
    let existing: PlaylistEntry[] | undefined;
    // One playlist listing per run serves every source: existence, smartness, and whether anyone edited it.
    let seen: PlaylistInfo | undefined;
    if (managed && managed.server === run.server.machineIdentifier) {
      seen = (await run.listPlaylists()).find((p) => p.ratingKey === managed.ratingKey);
      if (!seen) {
        logger.warn(`The playlist '${managed.title}' was deleted in Plex; creating it again.`);
      } else if (seen.smart) {
        throw new HarmoniqError({
          code: 'EPLAYLISTSMART',
          message: `The playlist '${seen.title}' (ratingKey ${seen.ratingKey}) is a smart playlist; Harmoniq will not edit it.`,
          hint: 'Delete it in Plex or give this source another playlist title; Harmoniq then creates its own.',
        });
      } else {
        ratingKey = seen.ratingKey;
        const wanted = uniqueTop(matched, size);
        if (common.updateMode === 'replace' && wanted.length >= Math.max(1, common.minTracks) && untouchedSince(managed, seen, wanted)) {
          markUsed(candidates, wanted);
          Object.assign(report, { ratingKey, action: 'unchanged' });
          report.counts.size = report.counts.kept = wanted.length;
          logger.info(`'${title}' is up to date (${wanted.length} tracks, ${found} of ${draft.tracks.length} candidates found).`);
          return done();
        }
        existing = completeItems(seen, await run.store.items(seen.ratingKey));
      }
    }
    if (!ratingKey) {
      const same = (await run.listPlaylists()).filter((p) => p.title.trim() === title.trim());
      const adoptable = same.find((p) => !p.smart);
      if (same.length && !(options.adopt && adoptable)) {
        const conflict = new HarmoniqError({
          code: 'EPLAYLISTCONFLICT',
          message: `A playlist named '${title}' already exists in Plex and Harmoniq does not manage it; it was left untouched.`,
          hint: `Rename it in Plex, set another title for '${resolved.source.name}', or run 'harmoniq sync ${resolved.source.name} --adopt' to let Harmoniq manage it.`,
        });
        report.reason = conflict.message;
        logger.warn(`${conflict.code} ${conflict.message} ${conflict.hint}`);
        warnings.push(conflict.message);
        return done();
      }
      if (adoptable) {
        logger.info(`Adopting the existing playlist '${title}' (ratingKey ${adoptable.ratingKey}).`);
        ratingKey = adoptable.ratingKey;
        existing = completeItems(adoptable, await run.store.items(adoptable.ratingKey));
      }
    }
    report.ratingKey = ratingKey;

    const plan = planPlaylist({ matched, size, minTracks: common.minTracks, mode: common.updateMode, existing });
    markUsed(candidates, plan.desired);
    report.counts.size = plan.desired.length;
    if (plan.action === 'skip') {
      report.reason = plan.reason;
      const message = `Kept '${title}' as it is: ${plan.reason} (${draft.tracks.length} candidates).`;
      logger.warn(message);
      warnings.push(message);
      return done();
    }
    report.counts.added = plan.toAdd.length;
    report.counts.removed = plan.toRemove.length;
    report.counts.kept = plan.kept;

    if (plan.action === 'unchanged') {
      report.action = 'unchanged';
      if (!options.dryRun && ratingKey) await recordManaged(run, stateKey, ratingKey, title, { contentHash: hashKeys(plan.desired), plexUpdatedAt: seen?.updatedAt });
      logger.info(`'${title}' is up to date (${plan.desired.length} tracks, ${found} of ${draft.tracks.length} candidates found).`);
      return done();
    }
    if (options.dryRun) {
      report.action = plan.action === 'create' ? 'would-create' : 'would-update';
      logger.info(`Dry run: '${title}' would be ${plan.action === 'create' ? 'created' : 'updated'}: +${plan.toAdd.length} −${plan.toRemove.length}, ${plan.kept} kept.`);
      // The plan itself is in the report (stdout, --json); the log keeps it for --verbose.
      report.plan = { add: plan.toAdd.map((k) => plannedTrack(run, k)), remove: plan.toRemove.map((e) => plannedTrack(run, e.ratingKey)) };
      for (const k of plan.toAdd) logger.debug(`  + ${describeTrack(run.library.byRatingKey(k), k)}`);
      for (const e of plan.toRemove) logger.debug(`  − ${describeTrack(run.library.byRatingKey(e.ratingKey), e.ratingKey)}`);
      return done();
    }

    const summary = playlistSummary({ description: draft.summary, found: plan.desired.length, wanted: size, clock: options.clock });
    const result = await applyPlan(plan, {
      store: run.store,
      logger,
      title,
      summary,
      ratingKey,
      onCreated: async (created) => {
        report.ratingKey = created.ratingKey;
        await recordManaged(run, stateKey, created.ratingKey, title);
      },
    });
    report.ratingKey = result.ratingKey;
    report.action = plan.action === 'create' ? 'created' : 'updated';
    // Our writes moved Plex's updatedAt: note the new stamp so the next run need not read the playlist at all.
    const stamp = await stampAfterWrites(run.store, result.ratingKey, plan.desired.length, logger);
    await recordManaged(run, stateKey, result.ratingKey, title, { contentHash: hashKeys(plan.desired), plexUpdatedAt: stamp });
    logger.info(
      `${plan.action === 'create' ? 'Created' : 'Updated'} '${title}': ${plan.desired.length} tracks (+${result.added} −${result.removed}, ${plan.kept} kept; ${found} of ${draft.tracks.length} candidates found).`,
    );
    return done();
  } catch (error) {
    const e = toHarmoniqError(error, 'EPLEXREQUEST');
    report.action = 'failed';
    report.reason = e.message;
    const kept = e.fatal ? '' : ' The playlist still holds a complete list; the next run finishes the update.';
    logger.error(`Updating '${title}' failed: ${describeError(e)}${kept}`);
    return done({ error: e });
  }
}

async function recordManaged(
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

function markUsed(candidates: CandidateReport[], desired: readonly string[]): void {
  const wanted = new Set(desired);
  for (const c of candidates) {
    if (c.ratingKey && wanted.has(c.ratingKey)) {
      c.used = true;
      wanted.delete(c.ratingKey);
    }
  }
}

/** Nobody changed the playlist since Harmoniq saw it hold `wanted`, and `wanted` is still the list: no read needed. */
function untouchedSince(managed: ManagedPlaylist, seen: PlaylistInfo, wanted: readonly string[]): boolean {
  return (
    managed.plexUpdatedAt !== undefined &&
    seen.updatedAt === managed.plexUpdatedAt &&
    seen.leafCount === wanted.length &&
    managed.contentHash === hashKeys(wanted)
  );
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

function hashKeys(keys: readonly string[]): string {
  return createHash('sha256').update(keys.join('\u0000')).digest('hex').slice(0, 32);
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

function plannedTrack(run: RunContext, ratingKey: string): PlannedTrack {
  const track = run.library.byRatingKey(ratingKey);
  return track ? { artist: track.artist, title: track.title, ratingKey } : { ratingKey };
}
