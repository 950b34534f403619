import { join } from 'node:path';
import pLimit from 'p-limit';
import type { Clock } from '../clock.js';
import { createSharedRegistry, type PlaylistDraft, type SourceContext } from '../contract.js';
import { describeError, HarmoniqError, toHarmoniqError } from '../errors/harmoniq-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import type { Http } from '../http/http.js';
import type { AnswerCache } from '../cache/answer-cache.js';
import { createLibraryIndex, sonicLookup, type LibraryIndex } from '../library/library-index.js';
import { loadLibrary } from '../library/index-cache.js';
import type { IndexProgress, LibraryReader, PlaylistInfo, PlaylistStore, ServerInfo } from '../library/types.js';
import type { Logger } from '../logging/logger.js';
import type { MatchOverride } from '../config/types.js';
import { createMatcher, type Matcher } from '../match/index.js';
import { createStateStore, type HarmoniqState, type StateStore } from '../state/state-store.js';
import { fetchDrafts, type ResolvedSource } from './run-source.js';
import { syncPlaylist } from './sync-playlist.js';
import type { ErrorReport, SourceReport, SyncReport } from './report.js';

export interface SyncOptions {
  sources: ResolvedSource[];
  reader: LibraryReader;
  store: PlaylistStore;
  libraryName: string;
  dataDir: string;
  logger: Logger;
  http: Http;
  clock: Clock;
  overrides?: MatchOverride[];
  dryRun?: boolean;
  refreshLibrary?: boolean;
  /** Rebuild a cached library index older than this (play counts and ratings change without a library change). */
  indexMaxAgeMs?: number;
  /** Take over an unmanaged playlist that has the configured title, instead of refusing. */
  adopt?: boolean;
  signal?: AbortSignal;
  /** Sources fetched at once (they talk to different services). */
  fetchConcurrency?: number;
  onIndexProgress?: (p: IndexProgress) => void;
  /** Service answers kept between runs, handed to every source; saved once the sources have fetched. */
  answers?: AnswerCache;
}

/** What every playlist of a run shares. */
export interface RunContext {
  options: SyncOptions;
  server: ServerInfo;
  library: LibraryIndex;
  matcher: Matcher;
  state: StateStore;
  current: HarmoniqState;
  /** Audio playlists on the server, listed once per run and only when needed. */
  listPlaylists: () => Promise<PlaylistInfo[]>;
}

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
    let listed: Promise<PlaylistInfo[]> | undefined;
    run = {
      options,
      server: loaded.server,
      library: createLibraryIndex(loaded.tracks, sonicLookup(options.reader, loaded.section.id)),
      matcher: createMatcher(loaded.tracks, { overrides: options.overrides ?? [] }),
      state,
      current,
      // A failed listing is not remembered: the next source asks again.
      listPlaylists: () =>
        (listed ??= options.store.list().catch((error: unknown) => {
          listed = undefined;
          throw error;
        })),
    };
    logger.debug(`Library index ready: ${loaded.tracks.length} tracks${loaded.fromCache ? ' (from cache)' : ''}.`);
    const sources = await runSources(run);
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

async function runSources(run: RunContext): Promise<SourceReport[]> {
  const { options } = run;
  const limit = pLimit(options.fetchConcurrency ?? 3);
  const signal = options.signal ?? new AbortController().signal;
  const shared = createSharedRegistry();
  const fetches = options.sources.map((resolved) => {
    const ctx: SourceContext = {
      logger: options.logger.child(resolved.source.name),
      http: options.http,
      limit: pLimit(4),
      clock: options.clock,
      library: run.library,
      signal,
      dataDir: join(options.dataDir, 'sources', resolved.source.name),
      common: resolved.common,
      shared,
      ...(options.answers ? { answers: options.answers } : {}),
    };
    const started = Date.now();
    return { resolved, ctx, started, drafts: limit(() => fetchDrafts(resolved, ctx)) };
  });
  // Fetch failures are handled below, per source; keep them from surfacing as unhandled rejections meanwhile.
  for (const f of fetches) f.drafts.catch(() => undefined);
  // Answers are saved once every source has fetched, whatever the outcome: one write per run.
  const saved = Promise.allSettled(fetches.map((f) => f.drafts)).then(() => options.answers?.flush());

  const reports: SourceReport[] = [];
  let fatal: HarmoniqError | undefined;
  for (const { resolved, ctx, started, drafts } of fetches) {
    const name = resolved.source.name;
    const report: SourceReport = { source: name, ok: true, warnings: [], durationMs: 0, playlists: [] };
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
  try {
    await run.state.update((s) => {
      s.sources[name] = { at: run.options.clock.now().toISOString(), ok: report.ok, ...(report.error ? { error: { code: report.error.code, message: report.error.message } } : {}) };
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
