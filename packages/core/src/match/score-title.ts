import { coreWordsOf, type ParsedTitle } from './parse-title.js';
import { differingWords, ratio, sameName, wordRatio } from './similarity.js';
import { isVersionWord, type VersionTag } from './version-words.js';
import type { ComponentScore } from './types.js';
import { UNREADABLE } from './normalize-text.js';

export interface TitleScore extends ComponentScore {
  score: number;
  /** The song names are equal after normalisation. */
  sameCore: boolean;
}

const NUMBER_RE = /^\d+$/;

/** The song's name (`detailed`: see scoreVersion): equal cores score 1 (0.95 when a subtitle is on one side only), else edit similarity. */
export function scoreTitle(q: ParsedTitle, l: ParsedTitle, threshold: number, detailed = true): TitleScore {
  if (q.core === l.core) {
    const qe = q.extras.join(' ');
    const le = l.extras.join(' ');
    if (qe === le) return { score: 1, pass: true, sameCore: true, detail: 'same title' };
    if (qe === '' || le === '') {
      return { score: 0.95, pass: true, sameCore: true, detail: detailed ? `same title; subtitle "${qe || le}" on one side only` : '' };
    }
    const r = ratio(qe, le);
    if (r >= 0.8) return { score: 0.95, pass: true, sameCore: true, detail: detailed ? `same title; similar subtitles (${r.toFixed(2)})` : '' };
    return { score: 0.8, pass: false, sameCore: true, detail: detailed ? `same title but different subtitles "${qe}" / "${le}"` : '' };
  }
  // Edit similarity is at most 1 − length difference / longer length: skip it when that cannot pass.
  const bound = titleLengthBound(q, l);
  if (bound < threshold) {
    return { score: farTitleScore(bound), pass: false, sameCore: false, detail: 'different titles (lengths too far apart)' };
  }
  const qWords = coreWordsOf(q);
  const lWords = coreWordsOf(l);
  const qFull = withExtras(q, qWords);
  const lFull = withExtras(l, lWords);
  if (unreadableAligned(qWords, lWords)) {
    return { score: 0.9, pass: 0.9 >= threshold, sameCore: false, detail: 'same title but for unreadable characters' };
  }
  const { onlyA, onlyB } = differingWords(qWords, lWords);
  const versionWords = [...onlyA, ...onlyB].filter(isVersionWord);
  // The core's words joined are the core itself (it was split on single spaces): measured as it stands.
  const sim = Math.max(wordRatio(qWords, lWords, q.core, l.core), qFull === qWords && lFull === lWords ? 0 : wordRatio(qFull, lFull));
  if (versionWords.length > 0) {
    return { score: Math.min(sim, 0.8), pass: false, sameCore: false, detail: detailed ? `"${versionWords.join(' ')}" in one title only: another version` : '' };
  }
  const qNums = onlyA.filter((w) => NUMBER_RE.test(w));
  const lNums = onlyB.filter((w) => NUMBER_RE.test(w));
  if (qNums.length > 0 && lNums.length > 0) {
    return { score: Math.min(sim, 0.8), pass: false, sameCore: false, detail: detailed ? `different numbers (${qNums.join(' ')} / ${lNums.join(' ')})` : '' };
  }
  if (sim >= threshold) return { score: sim, pass: true, sameCore: false, detail: detailed ? `similar titles (${sim.toFixed(2)})` : '' };
  return { score: sim, pass: false, sameCore: false, detail: detailed ? `different titles (${sim.toFixed(2)} < ${threshold})` : '' };
}

/** The core's words and the subtitles' words (the core's own list when there is no subtitle). */
function withExtras(t: ParsedTitle, words: string[]): string[] {
  return t.extras.length ? [...words, ...t.extras.flatMap((e) => e.split(' '))] : words;
}

/**
 * False only when scoreTitle cannot pass: different song names whose lengths alone (core, and core with
 * subtitles) bound the edit similarity below the threshold. No string is built.
 */
export function titleCouldPass(q: ParsedTitle, l: ParsedTitle, threshold: number): boolean {
  return q.core === l.core || titleLengthBound(q, l) >= threshold;
}

/** The score of song names whose lengths alone rule them out (`bound` below the threshold). */
export function farTitleScore(bound: number): number {
  return bound * 0.8;
}

