import type { PlaylistSource } from '../contract.js';
import { errorCodeProblems } from '../errors/plugin-error-codes.js';

/**
 * What is wrong with the shape of a would-be source, without calling it (empty = looks like a source).
 * Plugin loaders use it to refuse a module before it runs; checkSourceContract starts with it.
 */
export function sourceShapeProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [`a source must be an object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`];
  }
  const problems: string[] = [];
  const s = value as Partial<PlaylistSource<unknown>>;
  if (s.apiVersion !== 1) problems.push(`apiVersion must be 1, got ${String(s.apiVersion)}`);
  if (typeof s.name !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(s.name)) problems.push(`name must be kebab-case, got ${JSON.stringify(s.name)}`);
  if (typeof s.description !== 'string' || !s.description.trim() || s.description.includes('\n')) problems.push('description must be one non-empty line');
  if (s.displayName !== undefined && (typeof s.displayName !== 'string' || !s.displayName.trim() || s.displayName.includes('\n'))) problems.push('displayName, when present, must be one non-empty line');
  if (!s.defaults || typeof s.defaults.playlist !== 'string' || !s.defaults.playlist.trim()) problems.push('defaults.playlist must be a non-empty string');
  if (!s.defaults || !Number.isInteger(s.defaults.size) || s.defaults.size < 1 || s.defaults.size > 1000) problems.push('defaults.size must be a whole number from 1 to 1000');
  if (s.defaults && s.defaults.enabled !== undefined && typeof s.defaults.enabled !== 'boolean') problems.push('defaults.enabled, when present, must be true or false');
  if (s.env !== undefined) {
    const env = s.env as Record<string, unknown> | null;
    if (typeof env !== 'object' || env === null) problems.push('env, when present, must be an object of variable names');
    else {
      for (const key of ['enabled', 'playlist', 'size']) {
        const name = env[key];
        if (name !== undefined && (typeof name !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(name))) problems.push(`env.${key} must be an environment variable name (UPPER_SNAKE_CASE), got ${JSON.stringify(name)}`);
      }
    }
  }
  const declared = typeof s.options === 'object' && s.options !== null;
  if (!declared && typeof s.parseOptions !== 'function') problems.push('parseOptions must be a function (or declare options)');
  if (declared) {
    for (const [name, spec] of Object.entries(s.options as Record<string, unknown>)) {
      if (typeof spec !== 'object' || spec === null || typeof (spec as { read?: unknown }).read !== 'function') problems.push(`options.${name} must be made with option.*() from @harmoniq/core`);
    }
  }
  if (s.errorCodes !== undefined) problems.push(...errorCodesProblems(s.errorCodes));
  if (typeof s.fetch !== 'function') problems.push('fetch must be a function');
  if (s.verify !== undefined && typeof s.verify !== 'function') problems.push('verify, when present, must be a function');
  if (s.nextChange !== undefined && typeof s.nextChange !== 'function') problems.push('nextChange, when present, must be a function');
  return problems;
}

function errorCodesProblems(value: unknown): string[] {
  const meanings = (value as { meanings?: unknown } | null)?.meanings;
  if (typeof meanings !== 'object' || meanings === null || typeof (value as { error?: unknown }).error !== 'function') {
    return ['errorCodes, when present, must be made with defineErrorCodes from @harmoniq/core'];
  }
  return Object.entries(meanings).flatMap(([code, meaning]) => errorCodeProblems(code, meaning));
}
