import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { HarmoniqError } from '../errors/harmoniq-error.js';

export type ReadJsonResult<T> = { status: 'ok'; value: T } | { status: 'missing' } | { status: 'corrupt'; error: string };

/** Reads a JSON file; a missing or unreadable file is reported, never thrown. */
export async function readJsonFile<T = unknown>(path: string): Promise<ReadJsonResult<T>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    return { status: 'corrupt', error: (error as Error).message };
  }
  try {
    return { status: 'ok', value: JSON.parse(text) as T };
  } catch (error) {
    return { status: 'corrupt', error: (error as Error).message };
  }
}

/**
 * Writes JSON atomically (temp file + rename), so a crash or a full disk never leaves a half-written file.
 * Failures become EDATADIR with the path and the fix.
 */
export async function writeJsonFile(path: string, value: unknown, options: { pretty?: boolean } = {}): Promise<void> {
  const text = options.pretty === false ? JSON.stringify(value) : `${JSON.stringify(value, null, 2)}\n`;
  await writeTextFile(path, text);
}

export async function writeTextFile(path: string, text: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, text, { encoding: 'utf8' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'permission denied' : (error as Error).message;
    throw new HarmoniqError({
      code: 'EDATADIR',
      message: `Cannot write ${path}: ${why}.`,
      hint: 'Make sure the data directory (HARMONIQ_DATA_DIR) exists, is writable by this user and has free space.',
      cause: error,
    });
  }
}

/** Moves a damaged file aside (kept for inspection) so the next write starts clean. */
export async function quarantine(path: string, stamp: string): Promise<string | undefined> {
  const target = `${path}.corrupt-${stamp}`;
  try {
    await rename(path, target);
    return target;
  } catch {
    return undefined;
  }
}

export async function ensureWritableDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const probe = `${dir}/.write-test-${process.pid}`;
    await writeFile(probe, '');
    const { rm } = await import('node:fs/promises');
    await rm(probe, { force: true });
  } catch (error) {
    throw new HarmoniqError({
      code: 'EDATADIR',
      message: `The data directory ${dir} is not writable: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
      hint: 'Set HARMONIQ_DATA_DIR to a folder this user can write, or fix its permissions (in Docker, mount a volume at /data).',
      cause: error,
    });
  }
}
