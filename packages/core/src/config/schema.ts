/**
 * The config-file schema. One zod schema drives validation (messages say how to fix the value) and the JSON
 * Schema in docs/harmoniq.schema.json that editors use for completion, so the two cannot drift apart.
 */
import * as z from 'zod';
import { parseCron, parseHttpUrl, parseZone, rules, showValue } from './values.js';
import { PLUGIN_LIMITS } from '../sources/boundary/isolation.js';

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export const LOG_FORMATS = ['human', 'json'] as const;
export const UPDATE_MODES = ['replace', 'append'] as const;
export const NOTIFY_ON = ['failure', 'always'] as const;
export const NOTIFY_FORMATS = ['json', 'discord', 'slack', 'ntfy', 'gotify'] as const;

/** Limits shared by the file schema and the environment parsers. */
export const LIMITS = {
  size: { min: 1, max: 1000 },
  minTracks: { min: 1, max: 1000 },
  pageSize: { min: 1, max: 10000 },
  timeoutMs: { min: 1, max: 600000 },
  indexMaxAgeHours: { min: 1, max: 8760 },
  serviceCacheMaxAgeHours: { min: 0, max: 8760 },
  intervalMinutes: { min: 1, max: 525600 },
  titleLength: 200,
  historyRuns: { min: 1, max: 100000 },
  historyDays: { min: 1, max: 36500 },
  port: { min: 0, max: 65535 },
  /** Items one Plex listing may hold: a million-track library is five times below the default. */
  maxItems: { min: 1000, max: 1_000_000_000, default: 5_000_000 },
  /** Largest response body, in MiB, counted after decompression. */
  maxBodyMb: { min: 1, max: 4096, default: 64 },
  /** Time one step of a plugin may take in the plugin boundary (sources/boundary/isolation.ts). */
  pluginTimeLimitSeconds: PLUGIN_LIMITS.timeLimitSeconds,
  /** Heap of a plugin's worker thread. */
  pluginMemoryMb: PLUGIN_LIMITS.memoryMb,
} as const;

interface IssueInput {
  input?: unknown;
}
const says = (rule: string) => ({ error: (iss: IssueInput) => `${rule}, got ${showValue(iss.input)}` });

const text = () => z.string(says(rules.text));
const nonEmptyText = () => z.string(says(rules.nonEmptyText)).regex(/\S/, says(rules.nonEmptyText));
const wholeNumber = (min: number, max: number) => {
  const m = says(rules.wholeNumber(min, max));
  return z.number(m).int(m).min(min, m).max(max, m);
};
const bool = () => z.boolean(says(rules.boolean));
const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, says(rules.oneOf(values)));
const fromParser = (rule: string, parse: (raw: string) => { ok: boolean; message?: string }) =>
  z.string(says(rule)).refine((v) => parse(v).ok, {
    error: (iss: IssueInput) => {
      const parsed = parse(String(iss.input));
      return parsed.ok ? rule : (parsed.message ?? rule);
    },
  });
const httpUrl = () => fromParser(rules.url, (v) => parseHttpUrl(v));
const playlistTitle = () => {
  const rule = `must be a playlist title of 1 to ${LIMITS.titleLength} characters`;
  // Counted in characters, not UTF-16 units (an emoji is one character), as JSON Schema's maxLength counts them.
  return z
    .string(says(rule))
    .regex(/\S/, says(rule))
    .refine((title) => [...title].length <= LIMITS.titleLength, says(rule))
    .meta({ maxLength: LIMITS.titleLength });
};

const { size, minTracks, pageSize, timeoutMs, intervalMinutes, indexMaxAgeHours, serviceCacheMaxAgeHours, maxItems, maxBodyMb, pluginTimeLimitSeconds, pluginMemoryMb } = LIMITS;

/** The options every source section may hold; the rest of a section belongs to the source. */
export const COMMON_SOURCE_KEYS = ['enabled', 'playlist', 'size', 'minTracks', 'updateMode', 'poster', 'posterFile', 'summaryTemplate', 'exclude'] as const;

export const POSTER_MODES = ['generate', 'none'] as const;

/** A list of names: a YAML/JSON list, or one comma-separated text as in the environment. */
const nameList = () => z.union([z.array(nonEmptyText(), says(rules.textList)), z.string()], says('must be a list of names or a comma-separated text'));

const excludeNames = {
  genres: nameList().optional().describe('Genres kept out of playlists (track, album or artist genre; case and accents ignored).'),
  artists: nameList().optional().describe('Artists kept out of playlists (any credited artist).'),
};
const sourceExclude = z.strictObject(excludeNames);
const globalExclude = z.strictObject({
  ...excludeNames,
  tracksFile: nonEmptyText().optional().describe("EXCLUDE_TRACKS_FILE: a text file, one 'Artist – Title' or ratingKey per line (relative to this file)."),
});

const lookKeys = {
  poster: oneOf(POSTER_MODES).optional().describe('PLAYLIST_POSTER: generate a cover for playlists Harmoniq creates, or none. Default generate.'),
  posterFile: nonEmptyText().optional().describe('PLAYLIST_POSTER_FILE: your own PNG or JPEG cover instead of a generated one (relative to this file).'),
  summaryTemplate: text()
    .optional()
    .describe('PLAYLIST_SUMMARY_TEMPLATE: the playlist description, with {source}, {user}, {date}, {window}, {summary}. Default: the source\'s text and the counts.'),
};

