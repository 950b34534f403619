import { formatLocal } from '@harmoniq/core';
import { summaryHeadline, summaryInputOfRun, type HistoryRun } from '@harmoniq/core/pipeline';
import { esc, plural } from './html.js';
import type { ReportInput } from './report-input.js';
import { REPORT_CSS } from './report-styles.js';
import { renderChanges, renderMisses, renderMissing, renderPlaylists, renderSources } from './report-sections.js';

/**
 * The HTML report: one self-contained page (no script, no external asset, no network fetch), readable on a phone.
 * Pure: the same input gives the same page.
 */
export function renderReport(input: ReportInput): string {
  const when = (iso: string) => formatLocal({ zone: input.zone, now: () => input.now }, new Date(iso));
  const last = input.history.runs.at(-1);
  const body = [
    renderHeader(input, last, when),
    renderSources(input, when),
    renderPlaylists(input, when),
    renderChanges(input, when),
    renderMissing(input),
    renderMisses(input),
  ].join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(last ? `${last.ok ? 'OK' : 'Failed'} · Harmoniq report` : 'Harmoniq report')}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
${body}
<footer class="muted"><p>Harmoniq ${esc(input.version)} · ${esc(input.live ? 'live page, made' : 'written')} ${esc(when(input.now.toISOString()))}</p></footer>
</main>
</body>
</html>
`;
}

function renderHeader(input: ReportInput, last: HistoryRun | undefined, when: (iso: string) => string): string {
  if (!last) {
    return `<header class="page"><h1>Harmoniq report</h1>
<p class="headline">No run recorded yet. Run <code>harmoniq sync</code> (or wait for the daemon's first run), then look again.</p></header>`;
  }
  const state = last.ok ? 'ok' : 'failed';
  const sign = last.ok ? '✓ Last run succeeded' : '✗ Last run failed';
  const headline = summaryHeadline(summaryInputOfRun(last));
  const lastOk = [...input.history.runs].reverse().find((r) => r.ok);
  const sinceOk = !last.ok ? `<p>Last successful run: ${lastOk ? esc(when(lastOk.finishedAt)) : 'none recorded'}.</p>` : '';
  return `<header class="page"><h1>Harmoniq report</h1>
<p class="headline ${state}"><span class="status ${state}">${sign}</span> (${esc(when(last.finishedAt))}, ${esc(last.trigger)}, ${esc(seconds(last.durationMs))}):<br>${esc(headline)}</p>
${sinceOk}<p class="muted">${plural(input.history.runs.length, 'run')} recorded · ${plural(Object.keys(input.history.current).length, 'managed playlist')} · ${plural(input.missing.tracks.length, 'missing track')}</p>
</header>`;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
