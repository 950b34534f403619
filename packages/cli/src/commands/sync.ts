import type { SyncReport } from '@harmoniq/core';
import { loadSources } from '../load-sources.js';
import { performSync } from '../perform-sync.js';
import { parseWaitSeconds } from '../run-lock.js';
import { renderExplain, renderSummary } from '../render/summary.js';
import { resolveSources, selectSources } from '../resolve-sources.js';
import type { Runtime } from '../runtime.js';
import { stopOnSignals } from '../stop-signals.js';

export interface SyncFlags {
  all?: boolean;
  dryRun?: boolean;
  json?: boolean;
  explain?: boolean;
  refreshLibrary?: boolean;
  adopt?: boolean;
  wait?: string;
}

/** `harmoniq sync [source...]`: prints the summary (or the JSON report) and returns the report. */
export async function syncCommand(rt: Runtime, names: string[], flags: SyncFlags): Promise<SyncReport> {
  const statuses = resolveSources(rt, await loadSources(rt));
  const chosen = selectSources(statuses, flags.all ? [] : names);
  const stop = stopOnSignals(rt, { boundSeconds: 30 });
  try {
    const report = await performSync(rt, chosen, { ...flags, waitSeconds: parseWaitSeconds(flags.wait), signal: stop.signal });
    const io = rt.io;
    if (flags.json) io.stdout.write(`${JSON.stringify(rt.redactor.redactValue(report), null, 2)}\n`);
    else {
      if (flags.explain) io.stdout.write(rt.redactor.redact(renderExplain(report)));
      io.stdout.write(rt.redactor.redact(renderSummary(report)));
    }
    return report;
  } finally {
    stop.dispose();
  }
}
