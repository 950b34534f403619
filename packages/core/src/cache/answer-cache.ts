import { join } from 'node:path';
import { readJsonFile, writeTextFile } from '../fs/json-file.js';
import type { Logger } from '../logging/logger.js';

/**
 * Slow-changing service answers (similar artists, an artist's top tracks, recording metadata) kept in the data
 * directory between runs, so a warm run asks the services only for what can have changed. One JSON file, read once
 * on first use, written once at the end of the run (atomically: temp file, fsync, rename) and only when something
 * new was stored. Bounded: expired entries are dropped on write, then the oldest ones until it fits.
 *
 * Keys are built by the clients from the method and its parameters, never from credentials (an answer about an
 * artist is the same for every API key). Values are JSON; a client passes a shape check, so a damaged or foreign
 * entry is a miss, never a crash.
 */
export const ANSWER_CACHE_FORMAT = 1;
export const ANSWER_CACHE_FILE = 'service-answers.json';
/** Defaults for the bounds: a few thousand artists' worth of answers, a few MB on disk. */
export const ANSWER_CACHE_MAX_ENTRIES = 20_000;
export const ANSWER_CACHE_MAX_BYTES = 16 * 1024 * 1024;

export interface AnswerCache {
  /** A fresh stored answer, or undefined (missing, expired, wrong shape, refreshing, or caching off). */
  get<T>(key: string, check: (value: unknown) => value is T): Promise<T | undefined>;
  /** Stores an answer for `lifetimeMs` (capped by the run's maximum age). */
  set(key: string, value: unknown, lifetimeMs: number): Promise<void>;
  /** The stored answer while fresh, else `fetch`'s, which is then stored. Failures are never stored. */
  remember<T>(key: string, lifetimeMs: number, check: (value: unknown) => value is T, fetch: () => Promise<T>): Promise<T>;
  /** Writes the file when anything was stored this run; a failure is a warning (the next run asks again). */
  flush(): Promise<void>;
  /** Hits and misses so far, for logs and tests. */
  stats(): { hits: number; misses: number; stored: number };
}

export interface AnswerCacheOptions {
  /** The data directory; the file lives in its `cache/` folder. */
  dataDir: string;
  logger: Logger;
  /** Epoch ms (default Date.now). */
  now?: () => number;
  /** --refresh-sources: ignore stored answers (and replace them with this run's). */
  refresh?: boolean;
  /** Caps every per-method lifetime (SERVICE_CACHE_MAX_AGE_HOURS); 0 turns the cache off. */
  maxAgeMs?: number;
  maxEntries?: number;
  maxBytes?: number;
}

interface Entry {
  /** When it was stored (epoch ms): the oldest go first when the file is over its bounds. */
  at: number;
  /** Fresh until (epoch ms). */
  until: number;
  value: unknown;
}

export function answerCachePath(dataDir: string): string {
  return join(dataDir, 'cache', ANSWER_CACHE_FILE);
}

