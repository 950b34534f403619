import { option } from '@harmoniq/core';
import { LASTFM_PERIODS, lastfmCredentialOptions, lastfmUserOption, type LastfmCredentials, type LastfmPeriod } from '@harmoniq/lastfm';

/** Options every per-user Last.fm source has. */
export interface UserSourceOptions extends LastfmCredentials {
  user: string;
}

/** Declared by every per-user Last.fm source: credentials and the user. */
export const userSourceOptions = { ...lastfmCredentialOptions, ...lastfmUserOption };

/** The listening period a source looks at. */
export function periodOption(env: string, fallback: LastfmPeriod) {
  return option.choice(LASTFM_PERIODS, { description: 'Listening period: overall, 7day, 1month, 3month, 6month or 12month.', env, default: fallback });
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
