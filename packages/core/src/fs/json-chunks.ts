/**
 * Lines joined per piece: enough that the per-write cost vanishes, few enough that a piece (~20 KB) stays a regular
 * young object. Pieces of a thousand entries (~200 KB) were each a large object, and writing the stored parses of a
 * 300k library that way raised the process's peak by ~17 MB, against none in pieces of a hundred (measured alone).
 */
const BATCH = 100;

/**
 * JSON lines (one `JSON.stringify(item)` and a newline per item) in pieces of BATCH lines, for writeChunkedFile:
 * a file of tens of MB (the matcher's stored parses) is never one string plus its encoded copy, and each item is
 * read from its iterable as it is written. JSON.stringify escapes newlines, so a line never holds one.
 */
export function* jsonLineChunks(items: Iterable<unknown>): Generator<string> {
  let batch: string[] = [];
  for (const item of items) {
    batch.push(JSON.stringify(item));
    if (batch.length === BATCH) {
      yield `${batch.join('\n')}\n`;
      batch = [];
    }
  }
  if (batch.length > 0) yield `${batch.join('\n')}\n`;
}
