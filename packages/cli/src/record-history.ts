import { appendHistory, type RunHistory, type SyncReport } from '@harmoniq/core/pipeline';
import type { Runtime } from './runtime.js';

/** Appends the run to history.json. Like the missing-tracks files, a failure here is a warning, never a failed sync. */
export async function recordHistory(
  rt: Runtime,
  report: SyncReport,
  facts: { trigger: string; requests: { plex: number; total: number } },
): Promise<RunHistory | undefined> {
  try {
    return await appendHistory(report, {
      dataDir: rt.config.dataDir,
      limits: rt.config.history,
      logger: rt.logger,
      redactValue: (value) => rt.redactor.redactValue(value),
      ...facts,
    });
  } catch (error) {
    rt.logger.warn(`The run history could not be written: ${(error as Error).message}`);
    return undefined;
  }
}
