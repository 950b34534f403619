import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LibraryTrack } from '@harmoniq/core';
import { createMatcher, createMemoryLogger, type MatchCandidate, type MatchOverride } from '@harmoniq/core/pipeline';
import { matchKeysPath } from '../src/cache/match-keys-cache.js';
import { matchResultsPath, openCachedMatcher } from '../src/cache/match-results-cache.js';

const tracks: LibraryTrack[] = [
  { ratingKey: '1', artist: 'Simon & Garfunkel', title: 'The Boxer', album: 'Bridge over Troubled Water', durationMs: 308_000 },
  { ratingKey: '2', artist: 'Queen', title: 'Bohemian Rhapsody', album: 'Live Killers', durationMs: 360_000 },
  { ratingKey: '3', artist: 'Queen', title: 'Bohemian Rhapsody', album: 'A Night at the Opera', durationMs: 355_000 },
  { ratingKey: '4', artist: 'Air', title: 'Playground Love', album: 'The Virgin Suicides' },
];
const candidates: MatchCandidate[] = [
  { artist: 'Simon and Garfunkel', title: 'The Boxer' },
  { artist: 'Queen', title: 'Bohemian Rhapsody (Live)' },
  { artist: 'Queen', title: 'Bohemian Rhapsody', durationMs: 355_000 },
  { artist: 'Air', title: 'Playground Lov' },
  { artist: 'Nobody', title: 'Nothing Here' },
  { artist: 'Air', title: 'Anything', ids: { plexRatingKey: '99' } },
];
const byKey = new Map(tracks.map((t) => [t.ratingKey, t]));

async function run(dataDir: string, o: { version?: string; overrides?: MatchOverride[]; lib?: LibraryTrack[] } = {}) {
  const logger = createMemoryLogger();
  const lib = o.lib ?? tracks;
  const keys = new Map(lib.map((t) => [t.ratingKey, t]));
  const cached = await openCachedMatcher({
    dataDir, machineIdentifier: 'abc123', sectionId: '3', tracks: lib, byRatingKey: (k) => keys.get(k),
    libraryVersion: o.version ?? 'v1', overrides: o.overrides ?? [], fromCache: true, logger,
  });
  const results = candidates.map((c) => cached.matcher.match(c));
  await cached.flush();
  return { results, stats: cached.stats(), warnings: logger.lines.filter((l) => l.level === 'warn').map((l) => l.message) };
}

const expected = (overrides: MatchOverride[] = []) => {
  const m = createMatcher(tracks, { overrides });
  return candidates.map((c) => m.match(c));
};

describe('the match result cache', () => {
  it('decides candidates seen before without building the matcher, with the same results (same track objects)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'harmoniq-results-'));
    const first = await run(dataDir);
    expect(first.stats).toEqual({ reused: 0, matched: candidates.length, built: true });
    expect(first.results).toEqual(expected());
    const second = await run(dataDir);
    expect(second.stats).toEqual({ reused: candidates.length, matched: 0, built: false });
    expect(second.results).toEqual(expected());
    expect((second.results[0] as { track: LibraryTrack }).track).toBe(byKey.get('1'));
    expect(second.warnings).toEqual([]);
  });

  it('is not reused for another library version or other overrides', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'harmoniq-results-'));
    await run(dataDir);
    expect((await run(dataDir, { version: 'v2' })).stats.built).toBe(true);
    const overrides: MatchOverride[] = [{ artist: 'Air', title: 'Playground Lov', ratingKey: '1' }];
    const overridden = await run(dataDir, { version: 'v2', overrides });
    expect(overridden.stats.built).toBe(true);
    expect(overridden.results).toEqual(expected(overrides));
  });

  it('matches again, with a warning, a stored result naming a track the library lacks or of a damaged shape', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'harmoniq-results-'));
    await run(dataDir);
    const path = matchResultsPath(dataDir);
    const file = JSON.parse(readFileSync(path, 'utf8')) as { results: Record<string, Record<string, unknown>> };
    const entries = Object.values(file.results);
    entries[0]!.ratingKey = '404';
    entries[1]!.status = 'maybe';
    writeFileSync(path, JSON.stringify(file));
    const again = await run(dataDir);
    expect(again.results).toEqual(expected());
    expect(again.stats).toEqual({ reused: candidates.length - 2, matched: 2, built: true });
    expect(again.warnings).toEqual([expect.stringMatching(/match result cache .* had 2 damaged entries/)]);
  });

  it.each([
    ['garbage', '{{{'],
    ['truncated', null],
    ['valid JSON of another shape', '{"format":1,"scope":"x","results":[]}'],
  ])('(%s) is rebuilt with a warning, and the decisions do not change', async (_name, damage) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'harmoniq-results-'));
    await run(dataDir);
    const path = matchResultsPath(dataDir);
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, damage ?? text.slice(0, text.length / 2));
    const again = await run(dataDir);
    expect(again.results).toEqual(expected());
    expect(again.stats.built).toBe(true);
    expect(again.warnings).toEqual([expect.stringMatching(/match result cache .* (unreadable|another version or damaged)/)]);
    expect((await run(dataDir)).stats).toEqual({ reused: candidates.length, matched: 0, built: false });
  });

  it('decides a candidate naming a library track by rating key as the matcher does, without building it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'harmoniq-results-'));
    await run(dataDir);
    const logger = createMemoryLogger();
    const cached = await openCachedMatcher({
      dataDir, machineIdentifier: 'abc123', sectionId: '3', tracks, byRatingKey: (k) => byKey.get(k),
      libraryVersion: 'v1', overrides: [], fromCache: true, logger,
    });
    // New picks (never stored), one of them with an override that the rating key wins over, as in the matcher.
    const picks: MatchCandidate[] = [
      { artist: 'Air', title: 'Playground Love', ids: { plexRatingKey: '4' } },
      { artist: 'Queen', title: 'Anything at all', ids: { plexRatingKey: '2' } },
    ];
    const results = picks.map((c) => cached.matcher.match(c));
    const overrides: MatchOverride[] = [{ artist: 'Air', title: 'Playground Love', ratingKey: '1' }];
    expect(results).toEqual(picks.map((c) => createMatcher(tracks, { overrides }).match(c)));
    expect(results.map((r) => (r as { track: LibraryTrack }).track)).toEqual([byKey.get('4'), byKey.get('2')]);
    expect(cached.stats()).toEqual({ reused: 0, matched: 0, built: false });
    await cached.flush();
    expect(logger.lines.filter((l) => l.level === 'warn')).toEqual([]);
  });

  it("reads the matcher's stored parses only when a candidate needs the matcher", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'harmoniq-results-'));
    await run(dataDir);
    writeFileSync(matchKeysPath(dataDir, 'abc123', '3'), '{{{');
    // Every candidate decided before: the damaged parses are never read, so nothing to warn about.
    const reused = await run(dataDir);
    expect(reused.stats.built).toBe(false);
    expect(reused.warnings).toEqual([]);
    // Another library version: the matcher is built, finds the damage, warns once and rewrites the parses.
    const rebuilt = await run(dataDir, { version: 'v2' });
    expect(rebuilt.stats.built).toBe(true);
    expect(rebuilt.results).toEqual(expected());
    expect(rebuilt.warnings).toEqual([expect.stringMatching(/key cache .* is unreadable/)]);
    expect((await run(dataDir, { version: 'v3' })).warnings).toEqual([]);
  });
});
