import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { readJsonFile, writeTextFile } from '../fs/json-file.js';
import type { LibraryTrack } from '../library/types.js';
import type { Logger } from '../logging/logger.js';
import type { MatchOverride } from '../config/types.js';
import { prepareMatcher } from '../match/create-matcher.js';
import type { Explanation, MatchCandidate, Matcher, MatchResult, MatchVia, UnmatchedReason } from '../match/types.js';
import { loadMatchKeys, matchKeysFingerprint, matchKeysPath, saveMatchKeys } from './match-keys-cache.js';
import type { MatchKeys } from '../match/prepare.js';

/**
 * A run's matcher, as cheap as what changed (decision 0017):
 *  - each candidate's result is kept between runs (`cache/match-results.json`), valid only for the library version,
 *    matcher code and overrides it was decided with (the file's `scope`); a run whose candidates were all decided
 *    before never builds the matcher at all;
 *  - otherwise the matcher is built on the first candidate that needs it, from the stored parses (match-keys-cache),
 *    which are read only then;
 *  - a candidate naming a library track by rating key is decided as the matcher's first stage decides it, without
 *    the matcher, and not stored.
 *
 * A stored result names library tracks by ratingKey; one naming a track the library no longer has, or of the wrong
 * shape, is matched again. A damaged file is a warning and a fresh start. Only results used this run are written.
 */
const FORMAT = 1;
export const MATCH_RESULTS_FILE = 'match-results.json';

export interface CachedMatcherOptions {
  dataDir: string;
  machineIdentifier: string;
  sectionId: string;
  tracks: readonly LibraryTrack[];
  /** The library's lookup by ratingKey (LibraryIndex.byRatingKey), to give stored results their tracks. */
  byRatingKey: (ratingKey: string) => LibraryTrack | undefined;
  /** The loaded library's version (LoadedLibrary.version): results of another version are not reused. */
  libraryVersion: string;
  overrides?: readonly MatchOverride[];
  /** The library index was reused unchanged: stored parses then need rewriting only if something was parsed. */
  fromCache: boolean;
  logger: Logger;
}

export interface CachedMatcher {
  matcher: Matcher;
  /** Writes what changed (results, parses); failures are warnings. Call once, after the run's matching. */
  flush(): Promise<void>;
  stats(): { reused: number; matched: number; built: boolean };
}

/** What is stored of a result: tracks by ratingKey. */
type Stored =
  | { status: 'matched'; ratingKey: string; via: string; score: number; notes?: string[] }
  | { status: 'unmatched'; reason: string; best?: { ratingKey: string; score: number; why: string }; notes?: string[] };

interface StoredFile {
  format: number;
  scope: string;
  results: Record<string, Stored>;
}

export function matchResultsPath(dataDir: string): string {
  return join(dataDir, 'cache', MATCH_RESULTS_FILE);
}

/** Everything of a candidate the matcher reads. */
function candidateKey(c: MatchCandidate): string {
  return JSON.stringify([c.artist, c.title, c.album ?? null, c.durationMs ?? null, c.ids?.plexRatingKey ?? null]);
}

