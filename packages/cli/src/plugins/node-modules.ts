import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/** `node_modules` folders from `dir` up to the root, nearest first (where Node itself would look). */
export function nodeModulesChain(dir: string): string[] {
  const chain: string[] = [];
  let current = resolve(dir);
  for (;;) {
    // Node never looks in node_modules/node_modules.
    if (!/[\\/]node_modules$/.test(current)) chain.push(join(current, 'node_modules'));
    const parent = dirname(current);
    if (parent === current) return chain;
    current = parent;
  }
}

async function isDir(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

/** Package folders named `harmoniq-plugin-*` or `@scope/harmoniq-plugin-*` in one node_modules folder. */
export async function pluginPackagesIn(nodeModules: string): Promise<{ name: string; dir: string }[]> {
  const entries = await readdir(nodeModules).catch(() => [] as string[]);
  const found: { name: string; dir: string }[] = [];
  for (const entry of entries.sort()) {
    if (entry.startsWith('harmoniq-plugin-')) found.push({ name: entry, dir: join(nodeModules, entry) });
    else if (entry.startsWith('@')) {
      const scoped = await readdir(join(nodeModules, entry)).catch(() => [] as string[]);
      for (const child of scoped.sort()) {
        if (child.startsWith('harmoniq-plugin-')) found.push({ name: `${entry}/${child}`, dir: join(nodeModules, entry, child) });
      }
    }
  }
  const dirs = await Promise.all(found.map((f) => isDir(f.dir)));
  return found.filter((_, i) => dirs[i]);
}

/** The folder of an installed package, searched like Node does from each starting folder in turn. */
export async function findPackageDir(name: string, startDirs: readonly string[]): Promise<string | undefined> {
  for (const start of startDirs) {
    for (const nodeModules of nodeModulesChain(start)) {
      const dir = join(nodeModules, name);
      if (await isDir(dir)) return dir;
    }
  }
  return undefined;
}

/**
 * The file `import('<package>')` loads: `exports` (".", with the import/node/default conditions), else `main`,
 * else index.js. Harmoniq resolves it itself because the package sits outside the CLI's own resolution paths.
 */
export async function packageEntry(dir: string): Promise<string> {
  let manifest: Record<string, unknown> = {};
  try {
    manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`its package.json cannot be read: ${(error as Error).message}`);
  }
  const exported = manifest.exports;
  if (exported !== undefined) {
    const dot = typeof exported === 'object' && exported !== null && !Array.isArray(exported) && Object.keys(exported).some((k) => k.startsWith('.'))
      ? (exported as Record<string, unknown>)['.']
      : exported;
    const target = pickCondition(dot);
    if (!target) throw new Error('its package.json "exports" has no "." entry for import');
    return resolve(dir, target);
  }
  if (typeof manifest.main === 'string' && manifest.main.trim()) return resolve(dir, manifest.main);
  return join(dir, 'index.js');
}

const CONDITIONS = ['import', 'node', 'default'];

function pickCondition(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (Array.isArray(target)) {
    for (const t of target) {
      const picked = pickCondition(t);
      if (picked) return picked;
    }
    return undefined;
  }
  if (typeof target !== 'object' || target === null) return undefined;
  for (const [condition, value] of Object.entries(target)) {
    if (CONDITIONS.includes(condition)) {
      const picked = pickCondition(value);
      if (picked) return picked;
    }
  }
  return undefined;
}
