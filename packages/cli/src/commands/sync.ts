import { ensureWritableDir, missingPaths, notifyRun, runSync, writeMissingReports, type SyncReport } from '@harmoniq/core';
import { loadSources } from '../load-sources.js';
import { renderExplain, renderSummary } from '../render/summary.js';
import { resolveSources, selectSources } from '../resolve-sources.js';
import { plexClient, type Runtime } from '../runtime.js';
import { progressReporter } from '../render/progress.js';

export interface SyncFlags {
  all?: boolean;
  dryRun?: boolean;
  json?: boolean;
  explain?: boolean;
  refreshLibrary?: boolean;
  adopt?: boolean;
}

/** `harmoniq sync [source...]`: returns the report; the caller prints nothing else. */
export async function syncCommand(rt: Runtime, names: string[], flags: SyncFlags): Promise<SyncReport> {
  const statuses = resolveSources(rt, await loadSources(rt));
  const chosen = selectSources(statuses, flags.all ? [] : names);
  const plex = plexClient(rt);
  await ensureWritableDir(rt.config.dataDir);
  rt.logger.info(`Syncing ${chosen.map((s) => s.source.name).join(', ')}${flags.dryRun ? ' (dry run)' : ''}.`);
  const progress = progressReporter(rt);
  const report = await runSync({
    sources: chosen,
    reader: plex,
    store: plex,
    libraryName: rt.config.plex.library,
    dataDir: rt.config.dataDir,
    logger: rt.logger,
    http: rt.http,
    clock: rt.clock,
    overrides: rt.config.matching.overrides,
    dryRun: flags.dryRun,
    refreshLibrary: flags.refreshLibrary,
    adopt: flags.adopt,
    signal: rt.io.signal,
    onIndexProgress: progress,
  });
  await afterSync(rt, report);
  const io = rt.io;
  if (flags.json) io.stdout.write(`${JSON.stringify(rt.redactor.redactValue(report), null, 2)}\n`);
  else {
    if (flags.explain) io.stdout.write(rt.redactor.redact(renderExplain(report)));
    io.stdout.write(rt.redactor.redact(renderSummary(report)));
  }
  return report;
}

/** What follows every run: the missing-tracks files and the optional notification. Neither can fail the sync. */
export async function afterSync(rt: Runtime, report: SyncReport): Promise<void> {
  try {
    await writeMissingReports(missingPaths(rt.config.dataDir, rt.config.env.MISSING_TRACKS_PATH), report, rt.logger);
  } catch (error) {
    rt.logger.warn(`The missing-tracks report could not be written: ${(error as Error).message}`);
  }
  const webhookUrl = rt.config.env.NOTIFY_WEBHOOK_URL ?? rt.config.notify.webhookUrl;
  if (webhookUrl) {
    const on = rt.config.env.NOTIFY_ON === 'always' || rt.config.env.NOTIFY_ON === 'failure' ? rt.config.env.NOTIFY_ON : rt.config.notify.on;
    const envFormat = rt.config.env.NOTIFY_FORMAT;
    const format = envFormat === 'json' || envFormat === 'discord' || envFormat === 'slack' ? envFormat : rt.config.notify.format;
    await notifyRun(report, { webhookUrl, on, format }, rt.http, rt.logger);
  }
}
