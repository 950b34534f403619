// Matcher throughput against the real index: createMatcher(tracks).match over many realistic candidates.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMatcher } from '@harmoniq/core/pipeline';
import { runNode } from './run-child.mjs';

const CHILD = fileURLToPath(new URL('./matcher-child.mjs', import.meta.url));

/** The file of the library index the cold run cached: exactly the LibraryTrack[] a sync matches against. */
function cachedIndexFile(dataDir) {
  const dir = join(dataDir, 'cache');
  const file = readdirSync(dir).find((f) => f.startsWith('library-') && f.endsWith('.json'));
  if (!file) throw new Error(`no library index in ${dir}`);
  return join(dir, file);
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

/** measureMatcher in a child process that holds only the cached index and the candidates (matcher-child.mjs). */
export async function measureMatcherApart(dataDir, candidates, { minSeconds = 3 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'harmoniq-bench-matcher-'));
  try {
    const candidatesFile = join(dir, 'candidates.json');
    writeFileSync(candidatesFile, JSON.stringify(candidates));
    const run = await runNode([CHILD, cachedIndexFile(dataDir), candidatesFile, String(minSeconds)], {}, process.cwd());
    if (run.code !== 0) throw new Error(`matcher measurement exited ${run.code}: ${run.stderr.slice(0, 2000)}`);
    return JSON.parse(run.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
