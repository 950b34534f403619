import { HarmoniqError } from '../errors/harmoniq-error.js';

/**
 * Bounds on what a server may send. Every one is documented in docs/reliability.md; crossing one is an
 * ELIMIT error for the request (and so for the source or playlist that made it), never a crash.
 *
 * A body: the largest honest answer is a Plex page of 1,000 tracks with GUIDs and genres, about 2–3 MB; 64 MiB
 * leaves room for twenty-fold page sizes while a 300 MB page or a gzip bomb stops long before memory runs out.
 */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Nesting of a JSON answer. Plex's deepest honest shape (track → Media → Part → Stream) is under 10 levels. */
export const DEFAULT_MAX_JSON_DEPTH = 64;

export function bodyTooLargeError(method: string, url: URL, maxBytes: number): HarmoniqError {
  return new HarmoniqError({
    code: 'ELIMIT',
    message: `${method} ${url.origin}${url.pathname} sent more than ${formatBytes(maxBytes)} (counted after decompression); Harmoniq stopped reading it.`,
    hint: 'An honest answer is far smaller: check for a proxy or a misbehaving server. The bound is HARMONIQ_MAX_BODY_MB (see docs/reliability.md).',
    retryable: false,
  });
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MiB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KiB`;
  return `${n} bytes`;
}

/**
 * JSON.parse with a nesting bound checked first, in one pass over the text without recursion: a body nested
 * ten thousand levels deep is refused with a description instead of overflowing the stack of whatever walks
 * the parsed value later (a stringify, a redactor, a mapper).
 */
export function parseJsonBounded(text: string, maxDepth = DEFAULT_MAX_JSON_DEPTH): { value: unknown } | { problem: string } {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > maxDepth) return { problem: `JSON nested more than ${maxDepth} levels deep` };
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { problem: 'a body that is not valid JSON' };
  }
}
