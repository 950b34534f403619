import { basename } from 'node:path';
import { defineSource, HarmoniqError, type CandidateTrack, type ConfigIssue, type PlaylistDraft, type PlaylistSource, type SourceContext } from '@harmoniq/core';
import { envValue, titleFromName, type CustomSpec } from './custom-entries.js';
import { customOptionDeclarations, isModulePath, refineCustomOptions, type CustomOptions } from './custom-options.js';
import { CUSTOM_ERRORS } from './error-codes.js';
import { loadCustomModule, type CustomModule, type ImportModule } from './load-custom-module.js';
import { maxTrackFileBytes, readTrackFile } from './track-files/read-track-file.js';

/** A custom playlist as a source, plus what the CLI needs to show its state without running it. */
export interface CustomSource extends PlaylistSource<CustomOptions> {
  readonly custom: {
    /** "custom[0] in /srv/harmoniq.yaml" or "CUSTOM_1_MODULE", for messages about duplicates. */
    origin: string;
    /** Loads the module (or reads the file) without fetching anything; the problem, if there is one. */
    probe(options: CustomOptions): Promise<ConfigIssue | undefined>;
  };
}

export function isCustomSource(source: PlaylistSource<unknown>): source is PlaylistSource<unknown> & Pick<CustomSource, 'custom'> {
  const custom = (source as Partial<CustomSource>).custom;
  return typeof custom === 'object' && custom !== null && typeof custom.probe === 'function';
}

export interface CustomSourceSettings {
  cwd: string;
  baseDir: string;
  configFile?: string;
  env: Readonly<Record<string, string | undefined>>;
  importModule: ImportModule;
}

const DEFAULT_SIZE = 50;

export function createCustomSource(spec: CustomSpec, settings: CustomSourceSettings): CustomSource {
  const { entry, number: n } = spec;
  const defaultTitle = entry && entry.name.trim() !== spec.name ? entry.name.trim() : titleFromName(spec.name);
  const maxBytes = maxTrackFileBytes(settings.env);
  const load = (o: Extract<CustomOptions, { kind: 'module' }>) => loadCustomModule(o.specifier, o.label, settings.importModule);
  const parseContext = { spec, cwd: settings.cwd, baseDir: settings.baseDir };
  const source = defineSource({
    apiVersion: 1,
    name: spec.name,
    description: describe(spec, settings),
    defaults: {
      playlist: typeof entry?.playlist === 'string' ? entry.playlist : defaultTitle,
      size: typeof entry?.size === 'number' ? entry.size : DEFAULT_SIZE,
      // Writing the entry (or setting CUSTOM_<N>_MODULE/FILE) is the opt-in; `enabled: false` or ENABLE_CUSTOM_<N>=false turns it off.
      enabled: typeof entry?.enabled === 'boolean' ? entry.enabled : true,
    },
    ...(n !== undefined ? { env: { enabled: `ENABLE_CUSTOM_${n}`, playlist: `PLAYLIST_NAME_CUSTOM_${n}`, size: `PLAYLIST_SIZE_CUSTOM_${n}` } } : {}),
    errorCodes: CUSTOM_ERRORS,
    options: customOptionDeclarations(spec),
    refineOptions: (values, ctx): CustomOptions => refineCustomOptions(values, ctx, parseContext),

    async verify(options, ctx) {
      if (options.kind === 'file') {
        await readTrackFile(options.path, options.label, maxBytes);
        return;
      }
      const loaded = await load(options);
      if (loaded.kind === 'source' && loaded.source.verify) {
        await guard(options.label, () => (loaded.source.verify as NonNullable<typeof loaded.source.verify>)(moduleOptions(loaded, options), ctx));
      }
    },

    async fetch(options, ctx) {
      if (options.kind === 'file') {
        const list = await readTrackFile(options.path, options.label, maxBytes);
        for (const w of list.warnings.slice(0, 5)) ctx.logger.warn(`${basename(options.path)}: ${w}`);
        if (list.warnings.length > 5) ctx.logger.warn(`${basename(options.path)}: …and ${list.warnings.length - 5} more lines skipped`);
        return [draft(ctx, list.tracks, `From ${basename(options.path)}`)];
      }
      const loaded = await load(options);
      if (loaded.kind === 'source') return guard(options.label, () => loaded.source.fetch(moduleOptions(loaded, options), ctx));
      const result = await guard(options.label, async () => loaded.fn(ctx, options.settings));
      return toDrafts(result, ctx, options);
    },
  });
  return {
    ...source,
    custom: {
      origin: spec.entry ? `custom[${spec.index}]${settings.configFile ? ` in ${settings.configFile}` : ''}` : `CUSTOM_${n}_*`,
      async probe(options) {
        try {
          if (options.kind === 'file') await readTrackFile(options.path, options.label, maxBytes);
          else moduleOptions(await load(options), options);
          return undefined;
        } catch (error) {
          const e = error as Partial<HarmoniqError> & Error;
          // The path already says which setting; the message need not repeat it.
          return { path: options.setting, message: `${e.code ? `${e.code} ` : ''}${e.message.replace(` (${options.setting})`, '')}` };
        }
      },
    },
  };
}

