import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { jsonObjectChunks } from '../fs/json-chunks.js';
import { readJsonFileSync, writeChunkedFile } from '../fs/json-file.js';
import type { LibraryTrack } from '../library/types.js';
import type { Logger } from '../logging/logger.js';
import { parseArtist, type ParsedArtist } from '../match/parse-artist.js';
import { parseTitle, type ParsedTitle } from '../match/parse-title.js';
import { albumKeysOf, emptyMatchKeys, RAW_KEY, type AlbumKeys, type MatchKeys } from '../match/prepare.js';
import type { VersionTag } from '../match/version-words.js';

/**
 * The matcher's parses of the library's artists, titles and album names, kept between runs (decision 0017): a warm
 * run builds its matcher from them instead of parsing every distinct string of a 100k-track library again.
 *
 * One JSON file per server and section. Its `fingerprint` is MATCH_KEYS_VERSION plus a hash of what the parsers
 * make of a fixed set of tricky strings, so a matcher whose rules changed (even without a version bump) parses
 * afresh rather than reusing another version's keys. Written only when the library needed new parses or changed
 * (entries of tracks no longer in the library are dropped then); a missing, damaged, foreign or outdated file is
 * a full parse, as before, with a warning when it was damaged.
 */
export const MATCH_KEYS_VERSION = 1;
const FORMAT = 1;

export function matchKeysPath(dataDir: string, machineIdentifier: string, sectionId: string): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');
  return join(dataDir, 'cache', `match-keys-${safe(machineIdentifier)}-${safe(sectionId)}.json`);
}

// Strings that exercise every parsing rule (features, versions, parts, brackets, dashes, duos, "The", accents,
// unknown artists, live albums, editions): if the parsers read any of them differently, stored keys are stale.
const PROBES = [
  'Song (feat. A & B) [Live at Wembley] - 2011 Remaster',
  'Title, Pt. II - Robin Schulz Remix',
  'Don’t Stop (Radio Edit) (with Kacey Musgraves)',
  'Hello - Acoustic Version; Bonus Track',
  'Rock (From "The Movie" Soundtrack) [Explicit]',
  '月亮代表 (Live)',
  'Ça plane pour moi - Single Version',
  '07 - Intro (Instrumental) / Outro',
  'Simon & Garfunkel',
  'The Beatles, Metro Boomin x Don Toliver feat. Wizkid & Beam',
  'Various Artists',
  'Live Killers',
  'Hotel Cabana (Deluxe Version) - EP',
  'Live Through This',
];

let fingerprintMemo: string | undefined;
/**
 * MATCH_KEYS_VERSION, a hash of the matcher's own code (the files of match/ as installed, so any edit to a rule
 * counts) and a hash of the parsers' reading of PROBES. Stored parses and stored results of another fingerprint
 * are never reused.
 */
export function matchKeysFingerprint(): string {
  if (fingerprintMemo === undefined) {
    const parsed = PROBES.map((p) => [parseTitle(p), parseArtist(p), albumKeysOf(p)]);
    const hash = createHash('sha256').update(JSON.stringify(parsed)).update(matcherCode()).digest('hex').slice(0, 16);
    fingerprintMemo = `${MATCH_KEYS_VERSION}:${hash}`;
  }
  return fingerprintMemo;
}

function matcherCode(): string {
  try {
    const dir = fileURLToPath(new URL('../match/', import.meta.url));
    const files = readdirSync(dir).filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith('.d.ts')).sort();
    return files.map((f) => `${f}\n${readFileSync(join(dir, f), 'utf8')}`).join('\n');
  } catch {
    // Bundled or relocated code: the version and the probes still tell matchers apart.
    return '';
  }
}

interface StoredKeys {
  format: number;
  fingerprint: string;
  artists: [string, ParsedArtist][];
  titles: [string, ParsedTitle][];
  albums: [string, AlbumKeys][];
}

/**
 * Stored keys, or empty ones (after a warning when the file is damaged). Synchronous: it is read only when the
 * first candidate needs the matcher (match() is synchronous), so a run whose results were all stored never reads it.
 */
export function loadMatchKeys(path: string, logger: Logger): MatchKeys {
  const read = readJsonFileSync<unknown>(path);
  if (read.status === 'missing') return emptyMatchKeys();
  if (read.status === 'corrupt') {
    logger.warn(`The matcher's key cache ${path} is unreadable (${read.error}); the library's names are parsed again.`);
    return emptyMatchKeys();
  }
  const stored = read.value as Partial<StoredKeys> | null;
  if (stored !== null && typeof stored === 'object' && stored.format === FORMAT && typeof stored.fingerprint === 'string' && stored.fingerprint !== matchKeysFingerprint()) {
    logger.debug(`The matcher's key cache ${path} is from another matcher version; the library's names are parsed again.`);
    return emptyMatchKeys();
  }
  const keys = validKeys(stored);
  if (!keys) logger.warn(`The matcher's key cache ${path} is from another version or damaged; the library's names are parsed again.`);
  return keys ?? emptyMatchKeys();
}

