// Runs `node bin/harmoniq.js …` as a child, timing it from spawn to exit and reading its peak RSS.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/harmoniq.js', import.meta.url));
const PROBE = fileURLToPath(new URL('./rss-probe.mjs', import.meta.url));

/**
 * @param {string[]} args CLI arguments
 * @param {Record<string, string>} env the child's whole environment (nothing is inherited but PATH)
 * @returns {Promise<{ code: number, stdout: string, stderr: string, ms: number, peakRssMb: number | undefined }>}
 */
export function runHarmoniq(args, env, cwd) {
  return runNode([BIN, ...args], env, cwd);
}

/** Any node command line, measured the same way (the bare `node -e ''` start-up is the yardstick for --help). */
export function runNode(nodeArgs, env, cwd) {
  const probeDir = mkdtempSync(join(tmpdir(), 'harmoniq-bench-rss-'));
  const rssFile = join(probeDir, 'maxrss');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', PROBE, ...nodeArgs], {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...env, HARMONIQ_BENCH_RSS_FILE: rssFile },
    });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      let peakRssMb;
      try {
        peakRssMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
      } catch {
        peakRssMb = undefined;
      }
      rmSync(probeDir, { recursive: true, force: true });
      resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms, peakRssMb });
    });
  });
}
