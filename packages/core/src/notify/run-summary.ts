import type { HistoryRun } from '../history/history-types.js';
import type { SyncReport } from '../pipeline/report.js';

/** What a run summary needs; both a fresh report and a recorded run provide it. */
export interface SummaryInput {
  ok: boolean;
  error?: { code: string; message: string };
  sources: { source: string; ok: boolean; error?: { code: string; message: string } }[];
  playlists: { source: string; title: string; action: string; found: number; wanted: number; added: number; removed: number }[];
}

export function summaryInputOfReport(report: SyncReport): SummaryInput {
  return {
    ok: report.ok,
    ...(report.error ? { error: report.error } : {}),
    sources: report.sources,
    playlists: report.sources.flatMap((s) =>
      s.playlists.map((p) => ({ source: s.source, title: p.title, action: p.action, found: p.counts.found, wanted: p.counts.candidates, added: p.counts.added, removed: p.counts.removed })),
    ),
  };
}

export function summaryInputOfRun(run: HistoryRun): SummaryInput {
  return {
    ok: run.ok,
    ...(run.error ? { error: run.error } : {}),
    sources: run.sources,
    playlists: run.playlists.map((p) => ({ source: p.source, title: p.title, action: p.action, found: p.found, wanted: p.wanted, added: p.added.length, removed: p.removed.length })),
  };
}

/** The one-line verdict: the report page's header and the first line (title) of every notification. */
export function summaryHeadline(run: SummaryInput): string {
  if (run.error) return `Harmoniq sync failed: ${run.error.code} ${run.error.message}`;
  const ok = run.sources.filter((s) => s.ok).length;
  return `Harmoniq sync ${run.ok ? 'succeeded' : 'had failures'}: ${ok} of ${run.sources.length} sources ok`;
}

/** One line per playlist (or per source without playlists). */
export function summaryLines(run: SummaryInput): string[] {
  return run.sources.flatMap((s) => {
    const lists = run.playlists.filter((p) => p.source === s.source);
    return lists.length
      ? lists.map((p) => `• ${p.title}: ${p.action} (${p.found}/${p.wanted} found, +${p.added} −${p.removed})`)
      : [`• ${s.source}: ${s.ok ? 'nothing to do' : `failed: ${s.error?.code} ${s.error?.message}`}`];
  });
}
