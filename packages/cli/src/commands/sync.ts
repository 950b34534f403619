import { isHarmoniqError } from '@harmoniq/core';
import { type ResolvedSource, type SyncReport } from '@harmoniq/core/pipeline';
import { planHousehold } from '../household.js';
import { loadSources } from '../load-sources.js';
import { performSync } from '../perform-sync.js';
import { parseWaitSeconds } from '../run-lock.js';
import { renderExplain, renderSummary } from '../render/summary.js';
import { outputWidth } from '../render/table.js';
import { resolveSources, selectSources, type SourceResolution } from '../resolve-sources.js';
import { plexProblems, type Runtime } from '../runtime.js';
import { stopOnSignals } from '../stop-signals.js';

export interface SyncFlags {
  all?: boolean;
  dryRun?: boolean;
  json?: boolean;
  explain?: boolean;
  refreshLibrary?: boolean;
  refreshSources?: boolean;
  adopt?: boolean;
  wait?: string;
}

/** `harmoniq sync [source...]`: prints the summary (or the JSON report) and returns the report. */
export async function syncCommand(rt: Runtime, names: string[], flags: SyncFlags): Promise<SyncReport> {
  const all = await loadSources(rt);
  const named = flags.all ? [] : names;
  const household = planHousehold(rt, all, named);
  const chosen = chooseSources(rt, resolveSources(rt, all), named, household.problems);
  const stop = stopOnSignals(rt, { boundSeconds: 30 });
  try {
    const report = await performSync(rt, chosen, { ...flags, waitSeconds: parseWaitSeconds(flags.wait), signal: stop.signal, household: household.plans });
    const io = rt.io;
    if (flags.json) io.stdout.write(`${JSON.stringify(rt.redactor.redactValue(report), null, 2)}\n`);
    else {
      if (flags.explain) io.stdout.write(rt.redactor.redact(renderExplain(report)));
      io.stdout.write(rt.redactor.redact(renderSummary(report, outputWidth(io.stdout))));
    }
    return report;
  } finally {
    stop.dispose();
  }
}

/**
 * The sources to run. When they have configuration problems, missing Plex settings are reported with them, so a
 * new user learns everything that is missing in one go; alone, they are reported by the Plex client as before.
 */
function chooseSources(rt: Runtime, resolution: SourceResolution, names: string[], householdProblems: string[]): ResolvedSource[] {
  try {
    return selectSources(resolution, names, householdProblems);
  } catch (error) {
    const plex = plexProblems(rt);
    if (!plex.length || !isHarmoniqError(error) || (error.code !== 'ECONFIG' && error.code !== 'ESOURCEDISABLED')) throw error;
    return selectSources(resolution, names, [...plex, ...householdProblems]);
  }
}
