import type { PlaylistDraft } from '../contract.js';
import { describeError, type HarmoniqError, toHarmoniqError } from '../errors/harmoniq-error.js';
import type { Logger } from '../logging/logger.js';
import { playlistKey } from '../state/state-store.js';
import { applyDecision, followShown, stampAfterWrites } from './apply-decision.js';
import { applyExclusions } from './exclude-candidates.js';
import { giveLook, renameFrom, type LookStep } from './give-look.js';
import { namePlaylistDraft, type PlaylistNames } from './name-playlist.js';
import { decidePlaylist, expectedContent, type PlaylistDecision } from './decide-playlist.js';
import { describeTrack, matchCandidates } from './match-candidates.js';
import { hashKeys, resolveTarget } from './playlist-target.js';
import { recordManaged } from './record-playlist.js';
import type { CandidateReport, PlannedTrack, PlaylistReport } from './report.js';
import type { RunContext } from './run-context.js';
import type { ResolvedSource } from '../sources/run-steps.js';

export interface PlaylistOutcome {
  report: PlaylistReport;
  warnings: string[];
  error?: HarmoniqError;
}

/**
 * One draft's playlist: match → resolve the target → decide (pure) → apply (unless dry-run) → record.
 * Errors are returned, never thrown.
 */
export async function syncPlaylist(run: RunContext, resolved: ResolvedSource, draft: PlaylistDraft, logger: Logger): Promise<PlaylistOutcome> {
  const started = Date.now();
  const { common } = resolved;
  const size = draft.size ?? common.size;
  const names = namePlaylistDraft(run, resolved.source, common.playlist, common.look, draft);
  const candidates = matchCandidates(run.matcher, draft.tracks);
  // Excluded candidates leave before the plan, so the playlist fills to its size from the next ones.
  const excluded = applyExclusions(candidates, { rules: common.look?.exclude, library: run.library, matcher: run.matcher, size, ...(draft.reserve ? { reserve: draft.reserve } : {}) });
  const matched = candidates.filter((c) => c.status === 'matched' && c.ratingKey).map((c) => c.ratingKey as string);
  const report: PlaylistReport = {
    key: draft.key,
    title: names.title,
    action: 'skipped',
    counts: { candidates: candidates.length, found: new Set(matched).size, missing: candidates.filter((c) => c.status === 'unmatched').length, excluded, added: 0, removed: 0, kept: 0, size: 0 },
    durationMs: 0,
    candidates,
  };
  const outcome: PlaylistOutcome = { report, warnings: [] };
  const stateKey = playlistKey(resolved.source.name, draft.key, run.user);
  const managed = run.current.playlists[stateKey];
  try {
    const target = draft.keepExisting
      ? undefined
      : await resolveTarget(run, { title: names.title, managed, expected: expectedContent(matched, size, common), adopt: run.options.adopt ?? false });
    if (target?.kind === 'absent' && target.deleted !== undefined) logger.warn(`The playlist '${target.deleted}' was deleted in Plex; creating it again.`);
    if (target?.kind === 'unmanaged' && target.entries) logger.info(`Adopting the existing playlist '${names.title}' (ratingKey ${target.info.ratingKey}).`);
    const decision = decidePlaylist({ source: resolved.source.name, title: names.title, matched, size, common, target, ...(draft.keepExisting ? { keepExisting: draft.keepExisting } : {}) });
    if (decision.action === 'keep') report.ratingKey = managed?.ratingKey;
    const look = (ratingKey: string, created: boolean): LookStep => ({
      ratingKey,
      created,
      info: target && target.kind !== 'absent' ? target.info : undefined,
      names,
      look: common.look,
      managed,
      logger,
    });
    await carryOut(run, decision, { outcome, stateKey, draft, names, size, logger, look });
  } catch (error) {
    const e = toHarmoniqError(error, 'EPLEXREQUEST');
    report.action = 'failed';
    report.reason = e.message;
    const kept = e.fatal ? '' : ' The playlist still holds a complete list; the next run finishes the update.';
    logger.error(`Updating '${names.title}' failed: ${describeError(e)}${kept}`);
    outcome.error = e;
  }
  report.durationMs = Date.now() - started;
  return outcome;
}

interface Step {
  outcome: PlaylistOutcome;
  stateKey: string;
  draft: PlaylistDraft;
  names: PlaylistNames;
  size: number;
  logger: Logger;
  /** What the look step needs for the playlist with this ratingKey. */
  look: (ratingKey: string, created: boolean) => LookStep;
}

