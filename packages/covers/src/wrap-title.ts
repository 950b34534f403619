/** Measures a line of text at a font size, in pixels. */
export type Measure = (text: string, fontSize: number) => number;

export interface WrappedTitle {
  lines: string[];
  fontSize: number;
}

export interface WrapLimits {
  maxWidth: number;
  maxLines: number;
  /** Tried from the largest down; the first size at which the title fits wins. */
  sizes: readonly number[];
}

/**
 * Breaks a title into at most `maxLines` lines no wider than `maxWidth`, at the largest size that fits whole.
 * A title that fits at no size is cut at the smallest size with an ellipsis, so a cover never overflows.
 */
export function wrapTitle(title: string, measure: Measure, limits: WrapLimits): WrappedTitle {
  const words = title.trim().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return { lines: [], fontSize: limits.sizes[0] ?? 0 };
  for (const size of limits.sizes) {
    const lines = greedy(words, (t) => measure(t, size) <= limits.maxWidth);
    if (lines && lines.length <= limits.maxLines) return { lines, fontSize: size };
  }
  const size = limits.sizes[limits.sizes.length - 1] ?? 0;
  return { lines: cut(words, size, measure, limits), fontSize: size };
}

/** Fills lines word by word; undefined when one word alone is too wide. */
function greedy(words: string[], fits: (text: string) => boolean): string[] | undefined {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line === '' || !fits(word)) return undefined;
    lines.push(line);
    line = word;
  }
  if (line !== '') lines.push(line);
  return lines;
}

function cut(words: string[], size: number, measure: Measure, limits: WrapLimits): string[] {
  const fits = (t: string): boolean => measure(t, size) <= limits.maxWidth;
  const lines: string[] = [];
  let rest = words.join(' ');
  while (rest !== '' && lines.length < limits.maxLines) {
    const last = lines.length === limits.maxLines - 1;
    let n = rest.length;
    const take = (k: number): string => (last && k < rest.length ? `${rest.slice(0, k).trimEnd()}…` : rest.slice(0, k));
    while (n > 1 && !fits(take(n))) n -= 1;
    // Prefer breaking at a space when the line is not the last one.
    const space = rest.lastIndexOf(' ', n);
    if (!last && n < rest.length && space > 0) n = space;
    lines.push(take(n).trim());
    rest = rest.slice(n).trimStart();
  }
  return lines;
}
