import { createReadStream } from 'node:fs';

/** Bytes read at a time: a few lines of the library index (about 150 KB each). */
const CHUNK_BYTES = 1024 * 1024;

/**
 * A file's lines (split at `\n` bytes, decoded as UTF-8), read a chunk at a time. The library index is tens of MB
 * at 300k tracks; reading it whole held that as one buffer beside the tracks it decodes to, at the warm run's peak.
 * A last line without its newline is given too (the caller's count finds a file cut short).
 */
export async function* readLines(path: string): AsyncGenerator<string> {
  let pending: Buffer[] = [];
  for await (const data of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
    const chunk = data as Buffer;
    let start = 0;
    for (let end = chunk.indexOf(0x0a); end >= 0; end = chunk.indexOf(0x0a, start)) {
      const piece = chunk.subarray(start, end);
      yield pending.length === 0 ? piece.toString('utf8') : Buffer.concat([...pending, piece]).toString('utf8');
      pending = [];
      start = end + 1;
    }
    // A copy: the stream may reuse its chunk, and a small rest must not keep a whole megabyte alive.
    if (start < chunk.length) pending.push(Buffer.from(chunk.subarray(start)));
  }
  if (pending.length > 0) yield Buffer.concat(pending).toString('utf8');
}
