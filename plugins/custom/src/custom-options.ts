import { isAbsolute, resolve } from 'node:path';
import type { ConfigIssue, Env, ParseResult } from '@harmoniq/core';
import { envValue, type CustomSpec } from './custom-entries.js';

/** What a custom playlist loads: a module (a source or a function) or a track list file. */
export type CustomOptions =
  | {
      kind: 'module';
      /** An absolute path, or a package name. */
      specifier: string;
      /** Names the module and where it was configured, for messages: "/srv/gems.mjs (CUSTOM_1_MODULE)". */
      label: string;
      /** The setting that names it: CUSTOM_1_MODULE or custom[0].module. */
      setting: string;
      /** The options handed to the module: the entry's own keys, `sources.<name>`, CUSTOM_<N>_OPTIONS. */
      settings: Record<string, unknown>;
      env: Env;
    }
  | { kind: 'file'; path: string; label: string; setting: string };

/** The keys of a `custom:` entry that the core handles; everything else is the module's options. */
const ENTRY_KEYS = new Set(['name', 'enabled', 'playlist', 'size', 'minTracks', 'updateMode', 'module', 'file']);

/**
 * `./gems.mjs`, `gems.mjs`, `/srv/gems.mjs`, `lib/gems.js` are paths; `harmoniq-gems` and `@me/gems` are packages.
 * A bare name with a .js/.mjs/.cjs extension counts as a path, because that is what people mean by it.
 */
export function isModulePath(specifier: string): boolean {
  if (isAbsolute(specifier) || /^\.{1,2}([\\/]|$)/.test(specifier)) return true;
  if (/\.[cm]?js$/i.test(specifier)) return true;
  return !specifier.startsWith('@') && /[\\/]/.test(specifier);
}

interface Located {
  value: string;
  path: string;
  base: string;
}

export interface ParseContext {
  spec: CustomSpec;
  cwd: string;
  baseDir: string;
}

/** Reads where this custom playlist's module or file is, and its options. Never throws; reports every problem. */
export function parseCustomOptions(raw: unknown, env: Env, { spec, cwd, baseDir }: ParseContext): ParseResult<CustomOptions> {
  const errors: ConfigIssue[] = [];
  const n = spec.number;
  const fromEnv = (suffix: 'MODULE' | 'FILE'): Located | undefined => {
    const name = `CUSTOM_${n}_${suffix}`;
    const value = n === undefined ? undefined : envValue(env, name);
    return value === undefined ? undefined : { value, path: name, base: cwd };
  };
  const fromEntry = (key: 'module' | 'file'): Located | undefined => {
    const value = spec.entry?.[key];
    return typeof value === 'string' && value.trim() ? { value: value.trim(), path: `custom[${spec.index}].${key}`, base: baseDir } : undefined;
  };
  // The environment beats the config file, as everywhere: when it names a module or a file, the file's choice is ignored.
  const envModule = fromEnv('MODULE');
  const envFile = fromEnv('FILE');
  const useEnv = envModule !== undefined || envFile !== undefined;
  const module = useEnv ? envModule : fromEntry('module');
  const file = useEnv ? envFile : fromEntry('file');
  const where = n !== undefined ? `CUSTOM_${n}_MODULE or CUSTOM_${n}_FILE` : `custom[${spec.index}].module or .file`;
  if (module && file) errors.push({ path: module.path, message: `${module.path} and ${file.path} are both set: a custom playlist comes from a module or from a file, not both` });
  if (!module && !file) errors.push({ path: n !== undefined ? `CUSTOM_${n}_MODULE` : `custom[${spec.index}]`, message: `needs ${where}: a module (.mjs/.js) or a track list (.json, .csv, .m3u)` });

  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(spec.entry ?? {})) if (!ENTRY_KEYS.has(key)) settings[key] = value;
  if (raw !== undefined && raw !== null) {
    if (typeof raw === 'object' && !Array.isArray(raw)) Object.assign(settings, raw);
    else errors.push({ path: `sources.${spec.name}`, message: `sources.${spec.name} must be a section of options` });
  }
  const optionsVar = n === undefined ? undefined : `CUSTOM_${n}_OPTIONS`;
  const optionsJson = optionsVar ? envValue(env, optionsVar) : undefined;
  if (optionsVar && optionsJson !== undefined) {
    const parsed = parseJsonObject(optionsJson);
    if (parsed) Object.assign(settings, parsed);
    else errors.push({ path: optionsVar, message: `${optionsVar} must be a JSON object, e.g. {"months": 6}` });
  }
  if (errors.length) return { ok: false, errors };

  const warnings: string[] = [];
  for (const key of ['minTracks', 'updateMode'] as const) {
    if (spec.entry?.[key] !== undefined) warnings.push(`custom[${spec.index}].${key} is not read there: set sources.${spec.name}.${key} instead`);
  }
  if (module) {
    const specifier = isModulePath(module.value) ? resolve(module.base, module.value) : module.value;
    const value: CustomOptions = { kind: 'module', specifier, label: `${specifier} (${module.path})`, setting: module.path, settings, env };
    return { ok: true, value, ...(warnings.length ? { warnings } : {}) };
  }
  const located = file as Located;
  const path = resolve(located.base, located.value);
  if (Object.keys(settings).length) warnings.push(`${spec.name}: options (${Object.keys(settings).join(', ')}) are ignored for a track list file`);
  return { ok: true, value: { kind: 'file', path, label: `${path} (${located.path})`, setting: located.path }, ...(warnings.length ? { warnings } : {}) };
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