/** Writes the keys the library's tracks use (and no others); a failure is a warning. */
export async function saveMatchKeys(path: string, keys: MatchKeys, tracks: readonly LibraryTrack[], logger: Logger): Promise<void> {
  // The same JSON as one StoredKeys document, written in small pieces (json-chunks.ts), each array read from the
  // tracks as it is written: as one string it was ~40 MB at 300k tracks, at the very end of a cold run, which set
  // the run's peak.
  const head: Pick<StoredKeys, 'format' | 'fingerprint'> = { format: FORMAT, fingerprint: matchKeysFingerprint() };
  try {
    await writeChunkedFile(
      path,
      jsonObjectChunks(head, [
        ['artists', usedEntries(tracks, keys.artists, RAW_KEY.artist)],
        ['titles', usedEntries(tracks, keys.titles, RAW_KEY.title)],
        ['albums', usedEntries(tracks, keys.albums, RAW_KEY.album)],
      ]),
    );
  } catch (error) {
    logger.warn(`The matcher's key cache could not be saved (${(error as Error).message}); the next run parses the library's names again.`);
  }
}

/** The entries of `from` the tracks name, each once, in track order (what the stored file must hold, and no more). */
function* usedEntries<T>(tracks: readonly LibraryTrack[], from: Map<string, T>, rawOf: (t: LibraryTrack) => string | undefined): Generator<[string, T]> {
  const seen = new Set<string>();
  for (const t of tracks) {
    const raw = rawOf(t);
    if (raw === undefined || seen.has(raw)) continue;
    seen.add(raw);
    const value = from.get(raw);
    if (value !== undefined) yield [raw, value];
  }
}

// Shape checks: a damaged entry must never reach the matcher (it would decide on garbage).
const isString = (v: unknown): v is string => typeof v === 'string';
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const EMPTY: never[] = [];
/** Empty arrays shared, as the parsers share theirs: most titles have no version, subtitle or credit. */
const shared = (v: string[]): string[] => (v.length === 0 ? EMPTY : v);

function isTag(v: unknown): v is VersionTag {
  const t = v as VersionTag | null;
  return t !== null && typeof t === 'object' && isString(t.kind) && isStrings(t.words);
}

function isArtist(v: unknown): v is ParsedArtist {
  const a = v as ParsedArtist | null;
  return (
    a !== null && typeof a === 'object' && isString(a.key) && isString(a.primary) && isStrings(a.all) && isStrings(a.primaryNames) &&
    isStrings(a.listed) && isStrings(a.ampersandOnly) && typeof a.unknown === 'boolean'
  );
}

function isTitle(v: unknown): v is ParsedTitle {
  const t = v as ParsedTitle | null;
  return (
    t !== null && typeof t === 'object' && isString(t.core) && Array.isArray(t.versions) && t.versions.every(isTag) && isString(t.versionKey) &&
    isStrings(t.extras) && isStrings(t.credits) && isStrings(t.duet) && t.versionFromAlbum === undefined
  );
}

function isAlbum(v: unknown): v is AlbumKeys {
  const a = v as AlbumKeys | null;
  return a !== null && typeof a === 'object' && (a.key === undefined || isString(a.key)) && (a.version === undefined || isTag(a.version)) && isString(a.edition);
}

function entries<T>(v: unknown, check: (x: unknown) => x is T): Map<string, T> | undefined {
  if (!Array.isArray(v)) return undefined;
  const map = new Map<string, T>();
  for (const e of v) {
    if (!Array.isArray(e) || e.length !== 2 || !isString(e[0]) || !check(e[1])) return undefined;
    map.set(e[0], e[1]);
  }
  return map;
}

function validKeys(stored: Partial<StoredKeys> | null): MatchKeys | undefined {
  if (stored === null || typeof stored !== 'object' || stored.format !== FORMAT) return undefined;
  const artists = entries(stored.artists, isArtist);
  const titles = entries(stored.titles, isTitle);
  const albums = entries(stored.albums, isAlbum);
  if (!artists || !titles || !albums) return undefined;
  for (const t of titles.values()) {
    if (t.versions.length === 0) t.versions = EMPTY;
    t.extras = shared(t.extras);
    t.credits = shared(t.credits);
    t.duet = shared(t.duet);
  }
  for (const a of artists.values()) a.ampersandOnly = shared(a.ampersandOnly);
  return { artists, titles, albums };
}
