import { ExitCode, redactConfig } from '@harmoniq/core';
import { loadSources } from '../load-sources.js';
import type { Runtime } from '../runtime.js';

/** `harmoniq config`: the resolved configuration (with where each value came from), every secret redacted. */
export async function configCommand(rt: Runtime): Promise<number> {
  const sources = await loadSources(rt);
  const envNames = sources.flatMap((s) => Object.values(s.env ?? {}).filter((n): n is string => typeof n === 'string'));
  const shown = rt.redactor.redactValue(redactConfig(rt.config, { envNames }));
  rt.io.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
  return ExitCode.ok;
}
