import type { ConfigIssue, Env, ParseResult } from '@harmoniq/core';

/** What this source can build: one playlist per enabled mode. */
export const LISTENBRAINZ_MODES = ['recommendations', 'weekly-jams', 'weekly-exploration', 'daily-jams'] as const;
export type ListenBrainzMode = (typeof LISTENBRAINZ_MODES)[number];

/** Modes backed by a playlist ListenBrainz generates (told apart by `source_patch`). */
export type GeneratedMode = Exclude<ListenBrainzMode, 'recommendations'>;

export const DEFAULT_API_URL = 'https://api.listenbrainz.org';

/** Titles for the generated-playlist modes; `recommendations` uses the common playlist title. */
export const DEFAULT_TITLES: Readonly<Record<GeneratedMode, string>> = {
  'weekly-jams': 'ListenBrainz Weekly Jams',
  'weekly-exploration': 'ListenBrainz Weekly Exploration',
  'daily-jams': 'ListenBrainz Daily Jams',
};

export interface ListenBrainzOptions {
  /** User token (secret). */
  token: string;
  /** User name; when absent it is read from /1/validate-token. */
  user?: string;
  /** API base without a trailing slash. */
  apiUrl: string;
  /** Enabled modes, in the order given, without duplicates. */
  modes: ListenBrainzMode[];
  /** Titles of the generated-playlist modes. */
  titles: Record<GeneratedMode, string>;
}

const KNOWN_KEYS = ['token', 'user', 'apiUrl', 'modes', 'titles'];

/**
 * Reads the options from the environment (which wins) and the config file's `sources.listenbrainz` section.
 * Reports every problem at once; never throws.
 */
export function parseListenBrainzOptions(raw: unknown, env: Env): ParseResult<ListenBrainzOptions> {
  const errors: ConfigIssue[] = [];
  const section = raw === undefined || raw === null ? {} : raw;
  if (typeof section !== 'object' || Array.isArray(section)) {
    return { ok: false, errors: [{ path: 'sources.listenbrainz', message: 'must be an object' }] };
  }
  const cfg = section as Record<string, unknown>;
  for (const key of Object.keys(cfg)) {
    if (!KNOWN_KEYS.includes(key)) {
      errors.push({ path: `sources.listenbrainz.${key}`, message: `unknown option (known: ${KNOWN_KEYS.join(', ')})` });
    }
  }

  const token = pickString(env.LISTENBRAINZ_USER_TOKEN, cfg.token, 'sources.listenbrainz.token', errors);
  if (token === undefined) {
    errors.push({
      path: 'LISTENBRAINZ_USER_TOKEN',
      message: 'is required: copy your user token from https://listenbrainz.org/settings/',
    });
  } else if (/\s/.test(token)) {
    errors.push({ path: 'LISTENBRAINZ_USER_TOKEN', message: 'must not contain spaces' });
  }

  const user = pickString(env.LISTENBRAINZ_USER, cfg.user, 'sources.listenbrainz.user', errors);
  const apiUrl = parseApiUrl(pickString(env.LISTENBRAINZ_API_URL, cfg.apiUrl, 'sources.listenbrainz.apiUrl', errors), env, errors);
  const modes = parseModes(env.LISTENBRAINZ_MODES, cfg.modes, errors);
  const titles = parseTitles(cfg.titles, errors);

  if (errors.length > 0 || token === undefined || apiUrl === undefined || modes === undefined) return { ok: false, errors };
  return { ok: true, value: { token, ...(user !== undefined ? { user } : {}), apiUrl, modes, titles } };
}

/** The environment value when set and non-empty, else the config value (which must be a string). */
function pickString(envValue: string | undefined, cfgValue: unknown, path: string, errors: ConfigIssue[]): string | undefined {
  if (envValue !== undefined && envValue.trim() !== '') return envValue.trim();
  if (cfgValue === undefined || cfgValue === null) return undefined;
  if (typeof cfgValue !== 'string') {
    errors.push({ path, message: 'must be a string' });
    return undefined;
  }
  return cfgValue.trim() === '' ? undefined : cfgValue.trim();
}

function parseApiUrl(value: string | undefined, env: Env, errors: ConfigIssue[]): string | undefined {
  if (value === undefined) return DEFAULT_API_URL;
  const path = env.LISTENBRAINZ_API_URL?.trim() ? 'LISTENBRAINZ_API_URL' : 'sources.listenbrainz.apiUrl';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    errors.push({ path, message: `is not a URL: "${value}"` });
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    errors.push({ path, message: 'must be an http:// or https:// URL' });
    return undefined;
  }
  // The API's paths start with /1/: accept the base written with it too (https://api.listenbrainz.org/1/).
  return value.replace(/\/+$/, '').replace(/\/1$/, '');
}

function parseModes(envValue: string | undefined, cfgValue: unknown, errors: ConfigIssue[]): ListenBrainzMode[] | undefined {
  let path: string;
  let names: unknown[];
  if (envValue !== undefined && envValue.trim() !== '') {
    path = 'LISTENBRAINZ_MODES';
    names = envValue.split(',').map((s) => s.trim()).filter((s) => s !== '');
  } else if (cfgValue === undefined || cfgValue === null) {
    return ['recommendations'];
  } else if (Array.isArray(cfgValue)) {
    path = 'sources.listenbrainz.modes';
    names = cfgValue;
  } else if (typeof cfgValue === 'string') {
    path = 'sources.listenbrainz.modes';
    names = cfgValue.split(',').map((s) => s.trim()).filter((s) => s !== '');
  } else {
    errors.push({ path: 'sources.listenbrainz.modes', message: `must be a list of modes (${LISTENBRAINZ_MODES.join(', ')})` });
    return undefined;
  }
  if (names.length === 0) {
    errors.push({ path, message: `must name at least one mode (${LISTENBRAINZ_MODES.join(', ')})` });
    return undefined;
  }
  const modes: ListenBrainzMode[] = [];
  let bad = false;
  for (const name of names) {
    if (typeof name !== 'string' || !isMode(name)) {
      errors.push({ path, message: `unknown mode "${String(name)}" (known: ${LISTENBRAINZ_MODES.join(', ')})` });
      bad = true;
    } else if (!modes.includes(name)) {
      modes.push(name);
    }
  }
  return bad ? undefined : modes;
}

function parseTitles(value: unknown, errors: ConfigIssue[]): Record<GeneratedMode, string> {
  const titles = { ...DEFAULT_TITLES };
  if (value === undefined || value === null) return titles;
  if (typeof value !== 'object' || Array.isArray(value)) {
    errors.push({ path: 'sources.listenbrainz.titles', message: 'must be an object of mode → playlist title' });
    return titles;
  }
  for (const [key, title] of Object.entries(value as Record<string, unknown>)) {
    const path = `sources.listenbrainz.titles.${key}`;
    if (key === 'recommendations') {
      errors.push({ path, message: 'set this title with `playlist` (PLAYLIST_NAME_LISTENBRAINZ_RECS) instead' });
    } else if (!isMode(key)) {
      errors.push({ path, message: `unknown mode (known: ${Object.keys(DEFAULT_TITLES).join(', ')})` });
    } else if (typeof title !== 'string' || title.trim() === '') {
      errors.push({ path, message: 'must be a non-empty string' });
    } else {
      titles[key as GeneratedMode] = title.trim();
    }
  }
  return titles;
}

function isMode(name: string): name is ListenBrainzMode {
  return (LISTENBRAINZ_MODES as readonly string[]).includes(name);
}
