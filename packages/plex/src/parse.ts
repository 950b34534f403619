/**
 * Readers for untrusted Plex JSON. Every response is `unknown` until one of these has looked at it:
 * Plex sends ratingKeys as strings but some servers and proxies send numbers, flags as booleans or 0/1,
 * and it omits arrays that would be empty.
 */
export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** An array field; missing or not an array means empty. Non-object entries are dropped. */
export function objects(value: unknown): JsonObject[] {
  if (!Array.isArray(value)) return [];
  const out: JsonObject[] = [];
  for (const v of value) {
    const o = asObject(v);
    if (o) out.push(o);
  }
  return out;
}

/** A string, or a number turned into one (ratingKeys and ids are strings, but tolerate numbers). */
export function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A non-empty string id. */
export function id(value: unknown): string | undefined {
  const s = str(value)?.trim();
  return s ? s : undefined;
}

/** A finite number, or a numeric string. */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** true/false, 1/0, "1"/"0", "true"/"false". */
export function bool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1' || value === 'true') return true;
  if (value === 0 || value === '0' || value === 'false') return false;
  return undefined;
}

/** The `tag` of every entry of a tag array (Genre[], …), deduplicated, in order. */
export function tags(value: unknown): string[] {
  const out: string[] = [];
  for (const o of objects(value)) {
    const tag = str(o['tag'])?.trim();
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}

/** Plex epoch seconds → epoch milliseconds. */
export function secondsToMs(value: unknown): number | undefined {
  const n = num(value);
  return n === undefined ? undefined : Math.round(n * 1000);
}

/** A header value (got gives arrays for repeated headers). */
export function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
