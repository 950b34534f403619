/**
 * Rating keys per request that names them in its URL (a playlist's create or append, a metadata read): keeps
 * URLs well under the ~8 KB where servers answer 414.
 */
export const MAX_KEYS_PER_REQUEST = 200;
export const MAX_KEY_CHARS_PER_REQUEST = 4000;

/** Splits keys into requests of at most MAX_KEYS_PER_REQUEST keys and MAX_KEY_CHARS_PER_REQUEST characters. */
export function chunkKeys(keys: readonly string[]): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const key of keys) {
    const cost = encodeURIComponent(key).length + 3;
    if (current.length && (current.length >= MAX_KEYS_PER_REQUEST || chars + cost > MAX_KEY_CHARS_PER_REQUEST)) {
      chunks.push(current);
      current = [];
      chars = 0;
    }
    current.push(key);
    chars += cost;
  }
  if (current.length) chunks.push(current);
  return chunks;
}