/** The most edit similarity two song names' lengths allow (core, and core with subtitles). */
export function titleLengthBound(q: ParsedTitle, l: ParsedTitle): number {
  return Math.max(lengthBound(q.core.length, l.core.length), lengthBound(fullLength(q), fullLength(l)));
}

/**
 * An upper bound of the edit similarity scoreTitle measures between two different song names (core, and core with
 * subtitles, in either word order), from their characters alone: an edit changes at most one character on each
 * side, so the edit distance is at least the larger of the two multiset differences of characters (the bag
 * distance), whatever the order of words. Characters are counted in 128 buckets (`counts`, zero between calls):
 * merging characters only lowers the difference, so the bound holds. 1 when a symbols-only chunk ("*") or an empty
 * core could let scoreTitle decide otherwise.
 */
export function titleCharBound(q: ParsedTitle, l: ParsedTitle, counts: Int32Array): number {
  if (q.core === '' || l.core === '' || q.core.includes(UNREADABLE) || l.core.includes(UNREADABLE)) return 1;
  const core = charBound(q, l, false, counts);
  if (q.extras.length === 0 && l.extras.length === 0) return core;
  return Math.max(core, charBound(q, l, true, counts));
}

const BUCKETS = 127;
const SPACE = 32;

function charBound(q: ParsedTitle, l: ParsedTitle, full: boolean, counts: Int32Array): number {
  const qLength = full ? fullLength(q) : q.core.length;
  const lLength = full ? fullLength(l) : l.core.length;
  countChars(q, full, counts, 1);
  countChars(l, full, counts, -1);
  // The characters of q missing from l; those of l missing from q follow from the lengths.
  let missing = drainChars(q, full, counts) + drainChars(l, full, counts);
  if (full) {
    missing += Math.max(counts[SPACE]!, 0);
    counts[SPACE] = 0;
  }
  const distance = Math.max(missing, missing - (qLength - lLength));
  const longest = Math.max(qLength, lLength);
  return 1 - distance / longest;
}

function countChars(t: ParsedTitle, full: boolean, counts: Int32Array, sign: number): void {
  countText(t.core, counts, sign);
  if (!full) return;
  for (const e of t.extras) countText(e, counts, sign);
  // Each subtitle is joined to the words before it by a space.
  counts[SPACE]! += sign * t.extras.length;
}

function countText(text: string, counts: Int32Array, sign: number): void {
  for (let i = 0; i < text.length; i++) counts[text.charCodeAt(i) & BUCKETS]! += sign;
}

/** Sums the positive counts of the buckets of t's characters and zeroes them. */
function drainChars(t: ParsedTitle, full: boolean, counts: Int32Array): number {
  let sum = drainText(t.core, counts);
  if (full) for (const e of t.extras) sum += drainText(e, counts);
  return sum;
}

function drainText(text: string, counts: Int32Array): number {
  let sum = 0;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i) & BUCKETS;
    const c = counts[k]!;
    if (c > 0) sum += c;
    counts[k] = 0;
  }
  return sum;
}

/** False only when scoreVersion cannot pass: a version kind (live, remix, part 2…) named on one side only. */
export function versionKindsAgree(q: ParsedTitle, l: ParsedTitle): boolean {
  return everyKindIn(q.versions, l.versions) && everyKindIn(l.versions, q.versions);
}

function everyKindIn(tags: readonly VersionTag[], other: readonly VersionTag[]): boolean {
  for (const t of tags) {
    let found = false;
    for (const o of other) if (o.kind === t.kind) found = true;
    if (!found) return false;
  }
  return true;
}

function lengthBound(a: number, b: number): number {
  const longest = Math.max(a, b);
  return longest === 0 ? 1 : 1 - Math.abs(a - b) / longest;
}

function fullLength(t: ParsedTitle): number {
  let n = t.core.length;
  for (const e of t.extras) n += e.length + 1;
  return n;
}

/** Word for word equal where one side has a symbols-only chunk standing for a mangled word. */
function unreadableAligned(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length || a.length < 2) return false;
  let wild = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (a[i] !== UNREADABLE && b[i] !== UNREADABLE) return false;
    wild++;
  }
  return wild > 0 && wild < a.length / 2;
}

