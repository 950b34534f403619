/**
 * What `harmoniq config` prints: the resolved configuration, each top-level setting as `{ value, from }`, with
 * every secret replaced by "[redacted]". Secrets are found by key name and then, as a safety net, every string in
 * the output is scrubbed of the secret values themselves (a token pasted into an unrelated field stays hidden).
 */
import { createRedactor, isSecretName } from '../logging/redact.js';
import { ENV_NAMES } from './env-names.js';
import type { HarmoniqConfig, SettingOrigin } from './types.js';

const MASK = '[redacted]';

/** Keys whose values are secrets, in the config file or the environment. */
export function isSecretKey(key: string): boolean {
  return isSecretName(key) || /webhook|session_?key|credential/i.test(key);
}

/** Dotted paths of non-empty secret values in a parsed config file, for the file-permission warning. */
export function findSecretPaths(content: unknown, prefix = ''): string[] {
  if (!content || typeof content !== 'object') return [];
  const found: string[] = [];
  for (const [key, value] of Object.entries(content)) {
    const path = Array.isArray(content) ? `${prefix}[${key}]` : prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string' && value.trim() !== '' && isSecretKey(key)) found.push(path);
    else found.push(...findSecretPaths(value, path));
  }
  return found;
}

function collectSecretValues(value: unknown, out: string[], underSecretKey = false): void {
  if (typeof value === 'string') {
    if (underSecretKey && value.trim() !== '') out.push(value, value.trim());
    return;
  }
  if (!value || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) collectSecretValues(child, out, underSecretKey || isSecretKey(key));
}

function maskByKey(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskByKey);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] = isSecretKey(key) && child !== undefined && child !== null && child !== '' ? MASK : maskByKey(child);
  }
  return out;
}

/** Env names worth showing: the ones Harmoniq and its sources read, not the whole process environment. */
const RELEVANT_ENV = /^(HARMONIQ_|PLEX_|PLAYLIST_|ENABLE_|CUSTOM_|NOTIFY_|HISTORY_|STATUS_)/;

export interface Sourced {
  value: unknown;
  from: SettingOrigin | 'unset';
}

export interface RedactConfigOptions {
  /** Extra env names to show (e.g. every source's env names); secret-looking ones are masked. */
  envNames?: readonly string[];
  /** What to show under `sources` (each source as resolved); default the config file's source sections. */
  sources?: Record<string, unknown>;
}

function sourcedAt(config: HarmoniqConfig, out: Record<string, unknown>, path: string): void {
  const keys = path.split('.');
  let value: unknown = config;
  for (const key of keys) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  let node = out;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    node[key] = next && typeof next === 'object' ? { ...(next as Record<string, unknown>) } : {};
    node = node[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1] ?? path;
  const sourced: Sourced = { value: value ?? null, from: config.origins[path] ?? 'unset' };
  node[last] = sourced;
}

const SOURCED_PATHS = [
  'plex.url',
  'plex.token',
  'plex.library',
  'plex.pageSize',
  'plex.timeoutMs',
  'plex.indexMaxAgeHours',
  'dataDir',
  'timezone',
  'logLevel',
  'logFormat',
  'updateMode',
  'minTracks',
  'serviceCacheMaxAgeHours',
  'limits.maxItems',
  'limits.maxBodyMb',
  'limits.pluginTimeLimitSeconds',
  'limits.pluginMemoryMb',
  'schedule.intervalMinutes',
  'schedule.cron',
  'schedule.runOnStart',
  'plugins',
] as const;

export function redactConfig(config: HarmoniqConfig, options: RedactConfigOptions = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {
    configFile: config.configFile ?? null,
    baseDir: config.baseDir,
  };
  for (const path of SOURCED_PATHS) sourcedAt(config, out, path);
  out.matching = config.matching;
  out.notify = config.notify;
  out.history = config.history;
  out.status = config.status;
  out.look = lookForDisplay(config.look);
  out.custom = config.custom;
  out.sources = options.sources ?? config.sources;
  out.sections = config.sections;

  const names = new Set<string>([
    ...Object.values(ENV_NAMES),
    ...(options.envNames ?? []),
    ...Object.keys(config.env).filter((name) => RELEVANT_ENV.test(name)),
  ]);
  const env: Record<string, string> = {};
  for (const name of [...names].sort()) {
    const value = config.env[name];
    if (value !== undefined) env[name] = value;
  }
  out.env = env;

  const secrets: string[] = [];
  // origins map secret-looking paths ('plex.token') to words like 'file', which are not secrets.
  collectSecretValues({ ...config, origins: {} }, secrets);
  for (const [name, value] of Object.entries(config.env)) {
    if (value && isSecretKey(name)) secrets.push(value, value.trim());
  }
  const masked = maskByKey(out) as Record<string, unknown>;
  // A {value, from} pair under a secret key was masked whole; keep its origin visible.
  for (const path of SOURCED_PATHS) {
    const last = path.split('.').pop() ?? path;
    if (!isSecretKey(last)) continue;
    const parent = path.includes('.') ? (masked[path.split('.')[0] ?? ''] as Record<string, unknown>) : masked;
    const sourced: Sourced = { value: config.origins[path] ? MASK : null, from: config.origins[path] ?? 'unset' };
    parent[last] = sourced;
  }
  return createRedactor(secrets).redactValue(masked);
}

/** The look as `harmoniq config` shows it: the tracks file's lines are counted, not listed. */
function lookForDisplay(look: HarmoniqConfig['look'] | undefined): Record<string, unknown> | null {
  if (!look) return null;
  return {
    poster: look.poster,
    posterFile: look.posterFile ?? null,
    summaryTemplate: look.summaryTemplate ?? null,
    exclude: {
      genres: look.exclude.genres,
      artists: look.exclude.artists,
      tracksFile: look.excludeTracksFile ?? null,
      tracks: look.exclude.tracks.length,
      ratingKeys: look.exclude.ratingKeys.length,
    },
  };
}
