import type { Logger } from '@harmoniq/core';
import type { LastfmPeriod } from '@harmoniq/lastfm';
import { periodLabel } from './user-source-options.js';

/** Last.fm's periods from the narrowest to the widest. */
const PERIODS: readonly LastfmPeriod[] = ['7day', '1month', '3month', '6month', '12month', 'overall'];

/** The configured period first, then every wider one: 3 months → 6 → 12 → overall. */
export function widerPeriods(from: LastfmPeriod): LastfmPeriod[] {
  return PERIODS.slice(PERIODS.indexOf(from));
}

export interface Widened<T> {
  /** The period the value is from. */
  period: LastfmPeriod;
  value: T;
  /** Narrower periods that were tried and gave too few, in order. */
  thin: LastfmPeriod[];
}

/**
 * Reads a user's history over the configured period and, while it gives too few to work with (a quiet few
 * months on a rich account), over each wider period in turn, up to all time. Each widening is logged. When
 * no period gives enough, the richest reading is kept (the narrowest of equals).
 */
export async function widenWhileThin<T>(
  from: LastfmPeriod,
  read: (period: LastfmPeriod) => Promise<T>,
  count: (value: T) => number,
  needed: number,
  logger: Logger,
  what: string,
): Promise<Widened<T>> {
  const periods = widerPeriods(from);
  let best: { index: number; value: T; n: number } | undefined;
  for (let i = 0; i < periods.length; i += 1) {
    const period = periods[i]!;
    const value = await read(period);
    const n = count(value);
    if (!best || n > best.n) best = { index: i, value, n };
    if (n >= needed) break;
    const next = periods[i + 1];
    if (next) logger.info(`too few ${what} in ${periodLabel(period)} (${n} of ${needed} wanted); widening to ${periodLabel(next)}`);
  }
  const chosen = best!;
  if (chosen.n < needed && periods.length > 1) {
    logger.info(`no period gives enough ${what}; using ${periodLabel(periods[chosen.index]!)} (${chosen.n})`);
  }
  return { period: periods[chosen.index]!, value: chosen.value, thin: periods.slice(0, chosen.index) };
}

/** " (widened: the last 3 months and the last 6 months had too few)"-style note for a playlist summary; '' when nothing was widened. */
export function widenedNote(w: { thin: readonly LastfmPeriod[] }): string {
  if (w.thin.length === 0) return '';
  const labels = w.thin.map(periodLabel);
  const list = labels.length === 1 ? labels[0]! : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]!}`;
  return ` (widened: ${list} had too few)`;
}