/** Applies the decision (writes only outside a dry run), records it in the state and tells the user. */
async function carryOut(run: RunContext, decision: PlaylistDecision, step: Step): Promise<void> {
  const { report, warnings } = step.outcome;
  const { logger, draft } = step;
  const title = step.names.title;
  const found = `${report.counts.found} of ${report.counts.candidates} candidates found`;
  switch (decision.action) {
    case 'keep':
      report.reason = decision.reason;
      logger.info(`Kept '${title}' as it is: ${decision.reason}`);
      return;
    case 'conflict': {
      const { error } = decision;
      report.reason = error.message;
      logger.warn(`${error.code} ${error.message} ${error.hint}`);
      warnings.push(error.message);
      return;
    }
    case 'skip': {
      report.ratingKey = decision.ratingKey;
      markUsed(report.candidates, decision.desired);
      report.counts.size = decision.desired.length;
      report.reason = decision.reason;
      const message = `Kept '${title}' as it is: ${decision.reason} (${report.counts.candidates} candidates).`;
      logger.warn(message);
      warnings.push(message);
      return;
    }
    case 'unchanged':
      report.ratingKey = decision.ratingKey;
      report.action = 'unchanged';
      markUsed(report.candidates, decision.desired);
      report.counts.size = decision.desired.length;
      report.counts.kept = decision.kept;
      if (run.options.dryRun) {
        dryRunLook(step, logger);
        logger.info(`'${title}' is up to date (${decision.desired.length} tracks, ${found}).`);
        return;
      }
      await lookOfUnchanged(run, decision, step);
      logger.info(`'${title}' is up to date (${decision.desired.length} tracks, ${found}).`);
      return;
    case 'create':
    case 'update': {
      const { plan } = decision;
      report.ratingKey = decision.ratingKey;
      markUsed(report.candidates, plan.desired);
      Object.assign(report.counts, { size: plan.desired.length, added: plan.toAdd.length, removed: plan.toRemove.length, kept: plan.kept });
      if (run.options.dryRun) {
        report.action = decision.action === 'create' ? 'would-create' : 'would-update';
        logger.info(`Dry run: '${title}' would be ${decision.action === 'create' ? 'created' : 'updated'}: +${plan.toAdd.length} −${plan.toRemove.length}, ${plan.kept} kept.`);
        // The plan itself is in the report (stdout, --json); the log keeps it for --verbose.
        report.plan = { add: plan.toAdd.map((k) => plannedTrack(run, k)), remove: plan.toRemove.map((e) => plannedTrack(run, e.ratingKey)) };
        for (const k of plan.toAdd) logger.debug(`  + ${describeTrack(run.library.byRatingKey(k), k)}`);
        for (const e of plan.toRemove) logger.debug(`  − ${describeTrack(run.library.byRatingKey(e.ratingKey), e.ratingKey)}`);
        if (decision.action === 'update') dryRunLook(step, logger);
        return;
      }
      const applied = await applyDecision(run, decision, {
        stateKey: step.stateKey,
        title,
        description: draft.summary,
        ...(step.names.summary !== undefined ? { summary: step.names.summary } : {}),
        size: step.size,
        logger,
        onCreated: (ratingKey) => {
          report.ratingKey = ratingKey;
        },
        afterWrites: async (ratingKey, created) => {
          const result = await giveLook(run, step.look(ratingKey, created));
          if (result.renamedFrom !== undefined) report.renamedFrom = result.renamedFrom;
          warnings.push(...result.warnings);
          return result;
        },
      });
      report.ratingKey = applied.ratingKey;
      report.action = decision.action === 'create' ? 'created' : 'updated';
      logger.info(
        `${decision.action === 'create' ? 'Created' : 'Updated'} '${title}': ${plan.desired.length} tracks (+${applied.added} −${applied.removed}, ${plan.kept} kept; ${found}).`,
      );
    }
  }
}

/**
 * An unchanged playlist may still need its new name (a changed title, Daily Flow's next window) or its cover; either
 * moves Plex's stamp, so the stamp is read again and recorded, and the next run still needs no read.
 */
async function lookOfUnchanged(run: RunContext, decision: Extract<PlaylistDecision, { action: 'unchanged' }>, step: Step): Promise<void> {
  const { report, warnings } = step.outcome;
  const result = await giveLook(run, step.look(decision.ratingKey, false));
  if (result.renamedFrom !== undefined) report.renamedFrom = result.renamedFrom;
  warnings.push(...result.warnings);
  if (!result.changed && !decision.read) return;
  const after = result.changed ? await stampAfterWrites(run.store, decision.ratingKey, decision.desired.length, step.logger) : undefined;
  await recordManaged(run, step.stateKey, decision.ratingKey, step.names.title, {
    contentHash: hashKeys(decision.desired),
    plexUpdatedAt: result.changed ? after?.stamp : decision.stamp,
    poster: followShown(result, after?.thumb),
  });
}

/** A dry run says what the look step would rename; covers are decided only when written. */
function dryRunLook(step: Step, logger: Logger): void {
  const target = step.look('', false);
  const from = renameFrom({ ...target, ratingKey: target.info?.ratingKey ?? '' });
  if (from !== undefined) logger.info(`Dry run: '${from}' would be renamed to '${step.names.title}' (same playlist).`);
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

function plannedTrack(run: RunContext, ratingKey: string): PlannedTrack {
  const track = run.library.byRatingKey(ratingKey);
  return track ? { artist: track.artist, title: track.title, ratingKey } : { ratingKey };
}
