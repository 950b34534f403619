import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { jsonLineChunks } from '../fs/json-chunks.js';
import { writeChunkedFile } from '../fs/json-file.js';
import { LineTooLongError, readLinesSync } from '../fs/read-lines-sync.js';
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
 * One file of JSON lines per server and section (layout below). Its `fingerprint` is MATCH_KEYS_VERSION plus a hash of what the parsers
 * make of a fixed set of tricky strings, so a matcher whose rules changed (even without a version bump) parses
 * afresh rather than reusing another version's keys. Written only when the library needed new parses or changed
 * (entries of tracks no longer in the library are dropped then); a missing, damaged, foreign or outdated file is
 * a full parse, as before, with a warning when it was damaged.
 */
export const MATCH_KEYS_VERSION = 1;

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

/**
 * File layout (format 2, JSON lines): line 1 the header `{"format":2,"fingerprint":…}`; then each section's name as a
 * JSON string ("artists", "titles", "albums") followed by its entries, one `[raw, parse]` array a line; last the
 * trailer `{"end":{"artists":n,"titles":n,"albums":n}}`, without which the file is short. Written and read a line at
 * a time: format 1 was one JSON document, read as one 10 MB string and one parse of every entry at 300k tracks,
 * which set the peak of a run that refreshed the library. A format-1 file (the release before) is parsed afresh
 * and replaced at the end of the run.
 */
const FORMAT = 2;
/** The longest entry (names are clipped at 500 characters) is a few KB; a longer line is not this format. */
const MAX_LINE_BYTES = 64 * 1024;
const SECTIONS = ['artists', 'titles', 'albums'] as const;
type Section = (typeof SECTIONS)[number];

/**
 * Stored keys, or empty ones (after a warning when the file is damaged). Synchronous: it is read only when the
 * first candidate needs the matcher (match() is synchronous), so a run whose results were all stored never reads it.
 */
export function loadMatchKeys(path: string, logger: Logger): MatchKeys {
  try {
    return readKeys(path);
  } catch (error) {
    const problem = unreadable(error);
    if (problem === 'missing') return emptyMatchKeys();
    if (problem instanceof Outdated) logger.debug(`The matcher's key cache ${path} ${problem.message}; the library's names are parsed again.`);
    else logger.warn(`The matcher's key cache ${path} is unreadable (${problem}); the library's names are parsed again.`);
    return emptyMatchKeys();
  }
}

/** Expected after an upgrade or a change of the matcher's rules: not a warning. */
class Outdated extends Error {}
class Damaged extends Error {}

/** How a format-1 document begins: its first line is the whole file. */
const FORMAT_1 = /^\{"format":1,"fingerprint":/;

function unreadable(error: unknown): 'missing' | Outdated | string {
  if (error instanceof Outdated) return error;
  if (error instanceof Damaged) return error.message;
  if (error instanceof LineTooLongError) {
    return FORMAT_1.test(error.start) ? new Outdated("is in an earlier release's format") : `it is not a key cache (${error.message})`;
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'missing';
  if (code === 'ELOOP') return 'it is a symbolic link, which Harmoniq does not follow in its data directory';
  if (code === 'ENOTREG') return 'it is not a regular file';
  return code ?? (error as Error).message;
}

function readKeys(path: string): MatchKeys {
  const lines = readLinesSync(path, MAX_LINE_BYTES);
  try {
    const first = lines.next();
    if (first.done) throw new Damaged('it is empty');
    const head = parseLine(first.value) as { format?: unknown; fingerprint?: unknown } | null;
    if (head === null || typeof head !== 'object' || typeof head.fingerprint !== 'string') throw new Damaged('its first line is not a header');
    if (head.format === 1) throw new Outdated("is in an earlier release's format");
    if (head.format !== FORMAT) throw new Damaged(`it is of format ${String(head.format)}, this version reads ${FORMAT}`);
    if (head.fingerprint !== matchKeysFingerprint()) throw new Outdated('is from another matcher version');
    return readSections(lines);
  } finally {
    lines.return(undefined);
  }
}

function readSections(lines: Iterator<string>): MatchKeys {
  const keys = emptyMatchKeys();
  const checks: Record<Section, (e: unknown[]) => void> = {
    artists: (e) => keys.artists.set(e[0] as string, sharedArtist(checked(e[1], isArtist))),
    titles: (e) => keys.titles.set(e[0] as string, sharedTitle(checked(e[1], isTitle))),
    albums: (e) => keys.albums.set(e[0] as string, checked(e[1], isAlbum)),
  };
  let section: Section | undefined;
  const seen = new Set<Section>();
  for (let line = lines.next(); !line.done; line = lines.next()) {
    const value = parseLine(line.value);
    if (Array.isArray(value)) {
      if (section === undefined || value.length !== 2 || !isString(value[0])) throw new Damaged('an entry has the wrong shape');
      checks[section](value);
    } else if (typeof value === 'string') {
      section = SECTIONS.find((s) => s === value);
      if (section === undefined || seen.has(section)) throw new Damaged('a section is unknown or repeated');
      seen.add(section);
    } else {
      const end = (value as { end?: Partial<Record<Section, unknown>> } | null)?.end;
      if (!end || SECTIONS.some((s) => end[s] !== keys[s].size)) throw new Damaged('its last line does not count its entries');
      if (!lines.next().done) throw new Damaged('it goes on after its last line');
      return keys;
    }
  }
  throw new Damaged('it ends before its last line (cut short)');
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    throw new Damaged(`a line is not valid JSON (${line.length} characters)`);
  }
}

function checked<T>(value: unknown, check: (v: unknown) => v is T): T {
  if (!check(value)) throw new Damaged('an entry has the wrong shape');
  return value;
}

/** Writes the keys the library's tracks use (and no others); a failure is a warning. */
export async function saveMatchKeys(path: string, keys: MatchKeys, tracks: readonly LibraryTrack[], logger: Logger): Promise<void> {
  try {
    await writeChunkedFile(path, jsonLineChunks(fileLines(keys, tracks)));
  } catch (error) {
    logger.warn(`The matcher's key cache could not be saved (${(error as Error).message}); the next run parses the library's names again.`);
  }
}

/** The file's lines as values, each section's entries read from the tracks as they are written. */
function* fileLines(keys: MatchKeys, tracks: readonly LibraryTrack[]): Generator<unknown> {
  yield { format: FORMAT, fingerprint: matchKeysFingerprint() };
  const counts: Record<Section, number> = { artists: 0, titles: 0, albums: 0 };
  const raw: Record<Section, (t: LibraryTrack) => string | undefined> = { artists: RAW_KEY.artist, titles: RAW_KEY.title, albums: RAW_KEY.album };
  for (const section of SECTIONS) {
    yield section;
    for (const entry of usedEntries<unknown>(tracks, keys[section], raw[section])) {
      counts[section] += 1;
      yield entry;
    }
  }
  yield { end: counts };
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

/** Empty arrays shared, as the parsers share theirs (most titles have no version, subtitle or credit). */
function sharedTitle(t: ParsedTitle): ParsedTitle {
  if (t.versions.length === 0) t.versions = EMPTY;
  t.extras = shared(t.extras);
  t.credits = shared(t.credits);
  t.duet = shared(t.duet);
  return t;
}

function sharedArtist(a: ParsedArtist): ParsedArtist {
  a.ampersandOnly = shared(a.ampersandOnly);
  return a;
}
