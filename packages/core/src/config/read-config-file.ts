/**
 * Finds and reads the config file. Search is ours (cwd upward, stopping at the home directory or the filesystem
 * root) so that nothing outside that walk is ever read; parsing is cosmiconfig's, except for JSON and JavaScript,
 * where we want line numbers and no CommonJS fallback that hides the real error.
 */
import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cosmiconfig, defaultLoaders, type Loader } from 'cosmiconfig';
import type { ConfigIssue } from '../contract.js';

export const CONFIG_SEARCH_PLACES = [
  'package.json',
  '.harmoniqrc',
  '.harmoniqrc.json',
  '.harmoniqrc.yaml',
  '.harmoniqrc.yml',
  '.harmoniqrc.js',
  '.harmoniqrc.mjs',
  'harmoniq.config.js',
  'harmoniq.config.mjs',
  'harmoniq.config.cjs',
  'harmoniq.config.json',
  'harmoniq.config.yaml',
  'harmoniq.config.yml',
] as const;

export type ConfigFileRead =
  | { found: false }
  | { found: true; filepath: string; content: unknown; mode?: number }
  | { found: true; filepath: string; issue: ConfigIssue };

/** Where a 0-based character offset falls, 1-based. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

class ConfigSyntaxError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

const loadJson: Loader = (_filepath, content) => {
  const text = content.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /at position (\d+)/.exec(message);
    const place = at?.[1] !== undefined ? lineAndColumn(text, Number(at[1])) : undefined;
    const reason = message.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+.*$/s, '');
    throw new ConfigSyntaxError(`JSON: ${reason}`, place?.line, place?.column);
  }
};

const loadModule: Loader = async (filepath) => {
  const loaded = (await import(pathToFileURL(filepath).href)) as { default?: unknown };
  return loaded.default;
};

function displayName(filepath: string, cwd: string): string {
  const rel = relative(cwd, filepath);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : filepath;
}

function describeLoadError(error: unknown, name: string): string {
  if (error instanceof ConfigSyntaxError) {
    const where = error.line !== undefined ? ` at line ${error.line}, column ${error.column ?? 1}` : '';
    return `${name} has a syntax error${where}: ${error.message}. Fix the file and run again`;
  }
  const e = error as { name?: unknown; reason?: unknown; mark?: { line?: unknown; column?: unknown } };
  if (e.name === 'YAMLException' && typeof e.reason === 'string') {
    const line = typeof e.mark?.line === 'number' ? e.mark.line + 1 : undefined;
    const column = typeof e.mark?.column === 'number' ? e.mark.column + 1 : 1;
    const where = line !== undefined ? ` at line ${line}, column ${column}` : '';
    return `${name} has a YAML syntax error${where}: ${e.reason}. Check the indentation and quotes there`;
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const firstLine = message.split('\n')[0] ?? message;
  return `${name} could not be loaded (${firstLine}). Fix the file or point --config at another one`;
}

/** Folders searched: cwd, then each parent up to and including the home directory (or the root). */
export function searchDirs(cwd: string, homeDir: string): string[] {
  const start = resolve(cwd);
  const home = resolve(homeDir);
  const rel = relative(home, start);
  const underHome = !rel.startsWith('..') && !isAbsolute(rel);
  const dirs: string[] = [];
  for (let dir = start; ; dir = dirname(dir)) {
    dirs.push(dir);
    if ((underHome && dir === home) || dirname(dir) === dir) break;
  }
  return dirs;
}

export async function readConfigFile(options: {
  cwd: string;
  homeDir: string;
  configPath?: string;
}): Promise<ConfigFileRead> {
  const explorer = cosmiconfig('harmoniq', {
    searchPlaces: [...CONFIG_SEARCH_PLACES],
    searchStrategy: 'none',
    cache: false,
    loaders: {
      ...defaultLoaders,
      '.json': loadJson,
      '.js': loadModule,
      '.mjs': loadModule,
      '.cjs': loadModule,
    },
  });
  const { cwd } = options;
  let filepath: string | undefined;
  try {
    if (options.configPath !== undefined) {
      filepath = resolve(cwd, options.configPath);
      const exists = await stat(filepath).then(
        (s) => s.isFile(),
        () => false,
      );
      if (!exists) {
        const name = displayName(filepath, cwd);
        const message = `The config file ${name} does not exist (or is not a file). Check the --config path, or drop --config to search for harmoniq.config.yaml`;
        return { found: true, filepath, issue: { path: name, message } };
      }
      const result = await explorer.load(filepath);
      return { found: true, filepath, content: result?.config, mode: await fileMode(filepath) };
    }
    for (const dir of searchDirs(cwd, options.homeDir)) {
      filepath = undefined;
      const result = await explorer.search(dir);
      if (result) {
        filepath = result.filepath;
        return { found: true, filepath, content: result.config, mode: await fileMode(filepath) };
      }
    }
    return { found: false };
  } catch (error) {
    const errorPath = (error as { filepath?: unknown }).filepath;
    const where = typeof errorPath === 'string' ? errorPath : (filepath ?? cwd);
    const name = displayName(where, cwd);
    return { found: true, filepath: where, issue: { path: name, message: describeLoadError(error, name) } };
  }
}

async function fileMode(filepath: string): Promise<number | undefined> {
  return stat(filepath).then(
    (s) => s.mode,
    () => undefined,
  );
}
