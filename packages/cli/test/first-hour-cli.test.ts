import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIN, runCli, spawnCli, tempDir, type CliResult } from './cli-harness.js';

/** A new user's habits: typos, `| head`, `--help`. No service is needed for any of these. */
const env = () => ({ HARMONIQ_DATA_DIR: tempDir('harmoniq-first-hour-'), TIMEZONE: 'UTC' });

/** Spawns the bin with its stdout closed by the reader before it writes (what `| head` does once satisfied). */
function spawnWithClosedStdout(args: string[], extraEnv: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, ...extraEnv }, cwd: extraEnv.HARMONIQ_DATA_DIR });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: '', stderr }));
  });
}

describe('a first word that is neither a command nor a source', () => {
  it.each([
    ['docter', 'harmoniq doctor'],
    ['snyc', 'harmoniq sync'],
    ['sourcs', 'harmoniq sources'],
    ['version', 'harmoniq --version'],
    ['lastfm-chart', 'lastfm-charts'],
  ])('`harmoniq %s` exits 2 and asks "did you mean %s"', async (word, meant) => {
    const r = await runCli([word], env(), process.cwd());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`harmoniq: EUSAGE '${word}' is neither a command nor a source. Did you mean '${meant}'?`);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('skips the value of a global option when finding the first word', async () => {
    const dir = tempDir();
    const r = await runCli(['--data-dir', dir, 'docter'], env(), process.cwd());
    expect(r).toMatchObject({ code: 2 });
    expect(r.stderr).toContain("Did you mean 'harmoniq doctor'?");
  });

  it('names the closest source after an explicit `sync`, keeping EUNKNOWNSOURCE', async () => {
    const r = await runCli(['sync', 'listenbrianz'], env(), process.cwd());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("harmoniq: EUNKNOWNSOURCE Unknown source 'listenbrianz'. Did you mean 'listenbrainz'?");
  });

  it('says plainly when nothing is close', async () => {
    const r = await runCli(['qqqqqqqq'], env(), process.cwd());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("'qqqqqqqq' is neither a command nor a source.");
    expect(r.stderr).not.toContain('Did you mean');
    expect(r.stderr).toContain('Sources: lastfm-charts');
  });
});

describe('sync usage', () => {
  it('refuses `sync --all` with source names, which would silently run everything', async () => {
    const r = await runCli(['sync', '--all', 'lastfm-charts'], env(), process.cwd());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('EUSAGE --all and source names (lastfm-charts) exclude each other');
  });

  it('--help says that a bare `harmoniq` syncs every enabled source', async () => {
    const r = await runCli(['--help'], env(), process.cwd());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('With no command, harmoniq runs `sync`: `harmoniq` alone updates every enabled');
    expect(Math.max(...r.stdout.split('\n').map((l) => l.length))).toBeLessThanOrEqual(80);
  });
});

describe('start-up', () => {
  it('`harmoniq --help` loads neither the pipeline nor its libraries (the process guard included)', async () => {
    const dir = tempDir();
    const hooks = join(dir, 'log-loads-hooks.mjs');
    writeFileSync(hooks, "export async function load(url, context, next) { process.stderr.write(`LOADED ${url}\\n`); return next(url, context); }\n");
    const register = join(dir, 'log-loads.mjs');
    writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
    const r = await spawnCli(['--help'], { ...env(), NODE_OPTIONS: `--import=${pathToFileURL(register).href}` }, dir);
    expect(r.code).toBe(0);
    const loaded = r.stderr.split('\n').filter((l) => l.startsWith('LOADED '));
    expect(loaded.some((l) => l.includes('/cli/dist/main.js'))).toBe(true);
    expect(loaded.filter((l) => /pipeline-entry|\/zod\/|\/got\/|\/date-fns|\/winston\//.test(l))).toEqual([]);
  });
});

describe('a reader that closes the pipe early (`| head`)', () => {
  it.each([[['sources']], [['missing']], [['--help']], [['docter']]])('`harmoniq %s` ends without a stack trace', async (args) => {
    const r = await spawnWithClosedStdout(args, env());
    expect(r.stderr).not.toMatch(/EPIPE|Error:|at .*\.js:\d+/);
    expect([0, 2]).toContain(r.code);
  });
});

describe('harmoniq daily-flow windows', () => {
  it('prints one heading, then the windows', async () => {
    const r = await runCli(['daily-flow', 'windows'], env(), process.cwd());
    expect(r.code).toBe(0);
    expect(r.stdout.match(/Daily Flow windows/g)).toHaveLength(1);
    expect(r.stdout.split('\n')[0]).toMatch(/^Daily Flow windows in UTC \(now /);
    expect(r.stdout).toContain('(The default windows: TIME_WINDOWS is not set; the source is not enabled: set ENABLE_TIME_PLAYLIST=true.)');
  });
});
