import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What a new user gets from `npm i -g harmoniq` / `npx harmoniq`: every package that ships is packed with
 * `npm pack`, the tarballs are installed into an empty folder outside the repository (third-party
 * dependencies come from the registry, nothing from the workspace), and the installed `harmoniq` runs there.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  bin?: Record<string, string>;
  files?: string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  workspaces?: string[];
}

const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
const rootManifest = readManifest(ROOT);
const shipped = [rootManifest, ...(rootManifest.workspaces ?? []).map((w) => readManifest(join(ROOT, w)))];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('installing Harmoniq from packed tarballs, outside the repository', () => {
  let work: string;
  let app: string;
  // Only what a user's shell has: no NODE_PATH, no npm_* variables of the jest run pointing at the workspace.
  const userEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, TIMEZONE: 'UTC' };

  beforeAll(async () => {
    work = realpathSync(mkdtempSync(join(tmpdir(), 'harmoniq-install-')));
    const tarballs = join(work, 'tarballs');
    mkdirSync(tarballs);
    // The build is done by `npm test`'s pretest; --ignore-scripts keeps pack from rebuilding.
    const packed = await run('npm', ['pack', '--ignore-scripts', '--workspaces', '--include-workspace-root', '--pack-destination', tarballs], ROOT);
    expect(packed.stderr).not.toMatch(/npm error/);
    app = join(work, 'app');
    const files = readdirSync(tarballs).filter((f) => f.endsWith('.tgz')).map((f) => join(tarballs, f));
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), '{"name":"a-new-users-folder","version":"1.0.0","private":true}\n');
    const installed = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...files], app, userEnv);
    expect(installed).toMatchObject({ code: 0 });
  }, 240_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('ships every package: none is private, each ships its files, and our own dependencies name exact versions', () => {
    const versions = new Map(shipped.map((m) => [m.name, m.version]));
    expect(shipped.filter((m) => m.private).map((m) => m.name)).toEqual([]);
    expect(shipped.filter((m) => !m.files?.length).map((m) => m.name)).toEqual([]);
    for (const m of shipped) {
      for (const [dep, range] of Object.entries({ ...m.dependencies, ...m.peerDependencies })) {
        if (versions.has(dep)) expect(`${m.name} → ${dep}@${range}`).toBe(`${m.name} → ${dep}@${versions.get(dep)}`);
      }
    }
    expect(rootManifest.name).toBe('harmoniq');
    expect(rootManifest.bin).toEqual({ harmoniq: 'bin/harmoniq.js' });
  });

  it('runs `npx harmoniq --version` from the installed packages, not from the workspace', async () => {
    const version = await run('npx', ['--no', '--', 'harmoniq', '--version'], app, userEnv);
    expect(version).toMatchObject({ code: 0, stdout: `${rootManifest.version}\n` });
    const where = await run(process.execPath, ['--input-type=module', '-e', "console.log(import.meta.resolve('@harmoniq/cli'))"], app, userEnv);
    expect(fileURLToPath(where.stdout.trim())).toContain(join(app, 'node_modules', '@harmoniq', 'cli'));
  });

  it('prints the help with every command', async () => {
    const help = await run('npx', ['--no', '--', 'harmoniq', '--help'], app, userEnv);
    expect(help.code).toBe(0);
    for (const command of ['sync', 'sources', 'doctor', 'demo']) expect(help.stdout).toContain(command);
  });

  it('runs the demo: a real sync against the bundled emulators', async () => {
    const demo = await run('npx', ['--no', '--', 'harmoniq', 'demo'], app, { ...userEnv, LOG_LEVEL: 'warn' });
    expect(demo.stderr).toBe('');
    expect(demo).toMatchObject({ code: 0 });
    expect(demo.stdout).toContain('Global Top 50');
  }, 60_000);
});
