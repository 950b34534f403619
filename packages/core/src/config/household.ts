import type { ConfigIssue, Env } from '../contract.js';
import { envValue } from './env-names.js';
import { parseHttpUrl } from './values.js';
import type { ConfigFile } from './schema.js';
import type { HarmoniqConfig } from './types.js';
import type { HouseholdConfig, HouseholdUser } from './household-types.js';

export type { HouseholdConfig, HouseholdUser } from './household-types.js';

export const DEFAULT_PLEX_TV_URL = 'https://plex.tv';

/**
 * PLEX_USERS decides who (environment beats file); the file's `users:` entries give the overrides of the users it
 * names. A name listed twice is a mistake, reported like every other.
 */
export function readHousehold(env: Env, file: ConfigFile): { value: HouseholdConfig; errors: ConfigIssue[] } {
  const errors: ConfigIssue[] = [];
  const fromFile = (file.users ?? []).map((u): HouseholdUser => (typeof u === 'string' ? { name: u.trim(), env: {}, sources: {} } : { name: u.name.trim(), ...(u.only ? { only: u.only } : {}), env: { ...(u.env ?? {}) }, sources: { ...(u.sources ?? {}) } }));
  const listed = envValue(env, 'PLEX_USERS');
  const names = listed === undefined ? fromFile.map((u) => u.name) : listed.split(',').map((n) => n.trim()).filter((n) => n !== '');
  const where = listed === undefined ? 'users' : 'PLEX_USERS';
  const seen = new Set<string>();
  const users: HouseholdUser[] = [];
  for (const name of names) {
    const key = name.toLowerCase();
    if (seen.has(key)) {
      errors.push({ path: where, message: `${where} names '${name}' twice; list each Plex user once` });
      continue;
    }
    seen.add(key);
    users.push(fromFile.find((u) => u.name.toLowerCase() === key) ?? { name, env: {}, sources: {} });
  }
  const rawUrl = envValue(env, 'PLEX_TV_URL');
  let plexTvUrl = file.plexTvUrl ?? DEFAULT_PLEX_TV_URL;
  if (rawUrl !== undefined) {
    const parsed = parseHttpUrl(rawUrl);
    if (parsed.ok) plexTvUrl = parsed.value;
    else errors.push({ path: 'PLEX_TV_URL', message: `PLEX_TV_URL ${parsed.message}` });
  }
  return { value: { users, plexTvUrl: plexTvUrl.trim().replace(/\/+$/, '') }, errors };
}

/** The configuration as one household user's sources read it: their settings over the owner's. */
export function configForUser(config: HarmoniqConfig, user: HouseholdUser): HarmoniqConfig {
  const sources = { ...config.sources };
  for (const [name, section] of Object.entries(user.sources)) sources[name] = { ...(sources[name] ?? {}), ...section };
  return { ...config, env: { ...config.env, ...user.env }, sources };
}
