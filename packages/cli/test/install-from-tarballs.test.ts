import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
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
const workspaces = new Map((rootManifest.workspaces ?? []).map((w) => [readManifest(join(ROOT, w)).name, w]));

/** What `npm i -g harmoniq` needs: the root package and every workspace package it depends on, transitively. */
function shippedClosure(): Manifest[] {
  const seen = new Map<string, Manifest>([[rootManifest.name, rootManifest]]);
  const queue = [rootManifest];
  for (let m = queue.shift(); m; m = queue.shift()) {
    for (const dep of Object.keys({ ...m.dependencies, ...m.peerDependencies })) {
      const dir = workspaces.get(dep);
      if (dir === undefined || seen.has(dep)) continue;
      const manifest = readManifest(join(ROOT, dir));
      seen.set(dep, manifest);
      queue.push(manifest);
    }
  }
  return [...seen.values()];
}
const shipped = shippedClosure();

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

/** `npm pack` of the root and the workspaces it needs, then `npm install` of the tarballs into an empty folder. */
async function installFromTarballs(tarballs: string, app: string, env: NodeJS.ProcessEnv): Promise<Run> {
  mkdirSync(tarballs);
  // The build is done by `npm test`'s pretest; --ignore-scripts keeps pack from rebuilding.
  const only = shipped.filter((m) => m !== rootManifest).flatMap((m) => ['--workspace', workspaces.get(m.name)!]);
  const packed = await run('npm', ['pack', '--ignore-scripts', ...only, '--include-workspace-root', '--pack-destination', tarballs], ROOT);
  if (packed.code !== 0) return packed;
  const files = readdirSync(tarballs).filter((f) => f.endsWith('.tgz')).map((f) => join(tarballs, f));
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), '{"name":"a-new-users-folder","version":"1.0.0","private":true}\n');
  return run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...files], app, env);
}

/**
 * The Dockerfile's production stage, without Docker: the manifests, lockfile, bin and dist/ it copies, then its
 * own `npm ci` line (read from the Dockerfile, so the test follows it).
 */
async function installLikeTheImage(dir: string, env: NodeJS.ProcessEnv): Promise<Run> {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const line = /npm ci (--omit=dev[^\\&\n]*)/.exec(dockerfile);
  if (!line) throw new Error('The Dockerfile has no production `npm ci --omit=dev …` line.');
  const flags = line[1]!.trim().split(/\s+/);
  mkdirSync(dir);
  for (const f of ['package.json', 'package-lock.json', '.npmrc']) cpSync(join(ROOT, f), join(dir, f));
  cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
  for (const ws of rootManifest.workspaces ?? []) {
    mkdirSync(join(dir, ws), { recursive: true });
    cpSync(join(ROOT, ws, 'package.json'), join(dir, ws, 'package.json'));
    cpSync(join(ROOT, ws, 'dist'), join(dir, ws, 'dist'), { recursive: true });
  }
  return run('npm', ['ci', ...flags, '--prefer-offline', '--loglevel=error'], dir, env);
}

describe('what ships: the npm packages installed outside the repository, and the Docker image\'s production install', () => {
  let work: string;
  let app: string;
  // Only what a user's shell has: no NODE_PATH, no npm_* variables of the jest run pointing at the workspace.
  const userEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, TIMEZONE: 'UTC' };

  let image: string;

  beforeAll(async () => {
    work = realpathSync(mkdtempSync(join(tmpdir(), 'harmoniq-install-')));
    app = join(work, 'app');
    image = join(work, 'image');
    // The two installs download the same third-party packages: run them side by side.
    const [installed, production] = await Promise.all([installFromTarballs(join(work, 'tarballs'), app, userEnv), installLikeTheImage(image, userEnv)]);
    expect(installed).toMatchObject({ code: 0 });
    expect(production).toMatchObject({ code: 0 });
  }, 240_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('ships every package the CLI needs: none is private, each ships its files, and our own dependencies name exact versions', () => {
    expect(shipped.map((m) => m.name)).toEqual(expect.arrayContaining(['harmoniq', '@harmoniq/cli', '@harmoniq/core', '@harmoniq/testkit']));
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

  it("fingerprints the matcher's installed code (dist/ only, no src/), as the workspace's build does", async () => {
    // Stored parses and match results are scoped by this fingerprint (decision 0017); it hashes the files of match/
    // next to the running module, so an installed package (dist/ only) must hash the same code as the build.
    const core = join(app, 'node_modules', '@harmoniq', 'core');
    expect(existsSync(join(core, 'src'))).toBe(false);
    const print = (dir: string) =>
      run(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(join(dir, 'dist', 'cache', 'match-keys-cache.js'))}); console.log(m.matchKeysFingerprint());`], app, userEnv);
    const installed = await print(core);
    const built = await print(join(ROOT, 'packages', 'core'));
    expect(installed).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+:[0-9a-f]{16}\n$/) });
    expect(installed.stdout).toBe(built.stdout);
    // The code counts: an edited matcher file gives another fingerprint.
    // (Copied inside the app's node_modules, so the copy resolves its dependencies as the installed one does.)
    const copy = join(app, 'node_modules', 'harmoniq-core-edited');
    cpSync(core, copy, { recursive: true, dereference: true });
    writeFileSync(join(copy, 'dist', 'match', 'score-candidate.js'), '\n// edited\n', { flag: 'a' });
    const edited = await print(copy);
    expect(edited.code).toBe(0);
    expect(edited.stdout).not.toBe(installed.stdout);
  });

  it('runs from the Docker image\'s production install, which has no TypeScript compiler (docs/docker.md)', async () => {
    expect(existsSync(join(image, 'node_modules', 'typescript'))).toBe(false);
    expect(existsSync(join(image, 'node_modules', 'jest'))).toBe(false);
    const version = await run(process.execPath, [join(image, 'bin', 'harmoniq.js'), '--version'], image, userEnv);
    expect(version).toMatchObject({ code: 0, stdout: `${rootManifest.version}\n` });
     // Covers are drawn by a native canvas whose binary is an optional dependency: the image must keep it.
    const cover = await run(
      process.execPath,
      ['--input-type=module', '-e', "const { renderCover } = await import('@harmoniq/covers'); const c = await renderCover({ title: 'Daily Flow', source: 'daily-flow' }); console.log(c.width, c.bytes.length > 1000);"],
      image,
      userEnv,
    );
    expect(cover).toMatchObject({ code: 0, stdout: '800 true\n' });
  });
});
