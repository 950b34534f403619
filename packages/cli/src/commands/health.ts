import { ExitCode, HarmoniqError } from '@harmoniq/core';
import { checkHealth } from '../health-check.js';
import type { Runtime } from '../runtime.js';

/**
 * `harmoniq health [--max-age <minutes>]`: exit 0 when the last run succeeded recently enough, else a one-line
 * reason and exit 1 (what Docker's HEALTHCHECK expects). Reads only the state file (no network).
 */
export async function healthCommand(rt: Runtime, flags: { maxAge?: string }): Promise<number> {
  const verdict = await checkHealth(rt, flags.maxAge !== undefined ? parseMaxAge(flags.maxAge) : undefined);
  rt.io.stdout.write(`${verdict.line}\n`);
  return verdict.healthy ? ExitCode.ok : ExitCode.sourceFailed;
}

function parseMaxAge(raw: string): number {
  const n = Number(raw);
  if (!raw.trim() || !Number.isFinite(n) || n <= 0) {
    throw new HarmoniqError({
      code: 'EUSAGE',
      message: `--max-age must be a positive number of minutes, got '${raw}'.`,
      hint: 'e.g. --max-age 130 for an hourly schedule (two missed runs and a margin).',
    });
  }
  return n;
}
