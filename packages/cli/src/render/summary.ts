import { neutraliseControls, type CandidateReport, type PlannedTrack, type SyncReport } from '@harmoniq/core/pipeline';
import { renderTable } from './table.js';

/**
 * The human summary printed at the end of a sync, `width` columns wide. A run that failed as a whole (Plex
 * unreachable) prints nothing here: its one error line is already on stderr, and stdout stays empty.
 */
export function renderSummary(report: SyncReport, width = 80): string {
  if (report.error && !report.sources.length) return '';
  const rows: string[][] = [];
  for (const source of report.sources) {
    if (!source.playlists.length) {
      rows.push([sourceLabel(source), '—', source.ok ? 'nothing to do' : `failed: ${source.error?.code ?? ''}`, '', '', '']);
      continue;
    }
    for (const p of source.playlists) {
      rows.push([
        sourceLabel(source),
        p.title,
        p.action + (p.action === 'skipped' && p.reason ? ` (${p.reason})` : ''),
        `${p.counts.found}/${p.counts.candidates}`,
        // One column for the diff keeps the table within 80 columns with room for the titles.
        p.action === 'skipped' || p.action === 'failed' ? '' : `+${p.counts.added} −${p.counts.removed}, ${p.counts.kept} kept`,
        String(p.counts.size),
      ]);
    }
  }
  const failed = report.sources.filter((s) => !s.ok);
  const head = `${report.dryRun ? 'Dry run — nothing was changed. ' : ''}${report.sources.length - failed.length} of ${report.sources.length} sources ok in ${(report.durationMs / 1000).toFixed(1)} s.`;
  const errors = failed.map((s) => `  ${sourceLabel(s)}: ${s.error?.code} ${s.error?.message}`);
  const excluded = excludedLine(report);
  // Titles, track names and reasons come from services and config: a control character in them must not forge a line.
  const table = renderTable({ head: ['Source', 'Playlist', 'Result', 'Found', 'Changes', 'Tracks'], rows: rows.map((r) => r.map(neutraliseControls)), width, fixed: [3, 4, 5] });
  return [table, ...[...renderPlan(report), ...excluded, head, ...errors].map(neutraliseControls), ''].join('\n');
}

/** How many candidates the user's exclusions kept out, per playlist: they are neither found nor missing. */
function excludedLine(report: SyncReport): string[] {
  const parts: string[] = [];
  let total = 0;
  for (const source of report.sources) {
    for (const p of source.playlists) {
      const n = p.counts.excluded ?? 0;
      if (n === 0) continue;
      total += n;
      parts.push(`${p.title}: ${n}`);
    }
  }
  return total === 0 ? [] : [`Excluded by your rules: ${total} candidate${total === 1 ? '' : 's'} (${parts.join(', ')}).`];
}

/** A dry run's plan, one line per track, so `sync --dry-run > plan.txt` and `-q` keep it. */
function renderPlan(report: SyncReport): string[] {
  const lines: string[] = [];
  for (const source of report.sources) {
    for (const p of source.playlists) {
      if (!p.plan) continue;
      const verb = p.action === 'would-create' ? 'would be created' : 'would be updated';
      lines.push(`${p.title} (${sourceLabel(source)}) ${verb}: +${p.plan.add.length} −${p.plan.remove.length}, ${p.counts.kept} kept`);
      for (const t of p.plan.add) lines.push(`  + ${trackName(t)}`);
      for (const t of p.plan.remove) lines.push(`  − ${trackName(t)}`);
    }
  }
  return lines;
}

function trackName(t: PlannedTrack): string {
  return t.artist !== undefined && t.title !== undefined ? `${t.artist} – ${t.title}` : `ratingKey ${t.ratingKey}`;
}

/** `--explain`: one line per candidate saying what the matcher decided and why. */
export function renderExplain(report: SyncReport): string {
  const lines: string[] = [];
  for (const source of report.sources) {
    for (const p of source.playlists) {
      lines.push(`${sourceLabel(source)} → ${p.title}`);
      for (const c of p.candidates) lines.push(`  ${explainLine(c)}`);
    }
  }
  return `${lines.map(neutraliseControls).join('\n')}\n`;
}

function explainLine(c: CandidateReport): string {
  const name = `${c.artist} – ${c.title}`;
  const note = c.note ? `  [${c.note}]` : '';
  if (c.status === 'excluded') return `⊘ ${name}: excluded (${c.excluded ?? 'your exclusions'})${note}`;
  if (c.status === 'matched') return `✓ ${name} → ratingKey ${c.ratingKey} (${c.via}, score ${c.score})${c.used ? '' : ' not used: playlist full or duplicate'}${note}`;
  const best = c.best ? `; nearest: ${c.best.artist} – ${c.best.title} (score ${c.best.score})` : '';
  return `✗ ${name}: ${c.reason}${best}${note}`;
}

/** A household user's playlists are labelled with the user: `lastfm-charts @alice`. */
function sourceLabel(s: { source: string; user?: string }): string {
  return s.user === undefined ? s.source : `${s.source} @${s.user}`;
}
