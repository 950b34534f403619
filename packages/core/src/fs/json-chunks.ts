/**
 * Entries stringified at a time: enough that the per-call cost vanishes, few enough that a piece (~20 KB) stays a
 * regular young object. Pieces of a thousand (~200 KB) were each a large object, and writing the stored parses of a
 * 300k library that way raised the process's peak by ~17 MB, against none now (measured alone).
 */
const BATCH = 100;

/**
 * The text of `JSON.stringify({ ...head, [name]: [...items], … })`, in pieces of about a thousand entries, for
 * writeChunkedFile: a file of tens of MB (the matcher's stored parses) is never one string plus its encoded copy.
 * `head` holds the small fields, written first; each array is read from its iterable as it is written.
 */
export function* jsonObjectChunks(head: Record<string, unknown>, arrays: [string, Iterable<unknown>][]): Generator<string> {
  const start = JSON.stringify(head);
  let first = start === '{}';
  yield start.slice(0, -1);
  for (const [name, items] of arrays) {
    yield `${first ? '' : ','}${JSON.stringify(name)}:[`;
    first = false;
    let batch: unknown[] = [];
    let written = 0;
    const flush = function* (): Generator<string> {
      // An array's text without its brackets: JSON.stringify writes elements exactly as it would inside the whole.
      const text = JSON.stringify(batch).slice(1, -1);
      yield written > 0 ? `,${text}` : text;
      written += batch.length;
      batch = [];
    };
    for (const item of items) {
      batch.push(item);
      if (batch.length === BATCH) yield* flush();
    }
    if (batch.length > 0) yield* flush();
    yield ']';
  }
  yield '}';
}
