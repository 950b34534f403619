import { ExitCode, HarmoniqError } from '@harmoniq/core';
import { configError, issueLine } from '@harmoniq/core/pipeline';
import type { DailyFlowOptions } from '@harmoniq/plugin-daily-flow';
import { loadSources } from '../load-sources.js';
import { resolveSources } from '../resolve-sources.js';
import type { Runtime } from '../runtime.js';

const WINDOWS_FROM: Record<DailyFlowOptions['windowsFrom'], string> = {
  TIME_WINDOWS: 'Windows from TIME_WINDOWS',
  config: 'Windows from the config file',
  default: 'The default windows: TIME_WINDOWS is not set',
};

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
  // describeWindows' first line is the heading; the windows and the next change are indented under it.
  const [heading, ...rest] = describeWindows(options.windows, rt.clock.now(), rt.clock.zone);
  out(heading ?? 'Daily Flow windows:');
  for (const line of rest) out(`  ${line}`);
  out(`(${WINDOWS_FROM[options.windowsFrom]}${status.enabled ? '' : '; the source is not enabled: set ENABLE_TIME_PLAYLIST=true'}.)`);
  return ExitCode.ok;
}
