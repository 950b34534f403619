import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { LineSplitter } from './line-splitter.js';

export { LineTooLongError } from './line-splitter.js';

/** Bytes read at a time: many lines of the matcher's stored parses (a few hundred bytes each). */
const CHUNK_BYTES = 64 * 1024;

/**
 * A file's lines (split at `\n` bytes, decoded as UTF-8), read synchronously a chunk at a time through one reused
 * buffer, for code that cannot wait (the matcher's stored parses, read when the first candidate needs the matcher).
 * Neither the file nor its text is ever held whole: read whole, a 300k library's parses were a 10 MB buffer, its
 * string (twice that once one character is not Latin-1) and one object graph of every entry at once.
 *
 * The same checks as readJsonFile: a symbolic link is not followed, a non-regular file is refused (errors are
 * thrown with their `code`: ENOENT, ELOOP, ENOTREG). A line longer than `maxLineBytes` throws LineTooLongError
 * without reading the rest of it. A last line without its newline is given too (the caller's trailer check finds a
 * file cut short). Closing the generator early (a damaged line) closes the file.
 */
export function* readLinesSync(path: string, maxLineBytes: number): Generator<string> {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    if (!fstatSync(fd).isFile()) throw Object.assign(new Error('it is not a regular file'), { code: 'ENOTREG' });
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    const lines = new LineSplitter(maxLineBytes);
    for (let n = readSync(fd, chunk, 0, CHUNK_BYTES, null); n > 0; n = readSync(fd, chunk, 0, CHUNK_BYTES, null)) {
      yield* lines.push(chunk.subarray(0, n));
    }
    const last = lines.end();
    if (last !== undefined) yield last;
  } finally {
    closeSync(fd);
  }
}
