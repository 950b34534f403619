import { option, readDeclaredOptions, type Env, type OptionValues, type ParseResult, type RefineContext } from '@harmoniq/core';
import type { GenreAliases } from './genre-match.js';
import { parseTimeWindows, parseWindowList } from './parse-windows.js';
import { DEFAULT_WINDOWS_TEXT, type TimeWindow } from './time-window.js';

export type Preference = 'none' | 'rated' | 'rarely-played';

export interface DailyFlowOptions {
  windows: TimeWindow[];
  /** Where the windows came from, for logs and `harmoniq config`. */
  windowsFrom: 'TIME_WINDOWS' | 'config' | 'default';
  aliases: GenreAliases;
  /** At most this many tracks by one artist in the playlist. */
  maxPerArtist: number;
  prefer: Preference;
  /** The playlist's order (TIME_PLAYLIST_ORDER); absent means selection. */
  order?: 'selection' | 'sonic';
}

export const DEFAULT_MAX_PER_ARTIST = 3;

/** Daily Flow's declared options; the core reads them (TIME_WINDOWS beats `sources.daily-flow.windows`, and so on). */
export const dailyFlowOptions = {
  windows: option.structured<unknown>({
    description: 'Time windows and their genres, e.g. 06:00-11:00=Chillout,Acoustic;11:00-17:00=Pop (or a list).',
    env: 'TIME_WINDOWS',
    allowed: 'time windows such as 06:00-11:00=Chillout,Acoustic;11:00-17:00=Pop, or a list of { start, end, genres }',
  }),
  aliases: option.structured<unknown>({
    description: 'Genres a window genre stands for, e.g. { Chill: [Chillout, Downtempo] }.',
    allowed: 'a map of genre to the genres it stands for',
  }),
  maxPerArtist: option.integer({ description: 'At most this many tracks by one artist.', env: 'DAILY_FLOW_MAX_PER_ARTIST', min: 1, max: 1000, default: DEFAULT_MAX_PER_ARTIST }),
  prefer: option.choice(['none', 'rated', 'rarely-played'] as const, { description: 'Favour rated or rarely played tracks.', env: 'DAILY_FLOW_PREFER', default: 'none' }),
  order: option.choice(['selection', 'sonic'] as const, { description: 'selection, or sonic: consecutive tracks sound alike (Plex Pass).', env: 'TIME_PLAYLIST_ORDER', default: 'selection' }),
};

/** The windows (their own syntax) and aliases, checked where the core found them. */
export function refineDailyFlow(v: OptionValues<typeof dailyFlowOptions>, ctx: RefineContext): DailyFlowOptions {
  const path = ctx.pathOf('windows');
  const windowsFrom: DailyFlowOptions['windowsFrom'] = !ctx.isSet('windows') ? 'default' : path === 'TIME_WINDOWS' ? 'TIME_WINDOWS' : 'config';
  const parsed =
    windowsFrom === 'default'
      ? parseTimeWindows(DEFAULT_WINDOWS_TEXT, 'default windows')
      : typeof v.windows === 'string'
        ? parseTimeWindows(v.windows, path)
        : parseWindowList(v.windows, path);
  if (!parsed.ok) for (const e of parsed.errors) ctx.issue(e.path, e.message);
  return {
    windows: parsed.ok ? parsed.value : [],
    windowsFrom,
    aliases: readAliases(v.aliases, ctx.pathOf('aliases'), ctx),
    maxPerArtist: v.maxPerArtist,
    prefer: v.prefer,
    order: v.order,
  };
}

/** The options as the core reads them, from a config section and the environment (for tests and embedding). */
export function parseDailyFlowOptions(raw: unknown, env: Env): ParseResult<DailyFlowOptions> {
  return readDeclaredOptions('daily-flow', dailyFlowOptions, { section: raw, env }, refineDailyFlow);
}

function readAliases(value: unknown, path: string, ctx: RefineContext): GenreAliases {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    ctx.issue(path, 'must map a genre to the genres it stands for, e.g. { "Chill": ["Chillout", "Downtempo"] }');
    return {};
  }
  const aliases: Record<string, string[]> = {};
  for (const [name, targets] of Object.entries(value)) {
    const list: unknown = typeof targets === 'string' ? [targets] : targets;
    if (!Array.isArray(list) || list.length === 0 || !list.every((t): t is string => typeof t === 'string')) {
      ctx.issue(`${path}.${name}`, 'must be a non-empty list of genre names');
      continue;
    }
    aliases[name] = list.map((t) => t.trim()).filter((t) => t.length > 0);
  }
  return aliases;
}
