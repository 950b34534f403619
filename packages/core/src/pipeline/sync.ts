import { join } from 'node:path';
import pLimit from 'p-limit';
import type { Clock } from '../clock.js';
import { createSharedRegistry, type PlaylistDraft } from '../contract.js';
import { createSourceContext } from '../sources/source-context.js';
import { describeError, HarmoniqError, toHarmoniqError } from '../errors/harmoniq-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import type { Http } from '../http/http.js';
import type { AnswerCache } from '../cache/answer-cache.js';
import { createLibraryIndex, sonicLookup, type LibraryIndex } from '../library/library-index.js';
import { loadLibrary } from '../library/index-cache.js';
import type { IndexProgress, LibraryReader, PlaylistInfo, PlaylistStore, ServerInfo } from '../library/types.js';
import type { Logger } from '../logging/logger.js';
import type { MatchOverride } from '../config/types.js';
import { openCachedMatcher } from '../cache/match-results-cache.js';
import { createStateStore, type HarmoniqState, type StateStore } from '../state/state-store.js';
import { fetchDrafts, type ResolvedSource } from './run-source.js';
import { syncPlaylist } from './sync-playlist.js';
import type { ErrorReport, SourceReport, SyncReport } from './report.js';

export type { RunContext, SyncOptions, SyncTarget } from './run-context.js';
import type { RunContext, SyncOptions, SyncTarget } from './run-context.js';

/** fetch → match → plan → apply for every source. Never throws: everything ends up in the report. */
export async function runSync(options: SyncOptions): Promise<SyncReport> {
  const { logger, clock } = options;
  const started = clock.now();
  const state = createStateStore(options.dataDir, logger);
  const finish = (fields: Partial<SyncReport> & Pick<SyncReport, 'sources' | 'exitCode'>): SyncReport => {
    const finished = clock.now();
    return {
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - started.getTime(),
      dryRun: options.dryRun ?? false,
      ok: fields.exitCode === ExitCode.ok,
      ...fields,
    };
  };

  let run: RunContext;
  try {
    const current = await state.load();
    const loaded = await loadLibrary({
      reader: options.reader,
      sectionTitle: options.libraryName,
      dataDir: options.dataDir,
      logger,
      refresh: options.refreshLibrary,
      maxAgeMs: options.indexMaxAgeMs,
      onProgress: options.onIndexProgress,
    });
    const library = createLibraryIndex(loaded.tracks, sonicLookup(options.reader, loaded.section.id));
    // Built only if a candidate was not decided before (cache/match-results-cache.ts).
    const matching = await openCachedMatcher({
      dataDir: options.dataDir,
      machineIdentifier: loaded.server.machineIdentifier,
      sectionId: loaded.section.id,
      tracks: loaded.tracks,
      byRatingKey: library.byRatingKey,
      libraryVersion: loaded.version,
      overrides: options.overrides ?? [],
      fromCache: loaded.fromCache,
      logger,
    });
    run = {
      options,
      server: loaded.server,
      library,
      matcher: matching.matcher,
      state,
      current,
      store: options.store,
      listPlaylists: listOnce(options.store),
      fetched: new Map(),
    };
    logger.debug(`Library index ready: ${loaded.tracks.length} tracks${loaded.fromCache ? ' (from cache)' : ''}.`);
    const sources = await runSources(run, options.sources);
    for (const target of options.targets ?? []) sources.push(...(await runTarget(run, target)));
    await matching.flush();
    const failed = sources.some((s) => !s.ok);
    const fatal = sources.find((s) => s.error && isFatalCode(s.error.code));
    const exitCode = fatal ? ExitCode.plex : failed ? ExitCode.sourceFailed : ExitCode.ok;
    const report = finish({
      sources,
      exitCode,
      library: { server: loaded.server.name ?? loaded.server.machineIdentifier, section: loaded.section.title, tracks: loaded.tracks.length, fromCache: loaded.fromCache },
    });
    await recordRun(state, report, logger);
    return report;
  } catch (error) {
    const e = toHarmoniqError(error, 'EPLEXREQUEST');
    logger.error(oneLine(e));
    const report = finish({ sources: [], exitCode: e.exitCode, error: errorReport(e) });
    await recordRun(state, report, logger);
    return report;
  }
}

/** The audio playlists of one account, listed once per run; a failed listing is not remembered (the next source asks again). */
function listOnce(store: PlaylistStore): () => Promise<PlaylistInfo[]> {
  let listed: Promise<PlaylistInfo[]> | undefined;
  return () =>
    (listed ??= store.list().catch((error: unknown) => {
      listed = undefined;
      throw error;
    }));
}

/**
 * One household user's playlists. A refused token is refreshed once; after that, and for any problem resolving the
 * user, that user's playlists fail alone (EPLEXUSER, exit 1) and nobody else's are touched.
 */
async function runTarget(owner: RunContext, target: SyncTarget): Promise<SourceReport[]> {
  let store = await target.open(owner.server, false);
  for (let attempt = 0; ; attempt += 1) {
    if (store instanceof HarmoniqError) {
      const e = store;
      owner.options.logger.error(oneLine(e));
      return target.sources.map((r) => ({ source: r.source.name, user: target.user, ok: false, error: errorReport(e), warnings: [], durationMs: 0, playlists: [] }));
    }
    const run: RunContext = { ...owner, store, user: target.user, listPlaylists: listOnce(store) };
    const reports = await runSources(run, target.sources);
    const refused = reports.some((r) => r.error?.code === 'EPLEXAUTH');
    if (!refused) return reports;
    if (attempt > 0) return reports.map((r) => (r.error?.code === 'EPLEXAUTH' ? { ...r, error: refusedToken(target.user) } : r));
    owner.options.logger.warn(`Plex refused the server token of household user '${target.user}'; asking plex.tv for a fresh one.`);
    store = await target.open(owner.server, true);
  }
}

