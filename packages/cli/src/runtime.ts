import { resolve } from 'node:path';
import { harmoniqVersion } from './version.js';
import { HarmoniqError, type Clock, type Http, type Logger } from '@harmoniq/core';
import { configError, createHttp, createLogger, createRedactor, isSecretName, issueLine, loadConfig, systemClock, type HarmoniqConfig, type LoadConfigOptions, type Redactor } from '@harmoniq/core/pipeline';
import { createPlexClient, type PlexClient } from '@harmoniq/plex';
import type { MainOptions } from './io.js';
import type { IsolationMap } from './plugins/isolation-map.js';
import { guardWithRedactor } from './process-guard.js';

export interface GlobalFlags {
  config?: string;
  verbose?: boolean;
  quiet?: boolean;
  logLevel?: string;
  logFormat?: string;
  dataDir?: string;
  updateMode?: string;
}

/** Flags that override every other source of configuration, checked here because commander only sees strings. */
function flagOverrides(flags: GlobalFlags, cwd: string): NonNullable<LoadConfigOptions['overrides']> {
  const oneOf = <T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined => {
    if (value === undefined) return undefined;
    const v = value.trim().toLowerCase();
    if ((allowed as readonly string[]).includes(v)) return v as T;
    throw new HarmoniqError({ code: 'EUSAGE', message: `${name} must be one of ${allowed.join(', ')}, got '${value}'.` });
  };
  const level = flags.verbose ? 'debug' : flags.quiet ? 'warn' : oneOf('--log-level', flags.logLevel, ['error', 'warn', 'info', 'debug'] as const);
  const format = oneOf('--log-format', flags.logFormat, ['human', 'json'] as const);
  const mode = oneOf('--update-mode', flags.updateMode, ['replace', 'append'] as const);
  return {
    ...(level ? { logLevel: level } : {}),
    ...(format ? { logFormat: format } : {}),
    ...(mode ? { updateMode: mode } : {}),
    ...(flags.dataDir ? { dataDir: resolve(cwd, flags.dataDir) } : {}),
  };
}

/** What a command needs, built once from the configuration. */
export interface Runtime {
  config: HarmoniqConfig;
  warnings: string[];
  logger: Logger;
  redactor: Redactor;
  http: Http;
  clock: Clock & { rate: number };
  version: string;
  io: MainOptions;
  /** Configuration problems, one line each: only ever non-empty for `harmoniq config` (allowConfigProblems). */
  configProblems: string[];
  /** Filled by loadSources: which loaded sources run in the plugin boundary, and how (plugins/isolate-sources.ts). */
  isolation?: IsolationMap;
}

export interface RuntimeOptions {
  /** Build the runtime from what still resolves instead of stopping with ECONFIG (for `harmoniq config`). */
  allowConfigProblems?: boolean;
}

export async function createRuntime(io: MainOptions, flags: GlobalFlags, options: RuntimeOptions = {}): Promise<Runtime> {
  const loaded = await loadConfig({ cwd: io.cwd, env: io.env, configPath: flags.config, overrides: flagOverrides(flags, io.cwd) });
  // Secrets are known before anything is printed, config errors included.
  const redactor = createRedactor(Object.entries(io.env).filter(([k]) => isSecretName(k)).map(([, v]) => v));
  const configProblems = loaded.ok ? [] : loaded.errors.map((e) => redactor.redact(issueLine(e)));
  if (!loaded.ok && !options.allowConfigProblems) {
    throw configError(configProblems, { configFile: loaded.configFile, hint: 'See docs/configuration.md for every setting.' });
  }
  const config = loaded.ok ? loaded.config : loaded.partial;
  for (const [k, v] of Object.entries(config.env)) if (isSecretName(k)) redactor.add(v);
  redactor.add(config.plex.token);
  guardWithRedactor(redactor);
  const clock = clockFromEnv(io.env, config.timezone);
  const logger = createLogger({
    level: config.logLevel,
    format: config.logFormat,
    stream: io.stderr,
    redactor,
    tty: Boolean((io.stderr as { isTTY?: boolean }).isTTY),
    timestamps: !['false', '0', 'no', 'off'].includes(io.env.LOG_TIMESTAMPS?.trim().toLowerCase() ?? ''),
    clock,
  });
  for (const w of loaded.warnings) logger.warn(w);
  const version = harmoniqVersion();
  const http = createHttp({
    userAgent: `Harmoniq/${version} (+https://github.com/harmoniq/harmoniq)`,
    redactor,
    logger: logger.child('http'),
    timeoutMs: config.plex.timeoutMs,
    maxBodyBytes: config.limits.maxBodyMb * 1024 * 1024,
    retryBaseMs: Number(io.env.HARMONIQ_RETRY_BASE_MS) > 0 ? Number(io.env.HARMONIQ_RETRY_BASE_MS) : undefined,
  });
  return { config, warnings: loaded.warnings, logger, redactor, http, clock, version, io, configProblems, isolation: new Map() };
}

/**
 * The system clock, or, for tests and rehearsals of a schedule, an accelerated one: HARMONIQ_CLOCK_START
 * (ISO time the clock starts at) and HARMONIQ_CLOCK_RATE (simulated seconds per real second).
 */
export function clockFromEnv(env: MainOptions['env'], zone: string): Clock & { rate: number } {
  const start = env.HARMONIQ_CLOCK_START ? Date.parse(env.HARMONIQ_CLOCK_START) : NaN;
  const rate = Number(env.HARMONIQ_CLOCK_RATE ?? 1) > 0 ? Number(env.HARMONIQ_CLOCK_RATE ?? 1) : 1;
  if (Number.isNaN(start) && rate === 1) return { ...systemClock(zone), rate: 1 };
  const realStart = Date.now();
  const origin = Number.isNaN(start) ? realStart : start;
  return { zone, rate, now: () => new Date(origin + (Date.now() - realStart) * rate) };
}

const PLEX_HINT = "Set PLEX_URL to your server's address (e.g. http://192.168.1.10:32400) and PLEX_TOKEN to your X-Plex-Token (see docs/getting-started.md).";

function missingPlexSettings(rt: Runtime): string[] {
  const { url, token } = rt.config.plex;
  return [!url && 'PLEX_URL', !token && 'PLEX_TOKEN'].filter((m): m is string => Boolean(m));
}

/** What a Plex run lacks, as one problem line (empty when Plex is configured), to report with every other problem. */
export function plexProblems(rt: Runtime): string[] {
  const missing = missingPlexSettings(rt);
  if (!missing.length) return [];
  return [`${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set (plex.url and plex.token in the config file). ${PLEX_HINT}`];
}

/** The Plex client, or ECONFIG naming what is missing. */
export function plexClient(rt: Runtime): PlexClient {
  const { url, token } = rt.config.plex;
  const missing = missingPlexSettings(rt);
  if (!url || !token) {
    throw new HarmoniqError({
      code: 'ECONFIG',
      message: `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set.`,
      hint: PLEX_HINT,
    });
  }
  return createPlexClient({ url, token, http: rt.http, logger: rt.logger.child('plex'), pageSize: rt.config.plex.pageSize, maxItems: rt.config.limits.maxItems });
}
