/**
 * Merges one setting at a time with the precedence CLI flag > environment > config file > default, recording
 * where each value came from and collecting every invalid environment value instead of stopping at the first.
 */
import { isAbsolute, resolve } from 'node:path';
import { systemZone } from '../clock.js';
import type { ConfigIssue, Env } from '../contract.js';
import { defaultDataDir } from './data-dir.js';
import { ENV_NAMES as E, envValue } from './env-names.js';
import { LIMITS, LOG_FORMATS, LOG_LEVELS, NOTIFY_FORMATS, NOTIFY_ON, UPDATE_MODES, type ConfigFile } from './schema.js';
import type { HarmoniqConfig, LoadConfigOptions, SettingOrigin } from './types.js';
import {
  parseBoolean,
  parseCron,
  parseEnum,
  parseHttpUrl,
  parseList,
  parseWholeNumber,
  parseZone,
  rules,
  type Parsed,
} from './values.js';

export type ResolvedSettings = Omit<HarmoniqConfig, 'env' | 'configFile' | 'baseDir' | 'sources' | 'custom' | 'household' | 'sections' | 'look'>;

interface SettingsInput {
  env: Env;
  file: ConfigFile;
  overrides: NonNullable<LoadConfigOptions['overrides']>;
  cwd: string;
  baseDir: string;
  platform: NodeJS.Platform;
  home: string;
}

const text = (raw: string): Parsed<string> =>
  raw.trim() === '' ? { ok: false, message: `${rules.nonEmptyText}, got '${raw}'` } : { ok: true, value: raw.trim() };

/** `./plugins/x.js` and `../x` are paths; `harmoniq-plugin-x` and `@scope/x` are package names. */
export const isRelativePath = (p: string): boolean => /^\.{1,2}([\\/]|$)/.test(p);

