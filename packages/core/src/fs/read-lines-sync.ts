import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** Bytes read at a time: many lines of the matcher's stored parses (a few hundred bytes each). */
const CHUNK_BYTES = 64 * 1024;

/** A line longer than the caller allows: not a file of the format it expects (or one damaged). */
export class LineTooLongError extends Error {
  constructor(
    readonly limit: number,
    /** The line's first bytes, decoded: enough to tell an earlier format's document from garbage. */
    readonly start: string,
  ) {
    super(`a line is longer than ${limit} bytes`);
  }
}

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
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    for (let n = readSync(fd, chunk, 0, CHUNK_BYTES, null); n > 0; n = readSync(fd, chunk, 0, CHUNK_BYTES, null)) {
      const data = chunk.subarray(0, n);
      let start = 0;
      for (let end = data.indexOf(0x0a); end >= 0; end = data.indexOf(0x0a, start)) {
        const piece = data.subarray(start, end);
        if (pendingBytes + piece.length > maxLineBytes) throw tooLong(maxLineBytes, [...pending, piece]);
        yield pending.length === 0 ? piece.toString('utf8') : Buffer.concat([...pending, piece]).toString('utf8');
        pending = [];
        pendingBytes = 0;
        start = end + 1;
      }
      if (start < n) {
        // A copy: the chunk is reused for the next read.
        pending.push(Buffer.from(data.subarray(start)));
        pendingBytes += n - start;
        if (pendingBytes > maxLineBytes) throw tooLong(maxLineBytes, pending);
      }
    }
    if (pending.length > 0) yield Buffer.concat(pending).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function tooLong(limit: number, pieces: Buffer[]): LineTooLongError {
  return new LineTooLongError(limit, Buffer.concat(pieces).subarray(0, 64).toString('utf8'));
}
