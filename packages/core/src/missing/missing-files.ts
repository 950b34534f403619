import { join } from 'node:path';
import { readJsonFile, writeJsonFile, writeTextFile } from '../fs/json-file.js';
import type { Logger } from '../logging/logger.js';
import type { SyncReport } from '../pipeline/report.js';
import { missingToCsv, missingToLidarr } from './missing-formats.js';
import { emptyMissingReport, mergeMissing, type MissingReport } from './missing-report.js';

export interface MissingPaths {
  json: string;
  csv: string;
  lidarr: string;
}

/** missing-tracks.json (+ .csv) and lidarr-import.json beside it; the JSON path is configurable. */
export function missingPaths(dataDir: string, jsonPath?: string): MissingPaths {
  const json = jsonPath ?? join(dataDir, 'missing-tracks.json');
  const stem = json.replace(/\.json$/i, '');
  return { json, csv: `${stem}.csv`, lidarr: join(json, '..', 'lidarr-import.json') };
}

export async function readMissingReport(paths: MissingPaths, logger: Logger): Promise<MissingReport> {
  const read = await readJsonFile<MissingReport>(paths.json);
  if (read.status === 'ok' && read.value?.version === 1 && Array.isArray(read.value.tracks)) return read.value;
  if (read.status !== 'missing') logger.warn(`The missing-tracks report ${paths.json} was unreadable; starting a new one.`);
  return emptyMissingReport();
}

/** Merges this run into the report and rewrites the three files atomically. Dry runs write nothing. */
export async function writeMissingReports(paths: MissingPaths, run: SyncReport, logger: Logger): Promise<MissingReport | undefined> {
  if (run.dryRun || !run.sources.length) return undefined;
  const merged = mergeMissing(await readMissingReport(paths, logger), run);
  await writeJsonFile(paths.json, merged);
  await writeTextFile(paths.csv, missingToCsv(merged));
  await writeJsonFile(paths.lidarr, missingToLidarr(merged));
  logger.info(`${merged.tracks.length} wanted tracks are not in your library: ${paths.json} (Lidarr list: ${paths.lidarr}).`);
  return merged;
}
