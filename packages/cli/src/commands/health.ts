import { createStateStore, ExitCode, HarmoniqError } from '@harmoniq/core';
import type { Runtime } from '../runtime.js';

/**
 * `harmoniq health [--max-age <minutes>]`: exit 0 when the last run succeeded recently enough, else a one-line
 * reason and a non-zero code. Reads only the state file (no network), for Docker's HEALTHCHECK.
 */
export async function healthCommand(rt: Runtime, flags: { maxAge?: string }): Promise<number> {
  const interval = rt.config.schedule.intervalMinutes;
  const maxAge = flags.maxAge !== undefined ? Number(flags.maxAge) : interval ? interval * 2 + 10 : 24 * 60 + 30;
  if (!Number.isFinite(maxAge) || maxAge <= 0) {
    throw new HarmoniqError({ code: 'EUSAGE', message: `--max-age must be a positive number of minutes, got '${flags.maxAge}'.` });
  }
  const state = await createStateStore(rt.config.dataDir, rt.logger).load();
  const last = state.lastRun;
  const unhealthy = (why: string) => {
    rt.io.stdout.write(`unhealthy: ${why}\n`);
    return ExitCode.sourceFailed;
  };
  if (!last) return unhealthy(`no run recorded yet in ${rt.config.dataDir}`);
  const ageMinutes = (rt.clock.now().getTime() - Date.parse(last.finishedAt)) / 60_000;
  if (!last.ok) return unhealthy(`the last run (${last.finishedAt}) failed: ${last.summary ?? `exit code ${last.exitCode}`}`);
  if (ageMinutes > maxAge) return unhealthy(`the last run finished ${Math.round(ageMinutes)} min ago, more than ${maxAge} min`);
  rt.io.stdout.write(`healthy: last run ${last.finishedAt} ok (${last.summary ?? ''})\n`);
  return ExitCode.ok;
}
