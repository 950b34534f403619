import { isAbsolute, resolve } from 'node:path';
import { option, type Env, type OptionValues, type RefineContext } from '@harmoniq/core';
import type { CustomSpec } from './custom-entries.js';

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
      /** The options handed to the module: the entry's own keys, then `sources.<name>` or CUSTOM_<N>_OPTIONS. */
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

/** A custom playlist's options, declared like every source's (the numbered variables exist for `custom-<N>` only). */
export function customOptionDeclarations(spec: CustomSpec) {
  const env = (suffix: string): { env?: string } => (spec.number !== undefined ? { env: `CUSTOM_${spec.number}_${suffix}` } : {});
  return {
    module: option.text({ description: 'A module (.mjs/.js path or package name) exporting a source or a function; also custom[].module.', ...env('MODULE') }),
    file: option.text({ description: 'A track list (.json, .csv, .m3u/.m3u8); also custom[].file.', ...env('FILE') }),
    settings: option.structured<unknown>({
      description: "Options handed to the module: the section's other keys, or a JSON object in the environment.",
      ...env('OPTIONS'),
      rest: true,
      allowed: 'a section of options (a JSON object in the environment)',
    }),
  };
}

export type CustomDeclarations = ReturnType<typeof customOptionDeclarations>;

export interface ParseContext {
  spec: CustomSpec;
  cwd: string;
  baseDir: string;
}

interface Located {
  value: string;
  path: string;
  base: string;
}

/**
 * From the values the core read (environment > `sources.<name>`) and the `custom:` entry: the module or the file,
 * and the module's options. The environment naming a module or a file replaces the file's choice of both.
 */
export function refineCustomOptions(values: OptionValues<CustomDeclarations>, ctx: RefineContext, { spec, cwd, baseDir }: ParseContext): CustomOptions {
  const n = spec.number;
  const fromEnv = (name: 'module' | 'file'): Located | undefined => {
    const value = values[name];
    return value !== undefined && ctx.pathOf(name) === `CUSTOM_${n}_${name.toUpperCase()}` ? { value, path: ctx.pathOf(name), base: cwd } : undefined;
  };
  const fromFile = (name: 'module' | 'file'): Located | undefined => {
    const value = values[name];
    if (value !== undefined) return { value, path: ctx.pathOf(name), base: baseDir };
    const entry = spec.entry?.[name];
    return typeof entry === 'string' && entry.trim() ? { value: entry.trim(), path: `custom[${spec.index}].${name}`, base: baseDir } : undefined;
  };
  const envModule = fromEnv('module');
  const envFile = fromEnv('file');
  const useEnv = envModule !== undefined || envFile !== undefined;
  const module = useEnv ? envModule : fromFile('module');
  const file = useEnv ? envFile : fromFile('file');
  const where = n !== undefined ? `CUSTOM_${n}_MODULE or CUSTOM_${n}_FILE` : `custom[${spec.index}].module or .file`;
  if (module && file) ctx.issue(module.path, `${module.path} and ${file.path} are both set: a custom playlist comes from a module or from a file, not both`);
  if (!module && !file) ctx.issue(n !== undefined ? `CUSTOM_${n}_MODULE` : `custom[${spec.index}]`, `needs ${where}: a module (.mjs/.js) or a track list (.json, .csv, .m3u)`);

  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(spec.entry ?? {})) if (!ENTRY_KEYS.has(key)) settings[key] = value;
  const given = typeof values.settings === 'string' ? parseJsonObject(values.settings) : values.settings;
  if (given !== undefined && (typeof given !== 'object' || given === null || Array.isArray(given))) {
    ctx.issue(ctx.pathOf('settings'), `${ctx.pathOf('settings')} must be a JSON object, e.g. {"months": 6}`);
  } else if (given) Object.assign(settings, given);

  for (const key of ['minTracks', 'updateMode'] as const) {
    if (spec.entry?.[key] !== undefined) ctx.warn(`custom[${spec.index}].${key} is not read there: set sources.${spec.name}.${key} instead`);
  }
  if (module) {
    const specifier = isModulePath(module.value) ? resolve(module.base, module.value) : module.value;
    return { kind: 'module', specifier, label: `${specifier} (${module.path})`, setting: module.path, settings, env: ctx.env };
  }
  // Nothing set is reported above; this value is then never used.
  const located = file ?? { value: '', path: where, base: cwd };
  const path = resolve(located.base, located.value);
  if (Object.keys(settings).length) ctx.warn(`${spec.name}: options (${Object.keys(settings).join(', ')}) are ignored for a track list file`);
  return { kind: 'file', path, label: `${path} (${located.path})`, setting: located.path };
}

/** A JSON object, or something that is not one (reported by the caller). */
function parseJsonObject(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
