import { option, readDeclaredOptions, type ConfigIssue, type Env, type OptionValues, type ParseResult, type RefineContext } from '@harmoniq/core';

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

/** The declared options; `listenbrainz:` in the config file is this plugin's shared section. */
export const listenbrainzOptions = {
  token: option.text({
    description: 'ListenBrainz user token.',
    env: 'LISTENBRAINZ_USER_TOKEN',
    section: 'listenbrainz',
    secret: true,
    required: 'copy your user token from https://listenbrainz.org/settings/',
  }),
  user: option.text({ description: "User name; default the token's owner.", env: 'LISTENBRAINZ_USER', section: 'listenbrainz' }),
  apiUrl: option.url({ description: 'Another ListenBrainz API base (for testing).', env: 'LISTENBRAINZ_API_URL', section: 'listenbrainz', default: DEFAULT_API_URL }),
  modes: option.choices(LISTENBRAINZ_MODES, { description: 'Playlists to build, one per mode.', env: 'LISTENBRAINZ_MODES', default: ['recommendations'] }),
  titles: option.structured<unknown>({ description: 'Titles of the generated-playlist modes, by mode.', allowed: 'a map of mode to playlist title' }),
};

/** The token's shape, the API base without its /1 prefix, and the titles map. */
export function refineListenBrainz(v: OptionValues<typeof listenbrainzOptions>, ctx: RefineContext): ListenBrainzOptions {
  if (/\s/.test(v.token ?? '')) ctx.issue(ctx.pathOf('token'), 'must not contain spaces');
  const errors: ConfigIssue[] = [];
  const titles = parseTitles(v.titles, errors);
  for (const e of errors) ctx.issue(e.path, e.message);
  // The API's paths start with /1/: accept the base written with it too (https://api.listenbrainz.org/1/).
  const apiUrl = (v.apiUrl ?? DEFAULT_API_URL).replace(/\/1$/, '');
  return { token: v.token, ...(v.user !== undefined ? { user: v.user } : {}), apiUrl, modes: v.modes, titles };
}

/** The options as the core reads them, from a config section and the environment (for tests and embedding). */
export function parseListenBrainzOptions(raw: unknown, env: Env): ParseResult<ListenBrainzOptions> {
  return readDeclaredOptions('listenbrainz', listenbrainzOptions, { section: raw, env }, refineListenBrainz);
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
