import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { HarmoniqError } from '../errors/harmoniq-error.js';

export type ReadJsonResult<T> = { status: 'ok'; value: T } | { status: 'missing' } | { status: 'corrupt'; error: string };

/**
 * Reads a JSON file of the data directory; a missing or unreadable file is reported, never thrown. A symbolic link
 * is not followed (every write replaces it with a regular file anyway), and the reason never quotes the contents:
 * a planted link to another file must not get that file's first bytes into a warning.
 */
export async function readJsonFile<T = unknown>(path: string): Promise<ReadJsonResult<T>> {
  let text: string;
  try {
    const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    try {
      if (!(await handle.stat()).isFile()) return { status: 'corrupt', error: 'it is not a regular file' };
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    return unreadable(error);
  }
  return parsed<T>(text);
}

function unreadable(error: unknown): ReadJsonResult<never> {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return { status: 'missing' };
  if (code === 'ELOOP') return { status: 'corrupt', error: 'it is a symbolic link, which Harmoniq does not follow in its data directory' };
  return { status: 'corrupt', error: code ?? 'unreadable' };
}

function parsed<T>(text: string): ReadJsonResult<T> {
  try {
    return { status: 'ok', value: JSON.parse(text) as T };
  } catch {
    return { status: 'corrupt', error: `it is not valid JSON (${text.length} characters)` };
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

/** Text is written as UTF-8; bytes as they are (large files built in chunks, without one huge string). */
export async function writeTextFile(path: string, text: string | Uint8Array): Promise<void> {
  const data = typeof text === 'string' ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  await writeReplacing(path, (handle) => handle.writeFile(data, typeof data === 'string' ? 'utf8' : undefined));
}

/**
 * A large file written a chunk at a time (the library index: tens of MB at 300k tracks), with the same guarantees
 * as writeTextFile: a crash or a full disk leaves the old file or none, never a torn one. Only one chunk is in
 * memory at a time, so the file never exists as one buffer (nor as its pieces plus their concatenation).
 */
export async function writeChunkedFile(path: string, chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>): Promise<void> {
  const source = Symbol.asyncIterator in chunks ? chunks[Symbol.asyncIterator]() : chunks[Symbol.iterator]();
  const scratch = { bytes: Buffer.allocUnsafe(256 * 1024) };
  await writeReplacing(path, async (handle) => {
    for (let n = await nextChunk(source, scratch); n >= 0; n = await nextChunk(source, scratch)) await writeAll(handle, scratch.bytes.subarray(0, n));
  });
}

/**
 * The next chunk's bytes, copied into one reused buffer (its length, or -1 at the end). The chunk itself is dropped
 * before the write is awaited: a string of 150 KB still held by the writing loop while the next one was made
 * outlived a young-generation collection and moved to the old generation (V8 moves large objects on their first
 * survival), swept only by a full collection; a file of 300 such lines held ~50 MB of dead strings and buffers.
 */
async function nextChunk(source: Iterator<string | Uint8Array> | AsyncIterator<string | Uint8Array>, scratch: { bytes: Buffer }): Promise<number> {
  const next = await source.next();
  if (next.done) return -1;
  const chunk = next.value;
  const size = typeof chunk === 'string' ? Buffer.byteLength(chunk, 'utf8') : chunk.byteLength;
  if (size > scratch.bytes.length) scratch.bytes = Buffer.allocUnsafe(Math.max(size, scratch.bytes.length * 2));
  if (typeof chunk === 'string') return scratch.bytes.write(chunk, 0, 'utf8');
  scratch.bytes.set(chunk, 0);
  return size;
}

/** FileHandle.write may write less than asked (a disk filling up): loop, and let the disk's error through. */
async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.byteLength) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.byteLength - offset);
    if (bytesWritten <= 0) throw Object.assign(new Error('no byte could be written'), { code: 'ENOSPC' });
    offset += bytesWritten;
  }
}

async function writeReplacing(path: string, fill: (handle: FileHandle) => Promise<void>): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeThenRename(path, fill);
  } catch (error) {
    throw new HarmoniqError({
      code: 'EDATADIR',
      message: `Cannot write ${path}: ${writeProblem(error)}.`,
      hint: 'Make sure the data directory (HARMONIQ_DATA_DIR) exists, is writable by this user and has free space.',
      cause: error,
    });
  }
}

function writeProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'the disk is full';
  if (code === 'EFBIG') return 'the file size limit was reached (EFBIG)';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'permission denied';
  return (error as Error).message;
}

/**
 * Temp file, every byte written, fsync, rename. Not write-file-atomic: it issues a single write() and ignores
 * a short count, so a disk that fills part-way got a truncated file renamed over the good one.
 * FileHandle.writeFile (and writeAll) loop until all is written and throw the disk's error instead.
 */
async function writeThenRename(path: string, fill: (handle: FileHandle) => Promise<void>): Promise<void> {
  const tmp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    // Exclusive: never write through a file or link someone placed at this name.
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await fill(handle);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw error;
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

/**
 * Proves the directory takes a write. The probe's name is unpredictable and it is created exclusively without
 * following links, so a planted `.write-test-<pid>` symlink cannot make Harmoniq write (or delete) elsewhere.
 */
export async function ensureWritableDir(dir: string): Promise<void> {
  const probe = join(dir, `.write-test-${randomBytes(12).toString('hex')}`);
  let created = false;
  try {
    await mkdir(dir, { recursive: true });
    const handle = await open(probe, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    created = true;
    try {
      // Some bytes, not an empty file: a full disk still lets you create an empty one, then fails the state write.
      await handle.writeFile('harmoniq write test\n');
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const full = code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG';
    throw new HarmoniqError({
      code: 'EDATADIR',
      message: `The data directory ${dir} is not writable: ${code ?? (error as Error).message}${full ? ' (no space left for files)' : ''}.`,
      hint: full
        ? 'Free some space on the disk that holds HARMONIQ_DATA_DIR (or raise the file size limit), or point it at another disk.'
        : 'Set HARMONIQ_DATA_DIR to a folder this user can write, or fix its permissions (in Docker, mount a volume at /data).',
      cause: error,
    });
  } finally {
    if (created) await rm(probe, { force: true }).catch(() => undefined);
  }
}
