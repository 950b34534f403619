import { createAnswerCache, ensureWritableDir, missingPaths, notifyRun, runSync, writeMissingReports, type ResolvedSource, type SyncReport } from '@harmoniq/core/pipeline';
import { countRequests } from './count-requests.js';
import { drawCover } from './covers/load-covers.js';
import { householdTargets, type UserPlan } from './household.js';
import { recordHistory } from './record-history.js';
import { progressReporter } from './render/progress.js';
import { plexClient, type Runtime } from './runtime.js';
import { acquireRunLock } from './run-lock.js';
import { isolateSources } from './plugins/isolate-sources.js';

export interface RunFlags {
  dryRun?: boolean;
  refreshLibrary?: boolean;
  /** Ignore cached service answers (they are replaced by this run's). */
  refreshSources?: boolean;
  adopt?: boolean;
  /** Seconds to wait for another run's lock. */
  waitSeconds?: number;
  signal?: AbortSignal;
  /** What started the run, for the history: `sync` unless the daemon says otherwise. */
  trigger?: string;
  /** Household users and the sources each gets (their playlists follow the owner's). */
  household?: readonly UserPlan[];
}

/** One sync under the run lock, followed by the missing-tracks files and the notification. Used by `sync` and `daemon`. */
export async function performSync(rt: Runtime, chosen: ResolvedSource[], flags: RunFlags): Promise<SyncReport> {
  // Third-party and custom code runs in the plugin boundary, for the owner and every household user alike.
  const sources = isolateSources(rt, chosen);
  const household = (flags.household ?? []).map((plan) => ({ ...plan, sources: isolateSources(rt, plan.sources) }));
  const counter = countRequests(rt.http, rt.config.plex.url);
  const plex = plexClient({ ...rt, http: counter.http });
  await ensureWritableDir(rt.config.dataDir);
  const release = flags.dryRun ? async () => undefined : await acquireRunLock({ dataDir: rt.config.dataDir, waitMs: (flags.waitSeconds ?? 0) * 1000, logger: rt.logger });
  try {
    rt.logger.info(`Syncing ${sources.map((s) => s.source.name).join(', ')}${flags.dryRun ? ' (dry run)' : ''}.`);
    const report = await runSync({
      sources,
      targets: await householdTargets({ ...rt, http: counter.http }, household),
      reader: plex,
      store: plex,
      libraryName: rt.config.plex.library,
      dataDir: rt.config.dataDir,
      logger: rt.logger,
      http: counter.http,
      clock: rt.clock,
      overrides: rt.config.matching.overrides,
      dryRun: flags.dryRun,
      refreshLibrary: flags.refreshLibrary,
      indexMaxAgeMs: rt.config.plex.indexMaxAgeHours * 3_600_000,
      adopt: flags.adopt,
      signal: flags.signal,
      onIndexProgress: progressReporter(rt),
      answers: answerCache(rt, flags),
      makeCover: drawCover,
    });
    await afterSync(rt, report);
    await recordHistory(rt, report, { trigger: flags.trigger ?? 'sync', requests: counter.counts() });
    return report;
  } finally {
    await release();
  }
}

/** The data directory's service answer cache, as SERVICE_CACHE_MAX_AGE_HOURS and --refresh-sources say. */
function answerCache(rt: Runtime, flags: RunFlags) {
  const hours = rt.config.serviceCacheMaxAgeHours;
  return createAnswerCache({
    dataDir: rt.config.dataDir,
    logger: rt.logger,
    now: () => rt.clock.now().getTime(),
    ...(flags.refreshSources ? { refresh: true } : {}),
    ...(hours !== undefined ? { maxAgeMs: hours * 3_600_000 } : {}),
  });
}

/** The missing-tracks files and the optional notification. Neither can fail the sync. */
async function afterSync(rt: Runtime, report: SyncReport): Promise<void> {
  try {
    await writeMissingReports(missingPaths(rt.config.dataDir, rt.config.env.MISSING_TRACKS_PATH), report, rt.logger);
  } catch (error) {
    rt.logger.warn(`The missing-tracks report could not be written: ${(error as Error).message}`);
  }
  const { webhookUrl, on, format } = rt.config.notify;
  if (!webhookUrl) return;
  await notifyRun(report, { webhookUrl, on, format }, rt.http, rt.logger);
}