const sourceSection = z
  .looseObject({
    enabled: bool().optional().describe('Turn this source on or off.'),
    playlist: playlistTitle().optional().describe('Playlist title.'),
    size: wholeNumber(size.min, size.max).optional().describe('Number of tracks in the playlist.'),
    minTracks: wholeNumber(minTracks.min, minTracks.max)
      .optional()
      .describe('Keep the old playlist when fewer tracks than this are found.'),
    updateMode: oneOf(UPDATE_MODES).optional().describe('replace the playlist, or append to it.'),
    ...lookKeys,
    exclude: sourceExclude.optional().describe('Kept out of this source\'s playlists, in addition to the global exclude.'),
  })
  .describe("One source's options; keys other than the common ones are checked by the source itself.");

const matchOverride = z
  .strictObject({
    artist: nonEmptyText().describe('Artist as the source names it.'),
    title: nonEmptyText().describe('Title as the source names it.'),
    ratingKey: z
      .union([nonEmptyText(), z.number().int()], says('must be a Plex rating key such as "12345"'))
      .optional()
      .describe('Use this library track (its Plex ratingKey).'),
    skip: bool().optional().describe('Never match this candidate.'),
  })
  .refine((o) => (o.ratingKey !== undefined) !== (o.skip === true), {
    error: 'needs exactly one of ratingKey: <Plex rating key> or skip: true',
  });

const customEntry = z
  .looseObject({
    name: nonEmptyText().describe('Unique name of this custom playlist.'),
    enabled: bool().optional(),
    playlist: playlistTitle().optional(),
    size: wholeNumber(size.min, size.max).optional(),
    module: nonEmptyText().optional().describe('A module exporting a source: a package name or a path.'),
    file: nonEmptyText().optional().describe('A track list file (relative to this config file).'),
  })
  .describe('A user-written playlist; the custom plugin checks the remaining keys.');

/**
 * The core's part of the file. A top-level key beyond these whose value is a section (a service's `<service>:`)
 * belongs to a plugin: it is set aside as `config.sections` and checked once the sources are known, so the core
 * names no plugin. Any other unknown key (`playlst: x`) is a typo, reported here.
 */
