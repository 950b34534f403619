import type { Readable } from 'node:stream';

/** Longest line passed on; a plugin printing megabytes without a newline is cut, never buffered whole. */
const MAX_LINE = 4000;

/** Calls `onLine` for each line of a stream (a worker's console), one event per line, bounded in length. */
export function pipeLines(stream: Readable, onLine: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    let at: number;
    while ((at = pending.indexOf('\n')) >= 0) {
      emit(pending.slice(0, at));
      pending = pending.slice(at + 1);
    }
    while (pending.length > MAX_LINE) {
      emit(pending.slice(0, MAX_LINE));
      pending = pending.slice(MAX_LINE);
    }
  });
  stream.on('end', () => {
    if (pending !== '') emit(pending);
    pending = '';
  });
  function emit(line: string): void {
    const text = line.replace(/\r$/, '');
    if (text.trim() !== '') onLine(text);
  }
}