function refusedToken(user: string): ErrorReport {
  return errorReport(
    new HarmoniqError({
      code: 'EPLEXUSER',
      message: `Household user '${user}': Plex refused their server token, also after it was refreshed from plex.tv.`,
      hint: 'Check in Plex (Settings → Users & Sharing) that the server is still shared with them.',
    }),
  );
}

/** Identical configurations fetch once; a configuration that cannot be written as JSON is never shared. */
function fetchKey(resolved: ResolvedSource): string | undefined {
  try {
    return `${resolved.source.name}\u0000${JSON.stringify([resolved.options, resolved.common])}`;
  } catch {
    return undefined;
  }
}

async function runSources(run: RunContext, sources: readonly ResolvedSource[]): Promise<SourceReport[]> {
  const { options } = run;
  const limit = pLimit(options.fetchConcurrency ?? 3);
  const signal = options.signal ?? new AbortController().signal;
  const shared = createSharedRegistry();
  const home = run.user === undefined ? options.dataDir : join(options.dataDir, 'users', encodeURIComponent(run.user.toLowerCase()));
  const fetches = sources.map((resolved) => {
    const ctx = createSourceContext({
      source: resolved.source.name,
      logger: options.logger.child(run.user === undefined ? resolved.source.name : `${resolved.source.name} @${run.user}`),
      ownLogger: true,
      http: options.http,
      clock: options.clock,
      library: run.library,
      signal,
      dataDir: home,
      common: resolved.common,
      shared,
      ...(options.answers ? { answers: options.answers } : {}),
      dryRun: options.dryRun ?? false,
    });
    const started = Date.now();
    const key = fetchKey(resolved);
    const known = key === undefined ? undefined : run.fetched.get(key);
    const drafts = known ?? limit(() => fetchDrafts(resolved, ctx));
    if (key !== undefined && !known) run.fetched.set(key, drafts);
    return { resolved, ctx, started, drafts };
  });
  // Fetch failures are handled below, per source; keep them from surfacing as unhandled rejections meanwhile.
  for (const f of fetches) f.drafts.catch(() => undefined);
  // Answers are saved once every source has fetched, whatever the outcome: one write per run.
  const saved = Promise.allSettled(fetches.map((f) => f.drafts)).then(() => options.answers?.flush());

  const reports: SourceReport[] = [];
  let fatal: HarmoniqError | undefined;
  for (const { resolved, ctx, started, drafts } of fetches) {
    const name = resolved.source.name;
    const report: SourceReport = { source: name, ...(run.user === undefined ? {} : { user: run.user }), ok: true, warnings: [], durationMs: 0, playlists: [] };
    reports.push(report);
    if (fatal) {
      fail(report, fatal);
      continue;
    }
    if (signal.aborted) {
      fail(report, new HarmoniqError({ code: 'EABORTED', message: 'The run was stopped before this source was synced; its playlist was left as it is.' }));
      continue;
    }
    let list: PlaylistDraft[];
    try {
      list = await drafts;
    } catch (error) {
      const e = toHarmoniqError(error, 'ESOURCE');
      ctx.logger.error(`${oneLine(e)} The playlist was left as it is.`);
      fail(report, e);
      await recordSource(run, name, report);
      continue;
    }
    for (const draft of list) {
      if (signal.aborted) break;
      const outcome = await syncPlaylist(run, resolved, draft, ctx.logger);
      report.playlists.push(outcome.report);
      report.warnings.push(...outcome.warnings);
      if (outcome.error) {
        fail(report, outcome.error);
        if (outcome.error.fatal) {
          fatal = outcome.error;
          break;
        }
      }
    }
    report.durationMs = Date.now() - started;
    await recordSource(run, name, report);
  }
  await saved;
  return reports;
}

function fail(report: SourceReport, error: HarmoniqError): void {
  report.ok = false;
  report.error ??= errorReport(error);
}

async function recordSource(run: RunContext, name: string, report: SourceReport): Promise<void> {
  if (run.options.dryRun) return;
  const key = run.user === undefined ? name : `@${run.user.toLowerCase()}/${name}`;
  try {
    await run.state.update((s) => {
      s.sources[key] = { at: run.options.clock.now().toISOString(), ok: report.ok, ...(report.error ? { error: { code: report.error.code, message: report.error.message } } : {}) };
    });
  } catch (error) {
    run.options.logger.warn(oneLine(toHarmoniqError(error, 'ESTATE')));
  }
}

async function recordRun(state: StateStore, report: SyncReport, logger: Logger): Promise<void> {
  if (report.dryRun) return;
  try {
    await state.update((s) => {
      s.lastRun = { startedAt: report.startedAt, finishedAt: report.finishedAt, ok: report.ok, exitCode: report.exitCode, summary: summaryLine(report) };
    });
  } catch (error) {
    logger.warn(oneLine(toHarmoniqError(error, 'ESTATE')));
  }
}

export function summaryLine(report: SyncReport): string {
  if (report.error) return `failed: ${report.error.message}`;
  const ok = report.sources.filter((s) => s.ok).length;
  return `${ok} of ${report.sources.length} sources ok`;
}

export function errorReport(e: HarmoniqError): ErrorReport {
  return { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
}

/** `CODE message (fix)`: how an expected error is shown to a user. */
export function oneLine(e: HarmoniqError): string {
  return describeError(e);
}

function isFatalCode(code: string): boolean {
  return code === 'EPLEXAUTH' || code === 'EPLEXUNREACHABLE';
}
