import { ExitCode } from '@harmoniq/core';
import { formatShortLocal, historyPath, readHistory, runsFor, type HistoryRun } from '@harmoniq/core/pipeline';
import { parseRowLimit } from '../render/row-limit.js';
import { outputWidth, renderTable } from '../render/table.js';
import type { Runtime } from '../runtime.js';

/** `harmoniq history [--source X] [--limit N] [--json]`: what each recorded run did, newest first. Reads only the data dir. */
export async function historyCommand(rt: Runtime, flags: { source?: string; json?: boolean; limit?: string }): Promise<number> {
  const limit = parseRowLimit(flags.limit, 20);
  const history = await readHistory(rt.config.dataDir, rt.logger);
  const runs = runsFor(history, flags.source);
  if (flags.json) {
    rt.io.stdout.write(`${JSON.stringify({ version: history.version, runs }, null, 2)}\n`);
    return ExitCode.ok;
  }
  if (!runs.length) {
    const why = history.runs.length ? `No recorded run involved source '${flags.source}'.` : 'No run recorded yet: run `harmoniq sync` first.';
    rt.io.stdout.write(`${why} (${historyPath(rt.config.dataDir)})\n`);
    return ExitCode.ok;
  }
  const rows = runs.slice(0, limit).flatMap((run) => runRows(rt, run));
  // Found reads `found/wanted`: what is missing is the difference (`harmoniq missing` lists it).
  const table = renderTable({ head: ['Finished', 'Trigger', 'Result', 'Playlist', 'Found', 'Changes'], rows, width: outputWidth(rt.io.stdout), fixed: [0, 1, 2, 4] });
  rt.io.stdout.write(`${table}\n`);
  const shown = Math.min(limit, runs.length);
  rt.io.stdout.write(`${runs.length} run${runs.length === 1 ? '' : 's'} recorded${runs.length > shown ? ` (showing ${shown}; --limit N for more)` : ''}; times in ${rt.clock.zone}. File: ${historyPath(rt.config.dataDir)}\n`);
  return ExitCode.ok;
}

function runRows(rt: Runtime, run: HistoryRun): string[][] {
  const when = formatShortLocal(rt.clock, new Date(run.finishedAt));
  const result = run.ok ? 'ok' : `exit ${run.exitCode}`;
  const head = [when, run.trigger, result];
  const rows: string[][] = [];
  if (run.error) rows.push([...head, '—', '', `${run.error.code} ${run.error.message}`]);
  for (const s of run.sources) {
    const lists = run.playlists.filter((p) => p.source === s.source);
    if (!lists.length) rows.push([...head, s.source, '', s.ok ? 'nothing to do' : `${s.error?.code ?? 'failed'} ${s.error?.message ?? ''}`]);
    for (const p of lists) {
      const changes = ['created', 'updated'].includes(p.action) ? `+${p.added.length} −${p.removed.length}, ${p.kept} kept` : p.action + (p.reason ? `: ${p.reason}` : '');
      rows.push([...head, p.title, `${p.found}/${p.wanted}`, changes]);
    }
  }
  // Only the first row of a run names it; the rest read as its continuation.
  return rows.map((r, i) => (i === 0 ? r : ['', '', '', ...r.slice(3)]));
}
