import type { CustomPlaylistEntry, Env } from '@harmoniq/core';

/** One custom playlist before its options are parsed: where it was declared and what it is called. */
export interface CustomSpec {
  /** The source name (CLI id): `custom-<N>`, or the config entry's name in kebab-case. */
  name: string;
  /** N of the numbered environment variables that apply to it (ENABLE_CUSTOM_<N>, CUSTOM_<N>_MODULE…). */
  number?: string;
  /** The config file's entry, when there is one. */
  entry?: CustomPlaylistEntry;
  /** Its index in the config file's `custom:` list. */
  index?: number;
}

const NUMBERED_ENV = /^(?:ENABLE_CUSTOM_|PLAYLIST_NAME_CUSTOM_|PLAYLIST_SIZE_CUSTOM_)(\d+)$|^CUSTOM_(\d+)_(?:MODULE|FILE|OPTIONS)$/;

export function envValue(env: Env, name: string): string | undefined {
  const raw = env[name];
  return raw !== undefined && raw.trim() !== '' ? raw.trim() : undefined;
}

/** 'Forgotten Gems!' → 'forgotten-gems'. Marks are dropped; what is left besides a–z and 0–9 separates words. */
export function kebabName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** 'forgotten-gems' → 'Forgotten Gems', for a default playlist title. */
export function titleFromName(name: string): string {
  return name
    .split('-')
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
}

/**
 * Every custom playlist: the config file's entries first, in order, then each N used by a numbered environment
 * variable that no entry claims. An entry named `custom-<N>` is the same playlist as the variables with that N,
 * so the environment can override the file for it.
 */
export function collectCustomSpecs(entries: readonly CustomPlaylistEntry[], env: Env): CustomSpec[] {
  const specs: CustomSpec[] = entries.map((entry, index) => {
    const name = kebabName(String(entry.name)) || `custom-${index + 1}`;
    const number = /^custom-(\d+)$/.exec(name)?.[1];
    return { name, entry, index, ...(number ? { number } : {}) };
  });
  const claimed = new Set(specs.map((s) => s.number).filter((n): n is string => n !== undefined));
  const numbers = new Set<string>();
  for (const key of Object.keys(env)) {
    const match = NUMBERED_ENV.exec(key);
    const n = match?.[1] ?? match?.[2];
    if (n !== undefined && envValue(env, key) !== undefined && !claimed.has(n)) numbers.add(n);
  }
  const sorted = [...numbers].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
  return [...specs, ...sorted.map((number) => ({ name: `custom-${number}`, number }))];
}
