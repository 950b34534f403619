import { configError, ExitCode, HarmoniqError, issueLine } from '@harmoniq/core';
import type { DailyFlowOptions } from '@harmoniq/plugin-daily-flow';
import { loadSources } from '../load-sources.js';
import { resolveSources } from '../resolve-sources.js';
import type { Runtime } from '../runtime.js';

/** `harmoniq daily-flow windows`: the parsed windows, which one is active now, and when the next change happens. */
export async function dailyFlowWindowsCommand(rt: Runtime): Promise<number> {
  const { describeWindows } = await import('@harmoniq/plugin-daily-flow');
  const status = resolveSources(rt, await loadSources(rt)).statuses.find((s) => s.source.name === 'daily-flow');
  if (!status) throw new HarmoniqError({ code: 'EUNKNOWNSOURCE', message: 'The daily-flow source is not installed.' });
  if (status.problems.length) {
    throw configError(status.problems.map((p) => issueLine(p, 'daily-flow')), { hint: 'See docs/sources/daily-flow.md for the TIME_WINDOWS syntax.' });
  }
  const options = status.options as DailyFlowOptions;
  const out = (line: string) => rt.io.stdout.write(`${line}\n`);
  out(`Daily Flow windows (from ${options.windowsFrom}, zone ${rt.clock.zone}${status.enabled ? '' : '; the source is not enabled: ENABLE_TIME_PLAYLIST=true'}):`);
  for (const line of describeWindows(options.windows, rt.clock.now(), rt.clock.zone)) out(`  ${line}`);
  return ExitCode.ok;
}
