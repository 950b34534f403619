import { createReadStream } from 'node:fs';
import { LineSplitter } from './line-splitter.js';

/** Bytes read at a time: a few lines of the library index (about 150 KB each). */
const CHUNK_BYTES = 1024 * 1024;

/**
 * A file's lines (split at `\n` bytes, decoded as UTF-8), read a chunk at a time. The library index is tens of MB
 * at 300k tracks; reading it whole held that as one buffer beside the tracks it decodes to, at the warm run's peak.
 * A last line without its newline is given too (the caller's count finds a file cut short).
 */
export async function* readLines(path: string): AsyncGenerator<string> {
  const lines = new LineSplitter();
  for await (const data of createReadStream(path, { highWaterMark: CHUNK_BYTES })) yield* lines.push(data as Buffer);
  const last = lines.end();
  if (last !== undefined) yield last;
}
