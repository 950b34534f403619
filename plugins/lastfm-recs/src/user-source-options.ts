import type { Env, ParseResult } from '@harmoniq/core';
import { createOptionReader, LASTFM_PERIODS, readCredentials, readUser, type LastfmCredentials, type LastfmPeriod, type OptionReader } from '@harmoniq/lastfm';

/** Options every per-user Last.fm source has. */
export interface UserSourceOptions extends LastfmCredentials {
  user: string;
}

/**
 * Shared parseOptions skeleton: credentials and user, then the source's own keys, then unknown-key
 * checks; every problem is collected before returning.
 */
export function parseUserSource<O>(
  raw: unknown,
  env: Env,
  source: string,
  readOwn: (reader: OptionReader) => Omit<O, keyof UserSourceOptions>,
): ParseResult<O & UserSourceOptions> {
  const reader = createOptionReader(raw, source, env);
  const credentials = readCredentials(reader);
  const user = readUser(reader);
  const own = readOwn(reader);
  reader.rejectUnknownKeys();
  if (reader.issues.length > 0) return { ok: false, errors: reader.issues };
  const value = { ...credentials, user, ...own } as O & UserSourceOptions;
  return { ok: true, value, ...(reader.warnings.length > 0 ? { warnings: reader.warnings } : {}) };
}

export function readPeriod(reader: OptionReader, envName: string, fallback: LastfmPeriod): LastfmPeriod {
  return reader.oneOf('period', envName, LASTFM_PERIODS, fallback);
}

const PERIOD_LABELS: Record<LastfmPeriod, string> = {
  overall: 'all time',
  '7day': 'the last 7 days',
  '1month': 'the last month',
  '3month': 'the last 3 months',
  '6month': 'the last 6 months',
  '12month': 'the last 12 months',
};

export function periodLabel(period: LastfmPeriod): string {
  return PERIOD_LABELS[period];
}
