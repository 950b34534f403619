import { UNREADABLE, foldText, wordsOf } from './normalize-text.js';
import { PART_RE, classifySegment, partNumber, type VersionTag } from './version-words.js';
import { splitPeople } from './parse-artist.js';

/** A title taken apart: the song's name, the version it names, subtitles, and the artists it credits. */
export interface ParsedTitle {
  /** Comparison key of the song's name, without brackets, noise, versions and credits. */
  core: string;
  versions: VersionTag[];
  /** Stable key of `versions` ('' when the title names no version). */
  versionKey: string;
  /** Keys of subtitles that are neither noise, version nor credit: "(Just Rolls Around Heaven All Day)". */
  extras: string[];
  /** People credited with feat./ft./featuring/(with …), as artist keys. */
  credits: string[];
  /** People of a " - with X" suffix: a duet re-recording, not a featured credit. */
  duet: string[];
  /** The version was read from the album's name ("Live Killers"), not the title: weaker evidence. */
  versionFromAlbum?: boolean;
}

const OPEN = '([{\u3010\u3014\uff08';
const CLOSE = ')]}\u3011\u3015\uff09';
const INLINE_FEAT_RE = /\s(?:feat\.?|ft\.?|featuring)\s+/;
const DASH_SPLIT_RE = /\s+-\s+|\s+-(?=\S)|(?<=\S)-\s+/;

interface Collected {
  versions: VersionTag[];
  extras: string[];
  credits: string[];
  duet: string[];
}

/** Splits text into what is outside top-level brackets and the content of each bracket group. */
const ANY_BRACKET_RE = /[()[\]{}\u3010\u3011\u3014\u3015\uff08\uff09]/;

function splitBrackets(s: string): { main: string; groups: string[] } {
  if (!ANY_BRACKET_RE.test(s)) return { main: s, groups: [] };
  let main = '';
  const groups: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of s) {
    if (OPEN.includes(ch)) {
      if (depth > 0) current += ch;
      depth++;
      main += ' ';
    } else if (CLOSE.includes(ch)) {
      if (depth === 0) continue;
      depth--;
      if (depth === 0) {
        groups.push(current);
        current = '';
      } else {
        current += ch;
      }
    } else if (depth > 0) {
      current += ch;
    } else {
      main += ch;
    }
  }
  if (depth > 0 && current.trim() !== '') groups.push(current);
  return { main, groups };
}

function addCredit(into: Collected, names: string, kind: 'feat' | 'with' | 'duet'): void {
  const people = splitPeople(names).atoms;
  if (kind === 'duet') into.duet.push(...people);
  else into.credits.push(...people);
}

/** One piece of a bracket (split on ';' and ' - '): a credit, noise, a version or a subtitle. */
function collectPart(text: string, into: Collected, inDash: boolean): boolean {
  const inline = INLINE_FEAT_RE.exec(` ${text}`);
  if (inline && inline.index > 0) {
    addCredit(into, ` ${text}`.slice(inline.index + inline[0].length), 'feat');
    text = ` ${text}`.slice(0, inline.index);
  }
  const words = wordsOf(text);
  const cls = classifySegment(text, words);
  switch (cls.type) {
    case 'noise':
      return true;
    case 'credit':
      addCredit(into, cls.names, inDash && cls.kind === 'with' ? 'duet' : cls.kind);
      return true;
    case 'version':
      into.versions.push(...cls.tags);
      return true;
    case 'extra':
      if (inDash) return false;
      into.extras.push(words.join(' '));
      return true;
  }
}

function collectGroup(content: string, into: Collected): void {
  const { main, groups } = splitBrackets(content);
  for (const part of main.split(/;|\s+-\s+/)) if (part.trim() !== '') collectPart(part, into, false);
  for (const group of groups) collectGroup(group, into);
}

export function versionKeyOf(tags: readonly VersionTag[]): string {
  return tags
    .map((t) => `${t.kind}:${t.words.join(' ')}`)
    .sort()
    .join('|');
}

export function parseTitle(raw: string): ParsedTitle {
  const folded = foldText(raw);
  const into: Collected = { versions: [], extras: [], credits: [], duet: [] };
  const { main, groups } = splitBrackets(folded);
  let text = main;
  const inline = text.includes(' fe') || text.includes(' ft') ? INLINE_FEAT_RE.exec(text) : null;
  if (inline && inline.index > 0) {
    addCredit(into, text.slice(inline.index + inline[0].length), 'feat');
    text = text.slice(0, inline.index);
  }
  // Dash suffixes, from the last: " - Remastered 2009", " - Memtrix Remix", " - with Kacey Musgraves".
  const pieces = text.includes('-') ? text.split(DASH_SPLIT_RE) : [text];
  while (pieces.length > 1 && collectPart(pieces[pieces.length - 1]!, into, true)) pieces.pop();
  text = pieces.join(' - ');
  const part = text.includes('pt') || text.includes('part') ? PART_RE.exec(text) : null;
  const n = part?.[1] ? partNumber(part[1]) : undefined;
  if (part && n !== undefined && part.index > 0) {
    into.versions.push({ kind: `part ${n}`, words: [] });
    text = text.slice(0, part.index) + ' ' + text.slice(part.index + part[0].length);
  }
  for (const group of groups) collectGroup(group, into);
  let coreWords: string[] = wordsOf(text);
  if (coreWords.every((w) => w === UNREADABLE)) coreWords = [];
  if (coreWords.length === 0 && into.extras.length > 0) coreWords = into.extras.shift()!.split(' ');
  const core = coreWords.length > 0 ? coreWords.join(' ') : folded.replace(/\s+/g, ' ').trim();
  // "Paint It Gold (Paint It Gold)": a subtitle that repeats the title says nothing.
  const extras = into.extras.length ? [...new Set(into.extras.filter((e) => e !== '' && e !== core))].sort() : EMPTY;
  const versions = into.versions.length ? dedupeTags(into.versions) : EMPTY;
  return {
    core,
    versions: orEmpty(versions),
    versionKey: versions.length ? versionKeyOf(versions) : '',
    extras: orEmpty(extras),
    credits: into.credits.length ? [...new Set(into.credits)] : EMPTY,
    duet: into.duet.length ? [...new Set(into.duet)] : EMPTY,
  };
}

const EMPTY: never[] = [];
// Most titles have no version, subtitle or credit: one shared empty array keeps a 100k-track index small.
function orEmpty<T>(items: T[]): T[] {
  return items.length === 0 ? EMPTY : items;
}

/** The words of a title core. */
export function coreWordsOf(title: ParsedTitle): string[] {
  return title.core === '' ? [] : title.core.split(' ');
}

function dedupeTags(tags: VersionTag[]): VersionTag[] {
  const byKind = new Map<string, VersionTag>();
  for (const tag of tags) {
    const seen = byKind.get(tag.kind);
    if (!seen || tag.words.length > seen.words.length) byKind.set(tag.kind, tag);
  }
  return [...byKind.values()];
}
