import type { ConfigIssue, Env } from '@harmoniq/core';

/**
 * Reads a source's options from its config-file section and the environment (the environment wins),
 * collecting every problem instead of stopping at the first, so parseOptions can report them all.
 */
export interface OptionReader {
  readonly issues: ConfigIssue[];
  readonly warnings: string[];
  /** A non-empty string, or undefined. */
  string(key: string | undefined, envName?: string): string | undefined;
  /** An integer within [min, max], else the default (a wrong value is an issue, not a silent default). */
  integer(key: string, envName: string | undefined, range: { min: number; max: number; fallback: number }): number;
  oneOf<T extends string>(key: string, envName: string | undefined, values: readonly T[], fallback: T): T;
  oneOf<T extends string>(key: string, envName: string | undefined, values: readonly T[]): T | undefined;
  /** Reports config keys this source does not know (usually typos). Call after reading every key. */
  rejectUnknownKeys(): void;
  issue(path: string, message: string): void;
}

export function createOptionReader(raw: unknown, source: string, env: Env): OptionReader {
  const issues: ConfigIssue[] = [];
  const warnings: string[] = [];
  const known = new Set<string>();
  const section: Record<string, unknown> = {};
  if (raw !== undefined && raw !== null) {
    if (typeof raw === 'object' && !Array.isArray(raw)) Object.assign(section, raw);
    else issues.push({ path: `sources.${source}`, message: 'must be an object of options' });
  }
  const pathOf = (key: string): string => `sources.${source}.${key}`;

  /** The raw value and where it came from, env first. */
  const lookup = (key: string | undefined, envName: string | undefined): { value: unknown; path: string } | undefined => {
    if (key) known.add(key);
    const fromEnv = envName ? env[envName] : undefined;
    if (envName && fromEnv !== undefined && fromEnv.trim() !== '') return { value: fromEnv.trim(), path: envName };
    if (key && section[key] !== undefined && section[key] !== null) return { value: section[key], path: pathOf(key) };
    return undefined;
  };

  const reader: OptionReader = {
    issues,
    warnings,
    string(key, envName) {
      const found = lookup(key, envName);
      if (!found) return undefined;
      if (typeof found.value !== 'string') {
        issues.push({ path: found.path, message: `must be a string, got ${describe(found.value)}` });
        return undefined;
      }
      return found.value.trim() === '' ? undefined : found.value.trim();
    },
    integer(key, envName, { min, max, fallback }) {
      const found = lookup(key, envName);
      if (!found) return fallback;
      const n = typeof found.value === 'number' ? found.value : typeof found.value === 'string' ? Number(found.value) : Number.NaN;
      if (!Number.isInteger(n) || n < min || n > max) {
        issues.push({ path: found.path, message: `must be a whole number from ${min} to ${max}, got ${describe(found.value)}` });
        return fallback;
      }
      return n;
    },
    oneOf<T extends string>(key: string, envName: string | undefined, values: readonly T[], fallback?: T): T {
      const found = lookup(key, envName);
      if (!found) return fallback as T;
      const value = typeof found.value === 'string' ? found.value.trim() : found.value;
      const match = values.find((v) => typeof value === 'string' && v.toLowerCase() === value.toLowerCase());
      if (!match) {
        issues.push({ path: found.path, message: `must be one of ${values.join(', ')}, got ${describe(found.value)}` });
        return fallback as T;
      }
      return match;
    },
    rejectUnknownKeys() {
      for (const key of Object.keys(section)) {
        if (!known.has(key)) {
          const list = [...known].sort().join(', ');
          issues.push({ path: pathOf(key), message: `is not an option of ${source}${list ? ` (known: ${list})` : ''}` });
        }
      }
    },
    issue(path, message) {
      issues.push({ path, message });
    },
  };
  return reader;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value;
}
