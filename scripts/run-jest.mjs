// Runs jest (ESM mode) and ends with a plain "N passed, N failed" line that CI reads.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const jestBin = join(dirname(require.resolve('jest/package.json')), 'bin', 'jest.js');
const results = join(tmpdir(), `harmoniq-jest-${process.pid}.json`);
rmSync(results, { force: true });
const run = spawnSync(
  process.execPath,
  ['--experimental-vm-modules', '--disable-warning=ExperimentalWarning', jestBin, '--json', `--outputFile=${results}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
try {
  const summary = JSON.parse(readFileSync(results, 'utf8'));
  console.log(`${summary.numPassedTests} passed, ${summary.numFailedTests} failed`);
  rmSync(results, { force: true });
} catch {
  console.log('jest wrote no results');
}
process.exitCode = run.status ?? 1;