export const configFileSchema = z
  .strictObject({
    $schema: text().optional().describe('The JSON Schema for editors.'),
    plex: z
      .strictObject({
        url: httpUrl().optional().describe('Plex server address (PLEX_URL), e.g. http://192.168.1.10:32400.'),
        token: nonEmptyText().optional().describe('Plex token (PLEX_TOKEN). Keep this file private.'),
        library: nonEmptyText().optional().describe('Music library title (PLEX_MUSIC_LIBRARY_NAME). Default "Music".'),
        pageSize: wholeNumber(pageSize.min, pageSize.max).optional().describe('Tracks per page when indexing. Default 1000.'),
        timeoutMs: wholeNumber(timeoutMs.min, timeoutMs.max).optional().describe('Request timeout in ms. Default 30000.'),
        indexMaxAgeHours: wholeNumber(indexMaxAgeHours.min, indexMaxAgeHours.max)
          .optional()
          .describe('Rebuild the cached library index at least this often, so play counts and ratings stay fresh. Default 24.'),
      })
      .optional()
      .describe('The Plex server and its music library.'),
    dataDir: nonEmptyText().optional().describe('State, cache and reports (HARMONIQ_DATA_DIR); relative to this file.'),
    timezone: fromParser(rules.zone, parseZone).optional().describe('IANA time zone (TIMEZONE).'),
    logLevel: oneOf(LOG_LEVELS).optional().describe('LOG_LEVEL. Default info.'),
    logFormat: oneOf(LOG_FORMATS).optional().describe('LOG_FORMAT. Default human.'),
    updateMode: oneOf(UPDATE_MODES).optional().describe('PLAYLIST_UPDATE_MODE for every source. Default replace.'),
    minTracks: wholeNumber(minTracks.min, minTracks.max).optional().describe('MIN_TRACKS for every source. Default 1.'),
    serviceCacheMaxAgeHours: wholeNumber(serviceCacheMaxAgeHours.min, serviceCacheMaxAgeHours.max)
      .optional()
      .describe('SERVICE_CACHE_MAX_AGE_HOURS: keep cached service answers (similar artists, recording names) at most this long; 0 turns the cache off. Default: per method (days).'),
    limits: z
      .strictObject({
        maxItems: wholeNumber(maxItems.min, maxItems.max)
          .optional()
          .describe(`PLEX_MAX_ITEMS: items one Plex listing may hold. Default ${maxItems.default}.`),
        maxBodyMb: wholeNumber(maxBodyMb.min, maxBodyMb.max)
          .optional()
          .describe(`HARMONIQ_MAX_BODY_MB: largest answer from any service, after decompression. Default ${maxBodyMb.default}.`),
        pluginTimeLimitSeconds: wholeNumber(pluginTimeLimitSeconds.min, pluginTimeLimitSeconds.max)
          .optional()
          .describe(`HARMONIQ_PLUGIN_TIME_LIMIT_SECONDS: time a plugin or custom module may take for one fetch or verify. Default ${pluginTimeLimitSeconds.default}.`),
        pluginMemoryMb: wholeNumber(pluginMemoryMb.min, pluginMemoryMb.max)
          .optional()
          .describe(`HARMONIQ_PLUGIN_MEMORY_MB: heap of a plugin's or custom module's worker thread. Default ${pluginMemoryMb.default}.`),
      })
      .optional()
      .describe('Bounds on what services may send and plugins may take (docs/reliability.md).'),
    schedule: z
      .strictObject({
        intervalMinutes: wholeNumber(intervalMinutes.min, intervalMinutes.max)
          .optional()
          .describe('RUN_INTERVAL_MINUTES for `harmoniq daemon`.'),
        cron: fromParser(rules.cron, parseCron).optional().describe('SCHEDULE_CRON, in the configured time zone.'),
        runOnStart: bool().optional().describe('RUN_ON_START: sync once when the daemon starts. Default true.'),
      })
      .optional()
      .describe('When `harmoniq daemon` runs a sync.'),
    matching: z
      .strictObject({
        overrides: z
          .array(matchOverride, says('must be a list of overrides'))
          .optional()
          .describe('Manual decisions: use a given library track, or never match a candidate.'),
      })
      .optional()
      .describe('Matching candidates against the library.'),
    plugins: z.array(nonEmptyText(), says(rules.textList)).optional().describe('Extra plugins: package names or paths.'),
    notify: z
      .strictObject({
        webhookUrl: httpUrl().optional().describe('Where run reports are posted. Keep this file private.'),
        on: oneOf(NOTIFY_ON).optional().describe('failure (default) or always.'),
        format: oneOf(NOTIFY_FORMATS).optional().describe('Payload format. Default json.'),
      })
      .optional()
      .describe('Report runs to a webhook.'),
    history: z
      .strictObject({
        maxRuns: wholeNumber(LIMITS.historyRuns.min, LIMITS.historyRuns.max).optional().describe('HISTORY_MAX_RUNS. Default 200.'),
        maxDays: wholeNumber(LIMITS.historyDays.min, LIMITS.historyDays.max).optional().describe('HISTORY_MAX_DAYS. Default 30.'),
      })
      .optional()
      .describe('How many runs the history in the data dir keeps.'),
    status: z
      .strictObject({
        port: wholeNumber(LIMITS.port.min, LIMITS.port.max).optional().describe('STATUS_PORT: the daemon serves its status page here. Default off.'),
        host: nonEmptyText().optional().describe('STATUS_HOST: bind address. Default 127.0.0.1.'),
        token: nonEmptyText().optional().describe('STATUS_TOKEN: enables POST /run for clients that send it. Keep this file private.'),
      })
      .optional()
      .describe("The daemon's status page (report, /healthz, /metrics)."),
    custom: z
      .array(customEntry, says('must be a list of custom playlists'))
      .optional()
      .describe('User-written playlists (see docs/sources/custom.md).'),
    sources: z
      .record(z.string(), sourceSection, says('must be a section keyed by source name'))
      .optional()
      .describe("Per-source options, keyed by source name ('harmoniq sources' lists them)."),
    users: z
      .array(
        z.union(
          [
            nonEmptyText(),
            z.strictObject({
              name: nonEmptyText().describe('Plex username or display title (managed Home users have only a title).'),
              only: z.array(nonEmptyText(), says(rules.textList)).optional().describe('Only these sources for this user.'),
              env: z
                .record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), z.string(), says('must map setting names (UPPER_SNAKE_CASE) to text'))
                .optional()
                .describe("This user's settings by their environment names (their user names and tokens for each service, playlist titles). Keep this file private."),
              sources: z
                .record(z.string(), sourceSection, says('must be a section keyed by source name'))
                .optional()
                .describe("This user's per-source options, like the top-level sources section."),
            }),
          ],
          says('must be a user name or { name, only, env, sources }'),
        ),
        says('must be a list of Plex users'),
      )
      .optional()
      .describe("Household users (PLEX_USERS): every enabled source also keeps its playlist in each user's own account."),
    ...lookKeys,
    exclude: globalExclude.optional().describe('Kept out of every playlist (EXCLUDE_GENRES, EXCLUDE_ARTISTS, EXCLUDE_TRACKS_FILE).'),
    plexTvUrl: httpUrl().optional().describe('PLEX_TV_URL: where the owner\'s token lists the household users. Default https://plex.tv.'),
  })
  .describe('Harmoniq configuration (harmoniq.config.yaml, .harmoniqrc, package.json#harmoniq).');

export type ConfigFile = z.output<typeof configFileSchema>;

/** The JSON Schema of the core's part of the config file; sources/options-schema.ts adds the plugins' parts. */
export function baseConfigJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configFileSchema, { io: 'input', target: 'draft-2020-12' });
  return { ...schema, title: 'Harmoniq configuration' };
}