export function resolveSettings(input: SettingsInput): {
  settings: ResolvedSettings;
  origins: Record<string, SettingOrigin>;
  errors: ConfigIssue[];
} {
  const { env, file, overrides, cwd, baseDir, home } = input;
  const origins: Record<string, SettingOrigin> = {};
  const errors: ConfigIssue[] = [];

  function pick<T>(
    path: string,
    envName: string | undefined,
    parse: (raw: string) => Parsed<T>,
    fromFile: T | undefined,
    fallback: T,
    flag?: T,
  ): T {
    if (flag !== undefined) {
      origins[path] = 'flag';
      return flag;
    }
    const raw = envName === undefined ? undefined : envValue(env, envName);
    if (raw !== undefined && envName !== undefined) {
      const parsed = parse(raw);
      if (parsed.ok) {
        origins[path] = 'env';
        return parsed.value;
      }
      errors.push({ path: envName, message: `${envName} ${parsed.message}` });
    }
    if (fromFile !== undefined) {
      origins[path] = 'file';
      return fromFile;
    }
    if (fallback !== undefined) origins[path] = 'default';
    return fallback;
  }

  const expandHome = (p: string): string => (p === '~' || /^~[\\/]/.test(p) ? home + p.slice(1) : p);
  const pathFrom = (base: string) => (p: string) => resolve(base, expandHome(p));
  const number = (min: number, max: number) => (raw: string) => parseWholeNumber(raw, min, max);
  const plex = file.plex ?? {};
  const schedule = file.schedule ?? {};
  const token = envValue(env, E.plexToken) ?? plex.token;
  const stripSlash = (u: string | undefined) => u?.replace(/\/+$/, '');

  const fileDataDir = file.dataDir !== undefined ? pathFrom(baseDir)(file.dataDir) : undefined;
  const flagDataDir = overrides.dataDir !== undefined ? pathFrom(cwd)(overrides.dataDir) : undefined;
  const resolvePlugin = (base: string) => (p: string) => (isRelativePath(p) || isAbsolute(p) ? resolve(base, p) : p);

  const settings: ResolvedSettings = {
    plex: {
      url: pick<string | undefined>('plex.url', E.plexUrl, (raw) => parseHttpUrl(raw, [token]), stripSlash(plex.url), undefined),
      token: pick<string | undefined>('plex.token', E.plexToken, text, plex.token, undefined),
      library: pick('plex.library', E.plexLibrary, text, plex.library?.trim(), 'Music'),
      pageSize: pick('plex.pageSize', E.plexPageSize, number(LIMITS.pageSize.min, LIMITS.pageSize.max), plex.pageSize, 1000),
      timeoutMs: pick('plex.timeoutMs', E.plexTimeoutMs, number(LIMITS.timeoutMs.min, LIMITS.timeoutMs.max), plex.timeoutMs, 30000),
      indexMaxAgeHours: pick(
        'plex.indexMaxAgeHours',
        E.plexIndexMaxAgeHours,
        number(LIMITS.indexMaxAgeHours.min, LIMITS.indexMaxAgeHours.max),
        plex.indexMaxAgeHours,
        24,
      ),
    },
    dataDir: pick(
      'dataDir',
      E.dataDir,
      (raw) => ({ ok: true, value: pathFrom(cwd)(raw.trim()) }),
      fileDataDir,
      defaultDataDir(input.platform, env, home),
      flagDataDir,
    ),
    timezone: pick('timezone', E.timezone, parseZone, file.timezone, systemZone()),
    logLevel: pick('logLevel', E.logLevel, (raw) => parseEnum(raw, LOG_LEVELS), file.logLevel, 'info', overrides.logLevel),
    logFormat: pick('logFormat', E.logFormat, (raw) => parseEnum(raw, LOG_FORMATS), file.logFormat, 'human', overrides.logFormat),
    updateMode: pick(
      'updateMode',
      E.updateMode,
      (raw) => parseEnum(raw, UPDATE_MODES),
      file.updateMode,
      'replace',
      overrides.updateMode,
    ),
    minTracks: pick('minTracks', E.minTracks, number(LIMITS.minTracks.min, LIMITS.minTracks.max), file.minTracks, 1),
    serviceCacheMaxAgeHours: pick<number | undefined>(
      'serviceCacheMaxAgeHours',
      E.serviceCacheMaxAgeHours,
      number(LIMITS.serviceCacheMaxAgeHours.min, LIMITS.serviceCacheMaxAgeHours.max),
      file.serviceCacheMaxAgeHours,
      undefined,
    ),
    limits: {
      maxItems: pick('limits.maxItems', E.maxItems, number(LIMITS.maxItems.min, LIMITS.maxItems.max), file.limits?.maxItems, LIMITS.maxItems.default),
      maxBodyMb: pick('limits.maxBodyMb', E.maxBodyMb, number(LIMITS.maxBodyMb.min, LIMITS.maxBodyMb.max), file.limits?.maxBodyMb, LIMITS.maxBodyMb.default),
      pluginTimeLimitSeconds: pick(
        'limits.pluginTimeLimitSeconds',
        E.pluginTimeLimitSeconds,
        number(LIMITS.pluginTimeLimitSeconds.min, LIMITS.pluginTimeLimitSeconds.max),
        file.limits?.pluginTimeLimitSeconds,
        LIMITS.pluginTimeLimitSeconds.default,
      ),
      pluginMemoryMb: pick('limits.pluginMemoryMb', E.pluginMemoryMb, number(LIMITS.pluginMemoryMb.min, LIMITS.pluginMemoryMb.max), file.limits?.pluginMemoryMb, LIMITS.pluginMemoryMb.default),
    },
    schedule: {
      intervalMinutes: pick<number | undefined>(
        'schedule.intervalMinutes',
        E.intervalMinutes,
        number(LIMITS.intervalMinutes.min, LIMITS.intervalMinutes.max),
        schedule.intervalMinutes,
        undefined,
      ),
      cron: pick<string | undefined>('schedule.cron', E.cron, parseCron, schedule.cron?.trim(), undefined),
      runOnStart: pick('schedule.runOnStart', E.runOnStart, parseBoolean, schedule.runOnStart, true),
    },
    matching: {
      overrides: (file.matching?.overrides ?? []).map((o) => ({
        artist: o.artist,
        title: o.title,
        ...(o.ratingKey !== undefined ? { ratingKey: String(o.ratingKey).trim() } : {}),
        ...(o.skip === true ? { skip: true } : {}),
      })),
    },
    plugins: pick(
      'plugins',
      E.plugins,
      (raw) => ({ ok: true, value: parseList(raw).map(resolvePlugin(cwd)) }),
      file.plugins?.map((p) => resolvePlugin(baseDir)(p.trim())),
      [],
    ),
    notify: {
      ...optional(
        pick<string | undefined>('notify.webhookUrl', E.notifyWebhookUrl, parseWebhookUrl, file.notify?.webhookUrl?.trim(), undefined),
      ),
      on: pick('notify.on', E.notifyOn, (raw) => parseEnum(raw, NOTIFY_ON), file.notify?.on, 'failure'),
      format: pick('notify.format', E.notifyFormat, (raw) => parseEnum(raw, NOTIFY_FORMATS), file.notify?.format, 'json'),
    },
    history: {
      maxRuns: pick('history.maxRuns', E.historyMaxRuns, number(LIMITS.historyRuns.min, LIMITS.historyRuns.max), file.history?.maxRuns, 200),
      maxDays: pick('history.maxDays', E.historyMaxDays, number(LIMITS.historyDays.min, LIMITS.historyDays.max), file.history?.maxDays, 30),
    },
    status: {
      ...definedOnly({ port: pick<number | undefined>('status.port', E.statusPort, number(LIMITS.port.min, LIMITS.port.max), file.status?.port, undefined) }),
      host: pick('status.host', E.statusHost, text, file.status?.host?.trim(), '127.0.0.1'),
      ...definedOnly({ token: pick<string | undefined>('status.token', E.statusToken, text, file.status?.token, undefined) }),
    },
    origins,
  };
  if (file.matching?.overrides !== undefined) origins['matching.overrides'] = 'file';
  return { settings, origins, errors };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function optional(webhookUrl: string | undefined): { webhookUrl?: string } {
  return webhookUrl === undefined ? {} : { webhookUrl };
}

/** Webhook URLs often carry their secret in the path or query, so both are allowed, and neither is ever echoed. */
function parseWebhookUrl(raw: string): Parsed<string> {
  try {
    const url = new URL(raw.trim());
    if (url.protocol === 'http:' || url.protocol === 'https:') return { ok: true, value: url.toString() };
  } catch {
    // reported below
  }
  return { ok: false, message: 'must be an http(s) URL (the value is not shown because webhook URLs contain secrets)' };
}
