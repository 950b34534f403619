/**
 * The configuration edge: reads the config file and the environment, applies CLI overrides, and returns either a
 * trusted HarmoniqConfig or every problem at once. Never throws for user mistakes.
 */
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { ConfigIssue } from '../contract.js';
import { resolveHomeDir } from './data-dir.js';
import { splitPluginSections, validateConfigFile, validPartOf } from './file-issues.js';
import { readConfigFile } from './read-config-file.js';
import { findSecretPaths } from './redact-config.js';
import { readHousehold } from './household.js';
import { readLookSettings } from './look-settings.js';
import { isRelativePath, resolveSettings } from './resolve-settings.js';
import type { ConfigFile } from './schema.js';
import type { CustomPlaylistEntry, HarmoniqConfig, LoadConfigOptions, LoadConfigResult } from './types.js';

const isSection = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

function resolveCustom(entries: ConfigFile['custom'], baseDir: string): CustomPlaylistEntry[] {
  return (entries ?? []).map((entry) => {
    const out: CustomPlaylistEntry = { ...entry };
    if (typeof entry.module === 'string' && (isRelativePath(entry.module) || isAbsolute(entry.module))) {
      out.module = resolve(baseDir, entry.module);
    }
    if (typeof entry.file === 'string') out.file = resolve(baseDir, entry.file);
    return out;
  });
}

function permissionWarning(filepath: string, mode: number | undefined, content: unknown): string | undefined {
  if (process.platform === 'win32' || mode === undefined || (mode & 0o077) === 0) return undefined;
  const secrets = findSecretPaths(content);
  if (secrets.length === 0) return undefined;
  return (
    `${filepath} holds secrets (${secrets.join(', ')}) and other users on this machine can read it. ` +
    `Run: chmod 600 '${filepath}'`
  );
}

function nameForMessages(filepath: string, cwd: string): string {
  const rel = relative(cwd, filepath);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : filepath;
}

export async function loadConfig(options: LoadConfigOptions): Promise<LoadConfigResult> {
  const cwd = resolve(options.cwd);
  const env = options.env;
  const home = resolveHomeDir(env, options.homeDir);
  const warnings: string[] = [];
  const errors: ConfigIssue[] = [];

  const read = await readConfigFile({ cwd, homeDir: home, ...(options.configPath !== undefined ? { configPath: options.configPath } : {}) });
  let file: ConfigFile = {};
  let fileForDisplay: ConfigFile = {};
  let sections: Record<string, unknown> = {};
  let configFile: string | undefined;
  let baseDir = cwd;
  if (read.found) {
    configFile = read.filepath;
    baseDir = dirname(read.filepath);
    if ('issue' in read) {
      errors.push(read.issue);
    } else {
      const validated = validateConfigFile(read.content, nameForMessages(read.filepath, cwd));
      if (validated.ok) file = validated.value;
      else errors.push(...validated.errors);
      fileForDisplay = validated.ok ? validated.value : validPartOf(read.content);
      sections = isSection(read.content) ? splitPluginSections(read.content as Record<string, unknown>).sections : {};
      const warning = permissionWarning(read.filepath, read.mode, read.content);
      if (warning) warnings.push(warning);
    }
  }

  const settingsFrom = (from: ConfigFile) =>
    resolveSettings({ env, file: from, overrides: options.overrides ?? {}, cwd, baseDir, platform: options.platform ?? process.platform, home });
  const build = (from: ConfigFile, settings: ReturnType<typeof settingsFrom>['settings'], look: HarmoniqConfig['look']): HarmoniqConfig => ({
    ...settings,
    look,
    custom: resolveCustom(from.custom, baseDir),
    sources: { ...(from.sources ?? {}) },
    household: readHousehold(env, from).value,
    sections,
    env,
    baseDir,
    ...(configFile !== undefined ? { configFile } : {}),
  });
  const { settings, errors: settingErrors } = settingsFrom(errors.length > 0 ? fileForDisplay : file);
  const usable = errors.length > 0 ? fileForDisplay : file;
  // Read once: the tracks file and the poster file are checked here, at start.
  const look = readLookSettings({ env, file: usable, cwd, baseDir, origins: settings.origins });
  errors.push(...settingErrors, ...readHousehold(env, usable).errors, ...look.errors);
  if (errors.length > 0) {
    const partial = build(fileForDisplay, settings, look.value);
    return { ok: false, errors, warnings, partial, ...(configFile !== undefined ? { configFile } : {}) };
  }
  return { ok: true, config: build(file, settings, look.value), warnings };
}
