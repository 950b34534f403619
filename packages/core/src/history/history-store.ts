import { join } from 'node:path';
import { quarantine, readJsonFile, writeJsonFile } from '../fs/json-file.js';
import type { Logger } from '../logging/logger.js';
import type { SyncReport } from '../pipeline/report.js';
import { appendRun, type HistoryLimits, type RunFacts } from './history-record.js';
import { emptyHistory, type RunHistory } from './history-types.js';

export function historyPath(dataDir: string): string {
  return join(dataDir, 'history.json');
}

/**
 * Reads history.json. A missing file is an empty history; a damaged one is moved aside with a warning (like the
 * state file) when `repair` is set, and only reported otherwise (readers such as `harmoniq history` change nothing).
 */
export async function readHistory(dataDir: string, logger: Logger, options: { repair?: boolean; stamp?: string } = {}): Promise<RunHistory> {
  const path = historyPath(dataDir);
  const read = await readJsonFile<unknown>(path);
  if (read.status === 'missing') return emptyHistory();
  if (read.status === 'ok' && isHistory(read.value)) return read.value;
  const why = read.status === 'corrupt' ? read.error : 'unexpected contents';
  if (!options.repair) {
    logger.warn(`The run history ${path} could not be read (${why}); the next run starts a new one.`);
    return emptyHistory();
  }
  const moved = await quarantine(path, (options.stamp ?? new Date().toISOString()).replace(/[:.]/g, '-'));
  logger.warn(`The run history ${path} could not be read (${why}); starting a new one.${moved ? ` The old file was kept as ${moved}.` : ''}`);
  return emptyHistory();
}

export interface AppendHistoryOptions extends RunFacts {
  dataDir: string;
  limits: HistoryLimits;
  logger: Logger;
  /** Applied to every string of the record before it is written: no secret reaches the file. */
  redactValue: <T>(value: T) => T;
}

/** Appends a run (dry runs are not recorded: they changed nothing) and rewrites the file atomically. */
export async function appendHistory(report: SyncReport, options: AppendHistoryOptions): Promise<RunHistory | undefined> {
  if (report.dryRun) return undefined;
  const previous = await readHistory(options.dataDir, options.logger, { repair: true, stamp: report.finishedAt });
  const next = appendRun(previous, options.redactValue(report), { trigger: options.redactValue(options.trigger), requests: options.requests }, options.limits);
  await writeJsonFile(historyPath(options.dataDir), next, { pretty: false });
  return next;
}

function isHistory(value: unknown): value is RunHistory {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<RunHistory>;
  return v.version === 1 && Array.isArray(v.runs) && typeof v.current === 'object' && v.current !== null && !Array.isArray(v.current);
}
