import { HarmoniqError } from '@harmoniq/core';

/** `--limit N` of a listing: a positive whole number; `abc`, `0`, `-3` and `2.5` are usage errors, not silently the default. */
export function parseRowLimit(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\s*\d+\s*$/.test(raw) || Number(raw) < 1) {
    throw new HarmoniqError({ code: 'EUSAGE', message: `--limit must be a whole number of rows, 1 or more, got '${raw}'`, hint: `e.g. --limit 20 (default ${fallback}).` });
  }
  return Number(raw);
}
