import { resolve } from 'node:path';
import { ExitCode, HarmoniqError } from '@harmoniq/core';
import { writeTextFile } from '@harmoniq/core/pipeline';
import { loadReportInput } from '../report/load-report-input.js';
import { renderReport } from '../report/render-report.js';
import type { Runtime } from '../runtime.js';

/**
 * `harmoniq report --html [--out file]`: one self-contained page from the data dir (history, missing tracks,
 * source health). Without --out the page goes to stdout. Reads no network.
 */
export async function reportCommand(rt: Runtime, flags: { html?: boolean; out?: string }): Promise<number> {
  if (!flags.html) {
    throw new HarmoniqError({
      code: 'EUSAGE',
      message: 'harmoniq report needs --html: HTML is the only report format (use `harmoniq history --json` for data).',
      hint: 'e.g. harmoniq report --html --out report.html',
    });
  }
  const outFile = flags.out ? resolve(rt.io.cwd, flags.out) : undefined;
  const page = rt.redactor.redact(renderReport(await loadReportInput(rt, { outFile })));
  if (!outFile) {
    rt.io.stdout.write(page);
    return ExitCode.ok;
  }
  await writeTextFile(outFile, page);
  rt.io.stdout.write(`Report written to ${outFile}\n`);
  return ExitCode.ok;
}
