// Matcher throughput against the real index: createMatcher(tracks).match over many realistic candidates.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createMatcher, readCachedTracks } from '@harmoniq/core/pipeline';

/** The library index the cold run cached: exactly the LibraryTrack[] a sync matches against. */
export async function cachedTracks(dataDir) {
  const dir = join(dataDir, 'cache');
  const file = readdirSync(dir).find((f) => f.startsWith('library-') && f.endsWith('.json'));
  if (!file) throw new Error(`no library index in ${dir}`);
  return readCachedTracks(join(dir, file));
}

/**
 * Every distinct track the emulated services would offer (Last.fm lists and similar tracks, ListenBrainz
 * recordings): library tracks, respelled ones and ones the library lacks, with the services' durations.
 */
export function serviceCandidates(world) {
  const seen = new Map();
  const add = (artist, title, album, durationMs) => {
    const key = `${artist}\u0000${title}\u0000${album ?? ''}`;
    if (!seen.has(key)) seen.set(key, { artist, title, ...(album ? { album } : {}), ...(durationMs ? { durationMs } : {}) });
  };
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    if (typeof node.artist === 'string' && typeof node.title === 'string') {
      add(node.artist, node.title, node.album, node.durationS ? node.durationS * 1000 : node.lengthMs);
    }
    for (const v of Object.values(node)) if (v !== null && typeof v === 'object') walk(v);
  };
  walk(world.lastfmData);
  walk(world.recordings);
  return [...seen.values()];
}

/** Builds the matcher, warms it with one pass, then matches in passes until `minSeconds` have gone by. */
export function measureMatcher(tracks, candidates, { minSeconds = 3 } = {}) {
  const t0 = performance.now();
  const matcher = createMatcher(tracks);
  const buildMs = performance.now() - t0;
  let matched = 0;
  for (const c of candidates) if (matcher.match(c).status === 'matched') matched++;
  let count = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    for (const c of candidates) matcher.match(c);
    count += candidates.length;
    elapsed = performance.now() - started;
  } while (elapsed < minSeconds * 1000);
  return { buildMs, candidates: candidates.length, matchedShare: candidates.length ? matched / candidates.length : 0, matches: count, perSecond: count / (elapsed / 1000) };
}
