import { distance } from 'fastest-levenshtein';

/** 1 for equal strings, 0 for nothing in common: 1 − edit distance / longer length. */
export function ratio(a: string, b: string): number {
  if (a === b) return 1;
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  return 1 - distance(a, b) / longest;
}

/**
 * Edit similarity that ignores word order ("Love Lies Bleeding / Funeral" vs the other way round). `aText` and
 * `bText`, when given, are the words already joined with spaces (a title's core is): nothing is built for them.
 */
export function wordRatio(a: readonly string[], b: readonly string[], aText = a.join(' '), bText = b.join(' ')): number {
  const direct = ratio(aText, bText);
  if (direct === 1 || a.length < 2 || b.length < 2) return direct;
  return Math.max(direct, ratio([...a].sort().join(' '), [...b].sort().join(' ')));
}

/** Words in one list and not the other (multiset difference both ways). */
export function differingWords(a: readonly string[], b: readonly string[]): { onlyA: string[]; onlyB: string[] } {
  const counts = new Map<string, number>();
  for (const w of b) counts.set(w, (counts.get(w) ?? 0) + 1);
  const onlyA: string[] = [];
  for (const w of a) {
    const n = counts.get(w) ?? 0;
    if (n > 0) counts.set(w, n - 1);
    else onlyA.push(w);
  }
  const onlyB: string[] = [];
  for (const [w, n] of counts) for (let i = 0; i < n; i++) onlyB.push(w);
  return { onlyA, onlyB };
}

/** Same name, allowing a typo in names long enough for a typo to be told from another name. */
export function sameName(a: string, b: string, threshold: number): boolean {
  if (a === b) return true;
  if (Math.min(a.length, b.length) < 5) return false;
  return ratio(a, b) >= threshold;
}
