import { formatInZone } from '../format-in-zone.js';
import winston from 'winston';
import type { Writable } from 'node:stream';
import type { Redactor } from './redact.js';
import { neutraliseControls } from './safe-text.js';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/** The logging surface plugins and packages see. Libraries never print: they log through this. */
export interface Logger {
  error(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  debug(message: string, meta?: Record<string, unknown>): void;
  /** A logger whose lines are labelled `[label]`. */
  child(label: string): Logger;
  isDebug(): boolean;
}

export interface LoggerOptions {
  level: LogLevel;
  format: 'human' | 'json';
  stream: Writable;
  redactor: Redactor;
  /** Colours and short timestamps, for a terminal. */
  tty?: boolean;
  /**
   * Human lines start with the local time, ISO 8601 with its offset (`2026-12-07T06:00:03+01:00`), so a cron
   * job's `>> harmoniq.log` is dated and sorts. Off with LOG_TIMESTAMPS=false (journald and `docker logs -t`
   * add their own). Default on.
   */
  timestamps?: boolean;
  /** The clock and zone of those timestamps (the run's clock, so a rehearsal's accelerated time shows). */
  clock?: { now(): Date; zone: string };
}

/** The one timestamp format of human log lines: local time, seconds, and the zone's offset. */
export function logTimestamp(date: Date, zone: string): string {
  return formatInZone(date, zone, "yyyy-MM-dd'T'HH:mm:ssxxx");
}

export function createLogger(options: LoggerOptions): Logger {
  const { redactor } = options;
  const redactInfo = winston.format((info) => {
    info.message = redactor.redact(String(info.message));
    for (const key of Object.keys(info)) {
      if (key !== 'message' && key !== 'level') info[key] = redactor.redactValue(info[key]);
    }
    return info;
  });
  const clock = options.clock ?? { now: () => new Date(), zone: Intl.DateTimeFormat().resolvedOptions().timeZone };
  const stamp = options.timestamps === false ? () => '' : () => `${logTimestamp(clock.now(), clock.zone)} `;
  const human = winston.format.printf((info) => {
    const label = info.label ? `[${String(info.label)}] ` : '';
    const level = info.level === 'info' ? '' : `${String(info.level).toUpperCase()} `;
    // One event, one line: a newline or escape from a title or config value must not forge another (safe-text.ts).
    return `${stamp()}${label}${level}${neutraliseControls(String(info.message))}`;
  });
  const root = winston.createLogger({
    level: options.level,
    format:
      options.format === 'json'
        ? winston.format.combine(redactInfo(), winston.format.timestamp(), winston.format.json())
        : winston.format.combine(redactInfo(), human),
    transports: [new winston.transports.Stream({ stream: options.stream })],
  });
  return wrap(root, options.level);
}

function wrap(w: winston.Logger, level: LogLevel, label?: string): Logger {
  const log = (lvl: LogLevel) => (message: string, meta?: Record<string, unknown>) => {
    w.log({ level: lvl, message, ...(label ? { label } : {}), ...meta });
  };
  return {
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    child: (childLabel) => wrap(w, level, childLabel),
    isDebug: () => level === 'debug',
  };
}

/** Collects lines in memory: for tests and for a silent library default. */
export interface MemoryLogger extends Logger {
  readonly lines: { level: LogLevel; label?: string; message: string; meta?: Record<string, unknown> }[];
}

export function createMemoryLogger(label?: string, sink: MemoryLogger['lines'] = []): MemoryLogger {
  const log = (level: LogLevel) => (message: string, meta?: Record<string, unknown>) => {
    sink.push({ level, label, message, meta });
  };
  return {
    lines: sink,
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    child: (childLabel) => createMemoryLogger(childLabel, sink),
    isDebug: () => true,
  };
}
