import type { Http, HttpRequest } from '../http/http.js';
import type { Logger } from '../logging/logger.js';
import type { SyncReport } from '../pipeline/report.js';
import { summaryHeadline, summaryInputOfReport, summaryLines } from './run-summary.js';

export interface NotifyOptions {
  webhookUrl: string;
  on: 'failure' | 'always';
  format: 'json' | 'discord' | 'slack' | 'ntfy' | 'gotify';
}

/** A short, human summary of a run: the headline, then one line per playlist. */
export function runSummaryText(report: SyncReport): string {
  const input = summaryInputOfReport(report);
  return [summaryHeadline(input), ...summaryLines(input)].join('\n');
}

export function notificationBody(report: SyncReport, format: 'json' | 'discord' | 'slack'): unknown {
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

/**
 * The request for each format. ntfy (https://docs.ntfy.sh/publish/) takes the message as the plain-text body of a
 * POST to the topic URL, the title and priority as headers. Gotify takes `{title, message, priority}` as JSON at
 * `/message?token=…`. Both titles are the report page's headline.
 */
export function notificationRequest(report: SyncReport, options: NotifyOptions): HttpRequest {
  const base = { url: options.webhookUrl, method: 'POST' as const, timeoutMs: 10_000 };
  const input = summaryInputOfReport(report);
  const title = summaryHeadline(input);
  const message = summaryLines(input).join('\n') || title;
  if (options.format === 'ntfy') {
    return {
      ...base,
      body: Buffer.from(message, 'utf8'),
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        // HTTP header values are Latin-1: anything else in a title is replaced, the body keeps it.
        title: title.replace(/[^\x20-\x7e]/g, '?'),
        priority: report.ok ? '3' : '4',
        tags: report.ok ? 'white_check_mark' : 'warning',
      },
    };
  }
  if (options.format === 'gotify') return { ...base, json: { title, message, priority: report.ok ? 4 : 8 } };
  return { ...base, json: notificationBody(report, options.format) };
}

/** POSTs the run summary. A failing webhook is logged and never fails the sync; it is not retried (a POST may have landed). */
export async function notifyRun(report: SyncReport, options: NotifyOptions, http: Http, logger: Logger): Promise<boolean> {
  if (report.dryRun) return false;
  if (options.on === 'failure' && report.ok) return false;
  try {
    const res = await http.request(notificationRequest(report, options));
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