export interface VersionScore extends ComponentScore {
  score: number;
  /** A query credit the library track lacks: acceptable only when album or duration confirm it. */
  needsConfirmation?: string;
}

function describe(tags: readonly VersionTag[]): string {
  if (tags.length === 0) return 'none';
  return tags.map((t) => (t.words.length ? `${t.kind} (${t.words.join(' ')})` : t.kind)).join(', ');
}

/** False for most pairs: neither title names a version, duet or credit, so scoreVersion has nothing to compare. */
export function namesVersions(q: ParsedTitle, l: ParsedTitle): boolean {
  return q.versions.length + l.versions.length + q.duet.length + l.duet.length + q.credits.length + l.credits.length > 0;
}

/**
 * Versions distinguish recordings: both sides must name the same kinds (live, remix, part 2…), and
 * the words naming them must agree (a "Robin Schulz Remix" is not a "Kaskade Remix"; "Remix" fits either).
 */
export function scoreVersion(
  q: ParsedTitle,
  l: ParsedTitle,
  qPeople: ReadonlySet<string>,
  lPeople: ReadonlySet<string>,
  /** Details are text for people (explain, a near miss): a quick match's comparisons leave them empty. */
  detailed = true,
): VersionScore {
  if (!namesVersions(q, l)) return { score: 1, pass: true, detail: 'same version (none)' };
  const versions = detailed ? `query: ${describe(q.versions)}; library: ${describe(l.versions)}` : '';
  if (!versionKindsAgree(q, l)) return { score: 0, pass: false, detail: detailed ? `different version (${versions})` : '' };
  // Arrays, not Maps by kind: a title names a version or two, and this runs for every pair that names one. Each
  // kind is visited once, where it first appears, with its last tag (what a Map by kind held).
  let score = 1;
  for (let i = 0; i < q.versions.length; i++) {
    const kind = q.versions[i]!.kind;
    if (kindBefore(q.versions, kind, i)) continue;
    const a = lastOfKind(q.versions, kind)!;
    const b = lastOfKind(l.versions, kind)!;
    const aw = a.words.join(' ');
    const bw = b.words.join(' ');
    if (aw === bw || sameName(aw, bw, 0.85)) continue;
    const fewer = a.words.length <= b.words.length;
    if (allIn(fewer ? a.words : b.words, fewer ? b.words : a.words)) {
      score = Math.min(score, 0.9);
      continue;
    }
    return { score: 0, pass: false, detail: detailed ? `different ${kind} (${versions})` : '' };
  }
  const duetQ = q.duet.length === 0 ? q.duet : q.duet.filter((p) => !lPeople.has(p));
  const duetL = l.duet.length === 0 ? l.duet : l.duet.filter((p) => !qPeople.has(p));
  if (duetQ.length > 0 || duetL.length > 0) {
    return { score: 0, pass: false, detail: detailed ? `duet with ${[...duetQ, ...duetL].join(', ')} on one side only: another recording` : '' };
  }
  const missing = q.credits.length === 0 ? q.credits : q.credits.filter((p) => !hasPerson(lPeople, p));
  if (l.credits.some((p) => !hasPerson(qPeople, p))) score -= 0.02;
  const detail = !detailed ? '' : versions === 'query: none; library: none' ? 'same version (none)' : `same version (${versions})`;
  if (missing.length > 0) {
    return { score: score - 0.05, pass: true, detail, needsConfirmation: `the query credits ${missing.join(', ')}, the library track does not` };
  }
  return { score, pass: true, detail };
}

function kindBefore(tags: readonly VersionTag[], kind: string, before: number): boolean {
  for (let i = 0; i < before; i++) if (tags[i]!.kind === kind) return true;
  return false;
}

function lastOfKind(tags: readonly VersionTag[], kind: string): VersionTag | undefined {
  for (let i = tags.length - 1; i >= 0; i--) if (tags[i]!.kind === kind) return tags[i];
  return undefined;
}

function allIn(words: readonly string[], other: readonly string[]): boolean {
  for (const w of words) if (!other.includes(w)) return false;
  return true;
}

function hasPerson(people: ReadonlySet<string>, name: string): boolean {
  if (people.has(name)) return true;
  for (const p of people) if (sameName(p, name, 0.85)) return true;
  return false;
}
