import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LibraryTrack } from '@harmoniq/core';
import { createMatcher, createMemoryLogger, type MatchCandidate } from '@harmoniq/core/pipeline';
import { matchKeysPath } from '../src/cache/match-keys-cache.js';
import { openCachedMatcher } from '../src/cache/match-results-cache.js';

/** A library that exercises the stored parses: features, versions, live albums, editions, duos, unknown artists. */
const tracks: LibraryTrack[] = [
  { ratingKey: '1', artist: 'Simon & Garfunkel', title: 'The Boxer', album: 'Bridge over Troubled Water', durationMs: 308_000 },
  { ratingKey: '2', artist: 'Queen', title: 'Bohemian Rhapsody', album: 'Live Killers', durationMs: 360_000 },
  { ratingKey: '3', artist: 'Queen', title: 'Bohemian Rhapsody', album: 'A Night at the Opera (2011 Remaster)', durationMs: 355_000 },
  { ratingKey: '4', artist: 'Calvin Harris feat. HAIM', title: 'Pray to God', album: 'Motion (Deluxe Edition)', durationMs: 225_000 },
  { ratingKey: '5', artist: 'Various Artists', albumArtist: 'Various Artists', title: 'Some Very Specific Song Name', album: 'Hits 2020' },
  { ratingKey: '6', artist: 'Avicii', title: 'Levels - Skrillex Remix', album: 'Levels (Remixes) - EP', durationMs: 290_000 },
  { ratingKey: '7', artist: 'The Beatles', title: 'Come Together - Remastered 2009', album: 'Abbey Road', durationMs: 259_000 },
  { ratingKey: '8', artist: 'Ågot Øvrebø', title: 'Før Regnet (feat. Maya Frost)', album: 'Nord', durationMs: 200_000 },
];

const candidates: MatchCandidate[] = [
  { artist: 'Simon and Garfunkel', title: 'The Boxer' },
  { artist: 'Simon', title: 'The Boxer' },
  { artist: 'Queen', title: 'Bohemian Rhapsody (Live)' },
  { artist: 'Queen', title: 'Bohemian Rhapsody', durationMs: 355_000 },
  { artist: 'Calvin Harris', title: 'Pray to God (feat. HAIM)', album: 'Motion' },
  { artist: 'Someone', title: 'Some Very Specific Song Name' },
  { artist: 'Avicii', title: 'Levels (Skrillex Remix)' },
  { artist: 'Beatles, The', title: 'Come Together' },
  { artist: 'Agot Ovrebo', title: 'For Regnet' },
  { artist: 'Nobody', title: 'Nothing Here' },
];

const dataDirOf = () => mkdtempSync(join(tmpdir(), 'harmoniq-keys-'));
const byKey = new Map(tracks.map((t) => [t.ratingKey, t]));
let version = 0;
/**
 * A matcher built from the stored keys: each call is another library version, so no stored result is reused and
 * the matcher is built (from the keys) for every candidate. Flushed, as a run does.
 */
async function createCachedMatcher(o: { dataDir: string; logger: ReturnType<typeof createMemoryLogger>; fromCache: boolean }) {
  const cached = await openCachedMatcher({ ...o, machineIdentifier: 'abc123', sectionId: '3', tracks, byRatingKey: (k) => byKey.get(k), libraryVersion: String(version++) });
  const results = candidates.map((c) => cached.matcher.match(c));
  expect(cached.stats()).toMatchObject({ built: true, reused: 0 });
  await cached.flush();
  return { match: (c: MatchCandidate) => results[candidates.indexOf(c)], explain: (c: MatchCandidate) => cached.matcher.explain(c) };
}
const options = (dataDir: string, logger = createMemoryLogger(), fromCache = true) => ({ dataDir, fromCache, logger });
const decisions = (match: (c: MatchCandidate) => unknown) => candidates.map((c) => JSON.stringify(match(c)));

describe("the matcher's stored keys", () => {
  const fresh = createMatcher(tracks);
  const expected = decisions((c) => fresh.match(c));

  it('are written on the first run and give the same decisions when read back', async () => {
    const dataDir = dataDirOf();
    const first = await createCachedMatcher(options(dataDir, createMemoryLogger(), false));
    expect(decisions((c) => first.match(c))).toEqual(expected);
    const stored = JSON.parse(readFileSync(matchKeysPath(dataDir, 'abc123', '3'), 'utf8')) as { titles: unknown[] };
    expect(stored.titles.length).toBeGreaterThan(0);
    const logger = createMemoryLogger();
    const second = await createCachedMatcher(options(dataDir, logger));
    expect(decisions((c) => second.match(c))).toEqual(expected);
    expect(decisions((c) => second.explain(c))).toEqual(decisions((c) => fresh.explain(c)));
    expect(logger.lines.filter((l) => l.level === 'warn')).toEqual([]);
  });

  it('are rebuilt with a warning when the file is damaged, and the decisions do not change', async () => {
    const dataDir = dataDirOf();
    await createCachedMatcher(options(dataDir, createMemoryLogger(), false));
    const path = matchKeysPath(dataDir, 'abc123', '3');
    const text = readFileSync(path, 'utf8');
    for (const damaged of [text.slice(0, text.length / 2), text.replace(/"core":"[^"]*"/, '"core":17'), 'null', '{"format":1}']) {
      writeFileSync(path, damaged);
      const logger = createMemoryLogger();
      const matcher = await createCachedMatcher(options(dataDir, logger));
      expect(decisions((c) => matcher.match(c))).toEqual(expected);
      expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([expect.stringContaining('parsed again')]);
      // Rebuilt: the next run reads it without a warning.
      const next = createMemoryLogger();
      await createCachedMatcher(options(dataDir, next));
      expect(next.lines.filter((l) => l.level === 'warn')).toEqual([]);
    }
  });

  it("are ignored when another matcher version wrote them (a parse that differs is never reused)", async () => {
    const dataDir = dataDirOf();
    await createCachedMatcher(options(dataDir, createMemoryLogger(), false));
    const path = matchKeysPath(dataDir, 'abc123', '3');
    const stored = JSON.parse(readFileSync(path, 'utf8')) as { fingerprint: string; titles: [string, { core: string }][] };
    // Another version's reading of "The Boxer": if it were used, the first candidate would not match.
    for (const [, t] of stored.titles) t.core = 'something else';
    writeFileSync(path, JSON.stringify({ ...stored, fingerprint: 'another version' }));
    const logger = createMemoryLogger();
    const matcher = await createCachedMatcher(options(dataDir, logger));
    expect(decisions((c) => matcher.match(c))).toEqual(expected);
    expect(logger.lines.filter((l) => l.level === 'warn')).toEqual([]);
  });
});