export async function openCachedMatcher(options: CachedMatcherOptions): Promise<CachedMatcher> {
  const { logger, tracks } = options;
  const resultsPath = matchResultsPath(options.dataDir);
  const keysPath = matchKeysPath(options.dataDir, options.machineIdentifier, options.sectionId);
  const scope = createHash('sha256')
    .update(JSON.stringify([options.machineIdentifier, options.sectionId, options.libraryVersion, matchKeysFingerprint(), options.overrides ?? []]))
    .digest('hex');
  const stored = await loadResults(resultsPath, scope, logger);

  const used: Record<string, Stored> = {};
  let changed = false;
  let damaged = 0;
  let reused = 0;
  let matchedCount = 0;
  let byRatingKey = 0;
  let built: { matcher: Matcher; libraryParses: number; keys: MatchKeys } | undefined;
  // The stored parses are read only here: at 300k tracks they are ~10 MB of JSON and ~50 MB in memory, which a
  // run whose results were all stored never needs.
  const real = (): Matcher => {
    if (!built) {
      const keys = loadMatchKeys(keysPath, logger);
      built = { ...prepareMatcher(tracks, { overrides: options.overrides ?? [], keys }), keys };
    }
    return built.matcher;
  };

  const match = (candidate: MatchCandidate): MatchResult => {
    // The matcher's first stage (create-matcher.ts) needs none of its index. Daily Flow's and Sonic Mix's picks name
    // library tracks by rating key: a new pick must not cost building the matcher (seconds and ~100 MB at 300k
    // tracks). Not stored: it costs one lookup.
    const key = candidate.ids?.plexRatingKey;
    const track = key === undefined ? undefined : options.byRatingKey(key);
    if (track) {
      byRatingKey++;
      return { status: 'matched', track, via: 'rating-key', score: 1 };
    }
    const ck = candidateKey(candidate);
    const saved = stored[ck];
    const revived = saved === undefined ? undefined : revive(saved, options.byRatingKey);
    if (revived) {
      used[ck] = saved!;
      reused++;
      return revived;
    }
    if (saved !== undefined) damaged++;
    const result = real().match(candidate);
    matchedCount++;
    used[ck] = toStored(result);
    changed = true;
    return result;
  };

  return {
    matcher: { match, explain: (c: MatchCandidate, limit?: number): Explanation => real().explain(c, limit) },
    stats: () => ({ reused, matched: matchedCount, built: built !== undefined }),
    async flush() {
      logger.debug(`Matching: ${reused} candidates decided by earlier runs, ${byRatingKey} by rating key, ${matchedCount} by the matcher (${built ? 'built' : 'not built'}).`);
      if (damaged > 0) logger.warn(`The match result cache ${resultsPath} had ${damaged} damaged entries; those candidates were matched again.`);
      if (built && (built.libraryParses > 0 || !options.fromCache)) await saveMatchKeys(keysPath, built.keys, tracks, logger);
      // Also rewritten when results of earlier runs went unused, so the file holds only what runs still ask.
      if (!changed && Object.keys(used).length === Object.keys(stored).length) return;
      const file: StoredFile = { format: FORMAT, scope, results: used };
      try {
        await writeTextFile(resultsPath, JSON.stringify(file));
      } catch (error) {
        logger.warn(`The match result cache could not be saved (${(error as Error).message}); the next run matches every candidate again.`);
      }
    },
  };
}

async function loadResults(path: string, scope: string, logger: Logger): Promise<Record<string, Stored>> {
  const read = await readJsonFile<unknown>(path);
  if (read.status === 'missing') return {};
  if (read.status === 'corrupt') {
    logger.warn(`The match result cache ${path} is unreadable (${read.error}); every candidate is matched again.`);
    return {};
  }
  const file = read.value as Partial<StoredFile> | null;
  if (file === null || typeof file !== 'object' || file.format !== FORMAT || typeof file.scope !== 'string' || file.results === null || typeof file.results !== 'object' || Array.isArray(file.results)) {
    logger.warn(`The match result cache ${path} is from another version or damaged; every candidate is matched again.`);
    return {};
  }
  // Another library version, matcher or overrides: every result may differ (expected after a library change).
  if (file.scope !== scope) return {};
  return Object.assign(Object.create(null) as Record<string, Stored>, file.results);
}

function toStored(r: MatchResult): Stored {
  const notes = r.notes ? { notes: r.notes } : {};
  if (r.status === 'matched') return { status: 'matched', ratingKey: r.track.ratingKey, via: r.via, score: r.score, ...notes };
  const best = r.best ? { best: { ratingKey: r.best.track.ratingKey, score: r.best.score, why: r.best.why } } : {};
  return { status: 'unmatched', reason: r.reason, ...best, ...notes };
}

const VIAS = new Set(['rating-key', 'override', 'exact', 'relaxed', 'fuzzy']);
const REASONS = new Set(['not-found', 'below-threshold', 'ambiguous', 'skipped']);
const isNotes = (v: unknown): boolean => v === undefined || (Array.isArray(v) && v.every((n) => typeof n === 'string'));

/** The stored result with its library tracks, or undefined when it is damaged or names a track no longer there. */
function revive(s: Stored, byKey: (ratingKey: string) => LibraryTrack | undefined): MatchResult | undefined {
  if (s === null || typeof s !== 'object' || !isNotes(s.notes)) return undefined;
  const notes = s.notes ? { notes: [...s.notes] } : {};
  if (s.status === 'matched') {
    const track = typeof s.ratingKey === 'string' ? byKey(s.ratingKey) : undefined;
    if (!track || !VIAS.has(s.via) || typeof s.score !== 'number') return undefined;
    return { status: 'matched', track, via: s.via as MatchVia, score: s.score, ...notes };
  }
  if (s.status !== 'unmatched' || !REASONS.has(s.reason)) return undefined;
  if (s.best === undefined) return { status: 'unmatched', reason: s.reason as UnmatchedReason, ...notes };
  const b = s.best as Partial<NonNullable<typeof s.best>> | null;
  const track = b && typeof b.ratingKey === 'string' ? byKey(b.ratingKey) : undefined;
  if (!b || !track || typeof b.score !== 'number' || typeof b.why !== 'string') return undefined;
  return { status: 'unmatched', reason: s.reason as UnmatchedReason, best: { track, score: b.score, why: b.why }, ...notes };
}