export function createAnswerCache(options: AnswerCacheOptions): AnswerCache {
  const { logger } = options;
  const now = options.now ?? Date.now;
  const path = answerCachePath(options.dataDir);
  const off = options.maxAgeMs !== undefined && options.maxAgeMs <= 0;
  const maxEntries = options.maxEntries ?? ANSWER_CACHE_MAX_ENTRIES;
  const maxBytes = options.maxBytes ?? ANSWER_CACHE_MAX_BYTES;
  let loaded: Promise<Map<string, Entry>> | undefined;
  let dirty = false;
  let hits = 0;
  let misses = 0;
  let stored = 0;
  const pending = new Map<string, Promise<unknown>>();

  const entries = (): Promise<Map<string, Entry>> => (loaded ??= load(path, logger));

  const cache: AnswerCache = {
    async get(key, check) {
      if (off || options.refresh) return undefined;
      const entry = (await entries()).get(key);
      if (!entry || entry.until <= now() || !check(entry.value)) return undefined;
      return entry.value;
    },
    async set(key, value, lifetimeMs) {
      if (off) return;
      const lifetime = options.maxAgeMs === undefined ? lifetimeMs : Math.min(lifetimeMs, options.maxAgeMs);
      if (!(lifetime > 0)) return;
      const at = now();
      (await entries()).set(key, { at, until: at + lifetime, value });
      dirty = true;
      stored += 1;
    },
    remember<T>(key: string, lifetimeMs: number, check: (value: unknown) => value is T, fetch: () => Promise<T>): Promise<T> {
      // Two sources asking the same question in one run share one request.
      const inFlight = pending.get(key);
      if (inFlight) return inFlight as Promise<T>;
      const answer = (async () => {
        const cached = await cache.get(key, check);
        if (cached !== undefined) {
          hits += 1;
          return cached;
        }
        misses += 1;
        const value = await fetch();
        await cache.set(key, value, lifetimeMs);
        return value;
      })();
      pending.set(key, answer);
      // Only while in flight: afterwards the stored entry answers (and a failure is asked again).
      const settled = () => void pending.delete(key);
      answer.then(settled, settled);
      return answer;
    },
    async flush() {
      if (!dirty || !loaded) return;
      dirty = false;
      const text = serialise(await loaded, now(), maxEntries, maxBytes);
      try {
        await writeTextFile(path, text);
      } catch (error) {
        logger.warn(`The service answer cache could not be saved (${(error as Error).message}); the next run asks the services again.`);
      }
    },
    stats: () => ({ hits, misses, stored }),
  };
  return cache;
}

/** The stored entries; a missing file is an empty cache, a damaged one is rebuilt after a warning. */
async function load(path: string, logger: Logger): Promise<Map<string, Entry>> {
  const read = await readJsonFile<unknown>(path);
  const map = new Map<string, Entry>();
  if (read.status === 'missing') return map;
  if (read.status === 'corrupt') {
    logger.warn(`The service answer cache ${path} is unreadable (${read.error}); rebuilding it.`);
    return map;
  }
  const doc = read.value as { format?: unknown; entries?: unknown } | null;
  if (!doc || typeof doc !== 'object' || doc.format !== ANSWER_CACHE_FORMAT || !doc.entries || typeof doc.entries !== 'object') {
    logger.warn(`The service answer cache ${path} is from another version or damaged; rebuilding it.`);
    return map;
  }
  let dropped = 0;
  for (const [key, raw] of Object.entries(doc.entries as Record<string, unknown>)) {
    const e = raw as Partial<Entry> | null;
    if (e && typeof e === 'object' && typeof e.at === 'number' && typeof e.until === 'number' && 'value' in e) {
      map.set(key, { at: e.at, until: e.until, value: e.value });
    } else dropped += 1;
  }
  if (dropped > 0) logger.warn(`The service answer cache ${path} had ${dropped} damaged entries; they are asked for again.`);
  return map;
}

/** Fresh entries only, newest kept when over the bounds; one line per entry keeps a damaged file diagnosable. */
function serialise(map: Map<string, Entry>, at: number, maxEntries: number, maxBytes: number): string {
  const fresh = [...map].filter(([, e]) => e.until > at).sort(([, a], [, b]) => b.at - a.at);
  const lines: string[] = [];
  let bytes = 64;
  for (const [key, entry] of fresh) {
    if (lines.length >= maxEntries) break;
    const line = `${JSON.stringify(key)}:${JSON.stringify(entry)}`;
    bytes += Buffer.byteLength(line) + 2;
    if (bytes > maxBytes) break;
    lines.push(line);
  }
  // Keep what was written as the run's view too, so a second flush does not resurrect evicted entries.
  const kept = new Set(fresh.slice(0, lines.length).map(([k]) => k));
  for (const key of [...map.keys()]) if (!kept.has(key)) map.delete(key);
  return `{"format":${ANSWER_CACHE_FORMAT},"entries":{\n${lines.join(',\n')}\n}}\n`;
}
