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
    const lines = readFileSync(matchKeysPath(dataDir, 'abc123', '3'), 'utf8').split('\n');
    // One entry a line, between its section's name and the next; the trailer counts them.
    const titles = lines.slice(lines.indexOf('"titles"') + 1, lines.indexOf('"albums"'));
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.every((l) => JSON.parse(l)[0] !== undefined)).toBe(true);
    expect(JSON.parse(lines.at(-2)!)).toEqual({ end: { artists: expect.any(Number), titles: titles.length, albums: expect.any(Number) } });
    expect(lines.at(-1)).toBe('');
    const logger = createMemoryLogger();
    const second = await createCachedMatcher(options(dataDir, logger));
    expect(decisions((c) => second.match(c))).toEqual(expected);
    expect(decisions((c) => second.explain(c))).toEqual(decisions((c) => fresh.explain(c)));
    expect(logger.lines.filter((l) => l.level === 'warn')).toEqual([]);
  });

  /** The stored file of a first run, damaged by `damage`, then read by a second run (and a third after it). */
  async function readDamaged(damage: (text: string) => string) {
    const dataDir = dataDirOf();
    await createCachedMatcher(options(dataDir, createMemoryLogger(), false));
    const path = matchKeysPath(dataDir, 'abc123', '3');
    writeFileSync(path, damage(readFileSync(path, 'utf8')));
    const logger = createMemoryLogger();
    const matcher = await createCachedMatcher(options(dataDir, logger));
    expect(decisions((c) => matcher.match(c))).toEqual(expected);
    // Rebuilt: the next run reads it without a word.
    const next = createMemoryLogger();
    await createCachedMatcher(options(dataDir, next));
    expect(next.lines.filter((l) => l.level === 'warn' || l.message.includes('key cache'))).toEqual([]);
    return logger.lines.filter((l) => l.level === 'warn' || l.message.includes('key cache')).map((l) => `${l.level} ${l.message}`);
  }
  const lineOf = (text: string, start: string) => text.split('\n').findIndex((l) => l.startsWith(start));
  const replaceLine = (text: string, index: number, line: string) => text.split('\n').map((l, i) => (i === index ? line : l)).join('\n');

  it.each([
    ['a file cut in the middle of a line', (t: string) => t.slice(0, t.length / 2)],
    ['a file cut at a line boundary (no trailer)', (t: string) => t.split('\n').slice(0, -3).join('\n') + '\n'],
    ['a garbage line', (t: string) => replaceLine(t, 3, '{{{ not json')],
    ['an entry of the wrong shape', (t: string) => t.replace(/"core":"[^"]*"/, '"core":17')],
    ['an entry outside any section', (t: string) => replaceLine(t, lineOf(t, '"artists"'), '["x",1]')],
    ['a line after the trailer', (t: string) => `${t}["late",{}]\n`],
    ['a trailer that miscounts', (t: string) => t.replace(/"titles":(\d+)/, (_m, n: string) => `"titles":${Number(n) + 1}`)],
    ['a format this version does not know', (t: string) => t.replace('"format":2', '"format":3')],
    ['an empty file', () => ''],
    ['null', () => 'null'],
    ['an old header without a fingerprint', () => '{"format":1}'],
    ['one line longer than any entry', () => 'x'.repeat(200_000)],
  ])('are rebuilt with a warning (%s), and the decisions do not change', async (_name, damage) => {
    expect(await readDamaged(damage)).toEqual([expect.stringMatching(/^warn The matcher's key cache .* is unreadable \(.+\); the library's names are parsed again\.$/)]);
  });

  it("are parsed again without a warning, then replaced, when the file is the previous release's single JSON document", async () => {
    // Format 1: { format, fingerprint, artists: [[raw, parse]…], titles, albums } on one line. Both a small one and
    // one longer than a line may be (the reader stops at the limit instead of reading 10 MB as one line).
    const small = JSON.stringify({ format: 1, fingerprint: '1:0123456789abcdef', artists: [['Queen', { key: 'queen' }]], titles: [], albums: [] });
    const large = JSON.stringify({ format: 1, fingerprint: '1:0123456789abcdef', artists: [], titles: Array.from({ length: 3000 }, (_, i) => [`Song ${i}`, { core: `song ${i}` }]), albums: [] });
    for (const old of [small, large]) {
      expect(await readDamaged(() => old)).toEqual([expect.stringMatching(/^debug The matcher's key cache .* is in an earlier release's format; the library's names are parsed again\.$/)]);
    }
  });

  it("are ignored when another matcher version wrote them (a parse that differs is never reused)", async () => {
    const dataDir = dataDirOf();
    await createCachedMatcher(options(dataDir, createMemoryLogger(), false));
    const path = matchKeysPath(dataDir, 'abc123', '3');
    // Another version's reading of every title: if it were used, the first candidate would not match.
    const text = readFileSync(path, 'utf8').replace(/"core":"[^"]*"/g, '"core":"something else"');
    writeFileSync(path, text.replace(/"fingerprint":"[^"]*"/, '"fingerprint":"another version"'));
    const logger = createMemoryLogger();
    const matcher = await createCachedMatcher(options(dataDir, logger));
    expect(decisions((c) => matcher.match(c))).toEqual(expected);
    expect(logger.lines.filter((l) => l.level === 'warn')).toEqual([]);
  });
});
