import { ExitCode, redactConfig } from '@harmoniq/core';
import type { Runtime } from '../runtime.js';

/** `harmoniq config`: the resolved configuration with every secret redacted. */
export async function configCommand(rt: Runtime): Promise<number> {
  const shown = rt.redactor.redactValue(redactConfig(rt.config));
  rt.io.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
  return ExitCode.ok;
}
