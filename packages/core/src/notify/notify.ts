import type { Http } from '../http/http.js';
import type { Logger } from '../logging/logger.js';
import type { SyncReport } from '../pipeline/report.js';

export interface NotifyOptions {
  webhookUrl: string;
  on: 'failure' | 'always';
  format: 'json' | 'discord' | 'slack';
}

/** A short, human summary of a run: one line per playlist. */
export function runSummaryText(report: SyncReport): string {
  const head = report.error
    ? `Harmoniq sync failed: ${report.error.code} ${report.error.message}`
    : `Harmoniq sync ${report.ok ? 'succeeded' : 'had failures'}: ${report.sources.filter((s) => s.ok).length} of ${report.sources.length} sources ok`;
  const lines = report.sources.flatMap((s) =>
    s.playlists.length
      ? s.playlists.map((p) => `• ${p.title}: ${p.action} (${p.counts.found}/${p.counts.candidates} found, +${p.counts.added} −${p.counts.removed})`)
      : [`• ${s.source}: ${s.ok ? 'nothing to do' : `failed: ${s.error?.code} ${s.error?.message}`}`],
  );
  return [head, ...lines].join('\n');
}

export function notificationBody(report: SyncReport, format: NotifyOptions['format']): unknown {
  const text = runSummaryText(report);
  if (format === 'discord') return { content: text.slice(0, 2000) };
  if (format === 'slack') return { text };
  return {
    event: 'harmoniq.sync',
    ok: report.ok,
    exitCode: report.exitCode,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    durationMs: report.durationMs,
    ...(report.error ? { error: report.error } : {}),
    summary: text,
    sources: report.sources.map((s) => ({
      source: s.source,
      ok: s.ok,
      ...(s.error ? { error: s.error } : {}),
      playlists: s.playlists.map((p) => ({ title: p.title, ratingKey: p.ratingKey, action: p.action, reason: p.reason, counts: p.counts, durationMs: p.durationMs })),
    })),
  };
}

/** POSTs the run summary. A failing webhook is logged and never fails the sync; it is not retried (a POST may have landed). */
export async function notifyRun(report: SyncReport, options: NotifyOptions, http: Http, logger: Logger): Promise<boolean> {
  if (report.dryRun) return false;
  if (options.on === 'failure' && report.ok) return false;
  try {
    const res = await http.request({ url: options.webhookUrl, method: 'POST', json: notificationBody(report, options.format), timeoutMs: 10_000 });
    if (res.status >= 200 && res.status < 300) {
      logger.debug(`Notification sent (HTTP ${res.status}).`);
      return true;
    }
    logger.warn(`The notification webhook answered HTTP ${res.status}; the sync itself is unaffected.`);
  } catch (error) {
    logger.warn(`The notification webhook could not be reached (${(error as Error).message}); the sync itself is unaffected.`);
  }
  return false;
}
