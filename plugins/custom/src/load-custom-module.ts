import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HarmoniqError, type PlaylistSource, type SourceContext } from '@harmoniq/core';

/** The function form of a custom module: gets the same context as any source, returns tracks or drafts. */
export type CustomFunction = (ctx: SourceContext, options: Record<string, unknown>) => unknown;

export type CustomModule = { kind: 'source'; source: PlaylistSource<unknown> } | { kind: 'function'; fn: CustomFunction };

/** Imports a package by name; the CLI resolves it from the config file's folder. */
export type ImportModule = (specifier: string) => Promise<unknown>;

const SHAPE_HINT =
  'Default-export a source ({ apiVersion: 1, parseOptions, fetch }) or a function (ctx, options) => tracks. See docs/sources/custom.md.';

/**
 * Loads a custom module and checks what it exports. Every failure is an EPLUGINLOAD / EPLUGINSHAPE / EPLUGINAPI
 * error naming the module and where it was configured (`label`).
 */
export async function loadCustomModule(specifier: string, label: string, importModule: ImportModule): Promise<CustomModule> {
  const loaded = await importOrExplain(specifier, label, importModule);
  return customExport(loaded, label);
}

async function importOrExplain(specifier: string, label: string, importModule: ImportModule): Promise<unknown> {
  if (isAbsolute(specifier)) {
    const found = await stat(specifier).catch(() => undefined);
    if (!found?.isFile()) {
      throw new HarmoniqError({
        code: 'EPLUGINLOAD',
        message: `Cannot load the custom module ${label}: ${found ? 'it is a folder, not a file' : 'no such file'}.`,
        hint: 'Check the path. Paths in the config file are relative to its folder; paths in the environment to the folder Harmoniq runs in.',
      });
    }
  }
  try {
    return isAbsolute(specifier) ? await import(pathToFileURL(specifier).href) : await importModule(specifier);
  } catch (error) {
    if (error instanceof HarmoniqError) throw error;
    const e = error as Error & { code?: string };
    const esmInCjs = /Cannot use import statement outside a module|Unexpected token 'export'/.test(e.message);
    throw new HarmoniqError({
      code: 'EPLUGINLOAD',
      message: `Cannot load the custom module ${label}: ${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e.message}`.replace(/\.?$/, '.'),
      hint: esmInCjs
        ? 'The file uses import/export but Node reads it as CommonJS: rename it to .mjs, or add "type": "module" to the package.json next to it.'
        : isAbsolute(specifier)
          ? `Run 'node --check ${specifier}' to see where the problem is.`
          : `Install the package next to your config file (npm install ${specifier}), or give a path.`,
      cause: error,
    });
  }
}

function customExport(loaded: unknown, label: string): CustomModule {
  const mod = (loaded ?? {}) as Record<string, unknown>;
  // `module.exports = …` in CommonJS arrives as the default export.
  const exported = mod.default ?? mod.source;
  if (typeof exported === 'function') return { kind: 'function', fn: exported as CustomFunction };
  if (exported && typeof exported === 'object') {
    const s = exported as Partial<PlaylistSource<unknown>>;
    if (typeof s.fetch === 'function' || s.apiVersion !== undefined) {
      if (s.apiVersion !== 1) {
        throw new HarmoniqError({
          code: 'EPLUGINAPI',
          message: `The custom module ${label} was written for plugin API version ${String(s.apiVersion)}; this Harmoniq supports version 1.`,
          hint: "Set apiVersion: 1 and follow docs/writing-a-plugin.md, or use a Harmoniq release that supports the module's version.",
        });
      }
      const wrong = [
        typeof s.fetch !== 'function' && 'fetch must be a function',
        s.parseOptions !== undefined && typeof s.parseOptions !== 'function' && 'parseOptions must be a function',
        s.verify !== undefined && typeof s.verify !== 'function' && 'verify must be a function',
      ].filter((x): x is string => Boolean(x));
      if (wrong.length) throw shapeError(label, wrong.join('; '));
      return { kind: 'source', source: exported as PlaylistSource<unknown> };
    }
  }
  const names = Object.keys(mod);
  return shapeError(label, names.length ? `it exports ${names.map((k) => `'${k}'`).join(', ')} but no source or function` : 'it exports nothing');
}

function shapeError(label: string, what: string): never {
  throw new HarmoniqError({ code: 'EPLUGINSHAPE', message: `The custom module ${label} is not a valid source: ${what}.`, hint: SHAPE_HINT });
}