function describe(spec: CustomSpec, settings: CustomSourceSettings): string {
  const n = spec.number;
  const module = (n !== undefined ? envValue(settings.env, `CUSTOM_${n}_MODULE`) : undefined) ?? (typeof spec.entry?.module === 'string' ? spec.entry.module : undefined);
  const file = (n !== undefined ? envValue(settings.env, `CUSTOM_${n}_FILE`) : undefined) ?? (typeof spec.entry?.file === 'string' ? spec.entry.file : undefined);
  if (module) return `Custom playlist from the module ${isModulePath(module) ? basename(module) : module}.`;
  if (file) return `Custom playlist from the track list ${basename(file)}.`;
  return 'Custom playlist (no module or file set yet).';
}

/** A module that is a full source validates its own options; a rejection is a configuration error of this playlist. */
function moduleOptions(loaded: CustomModule, options: Extract<CustomOptions, { kind: 'module' }>): unknown {
  if (loaded.kind !== 'source' || typeof loaded.source.parseOptions !== 'function') return options.settings;
  let parsed;
  try {
    parsed = loaded.source.parseOptions(options.settings, options.env);
  } catch (error) {
    throw sourceError(options.label, error, 'parseOptions');
  }
  if (parsed.ok) return parsed.value;
  throw new HarmoniqError({
    code: 'ECONFIG',
    message: `The custom module ${options.label} rejected its options: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}.`,
    hint: 'Set the options as extra keys of its custom: entry, in sources.<name>, or as JSON in CUSTOM_<N>_OPTIONS.',
  });
}

/** Errors the module throws become ESOURCE naming the module; coded errors it raised on purpose pass as they are. */
async function guard<T>(label: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw sourceError(label, error, 'fetch');
  }
}

function sourceError(label: string, error: unknown, step: string): HarmoniqError {
  if (error instanceof HarmoniqError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new HarmoniqError({
    code: 'ESOURCE',
    message: `The custom module ${label} failed in ${step}: ${message}`.replace(/\.?$/, '.'),
    hint: 'This is a problem in the module; run with --verbose for its stack trace.',
    cause: error,
  });
}

function draft(ctx: SourceContext, tracks: CandidateTrack[], origin: string): PlaylistDraft {
  return { key: 'default', title: ctx.common.playlist, summary: `${origin}.`, tracks };
}

/** The function form may return candidates, one draft, or several drafts. */
function toDrafts(result: unknown, ctx: SourceContext, options: Extract<CustomOptions, { kind: 'module' }>): PlaylistDraft[] {
  const origin = `From ${isModulePath(options.specifier) ? basename(options.specifier) : options.specifier}`;
  const isDraft = (v: unknown) => typeof v === 'object' && v !== null && Array.isArray((v as { tracks?: unknown }).tracks);
  if (Array.isArray(result)) {
    if (result.length > 0 && result.every(isDraft)) return result as PlaylistDraft[];
    return [draft(ctx, result as CandidateTrack[], origin)];
  }
  if (isDraft(result)) return [{ ...draft(ctx, [], origin), ...(result as Partial<PlaylistDraft>) } as PlaylistDraft];
  throw new HarmoniqError({
    code: 'ESOURCEOUTPUT',
    message: `The custom module ${options.label} returned ${result === null ? 'null' : typeof result}; it must return an array of tracks ({ artist, title }) or of playlist drafts.`,
    hint: 'See docs/sources/custom.md for what the function returns.',
  });
}
