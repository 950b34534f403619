/**
 * The plugin boundary's settings (ADR 0018): which code runs in a worker thread, and the limits it runs under.
 * Third-party plugins and custom modules run there; the built-in sources run in the run's own thread (they are
 * part of this release, share rate gates across sources, and would pay the worker's start-up for nothing).
 */

/** A step the boundary can run. */
export type IsolatedStep = 'fetch' | 'verify';

/** How a worker gets the source: a trusted module of ours that loads it, and the plain data it needs. */
export interface IsolatedSourceRef {
  /** File URL of a module exporting `loadIsolatedSource(args): Promise<PlaylistSource>`. */
  loader: string;
  /** Its arguments (copied to the worker: plain data only). */
  args: unknown;
  /** What the user would call it in a message: "the plugin harmoniq-plugin-x (/srv/…/index.js)". */
  label: string;
  limits: BoundaryLimits;
}

export interface BoundaryLimits {
  /** Wall-clock time one step (verify or fetch) may take. */
  timeLimitMs: number;
  /** The worker's heap (V8 old generation), in MiB. */
  memoryMb: number;
}

/** Defaults and bounds, shared by the config schema and the environment parser. */
export const PLUGIN_LIMITS = {
  /** Five minutes: a large honest fetch (a few thousand requests at Last.fm's pace) takes one or two. */
  timeLimitSeconds: { min: 1, max: 3600, default: 300 },
  memoryMb: { min: 64, max: 16384, default: 1024 },
} as const;

export const DEFAULT_BOUNDARY_LIMITS: BoundaryLimits = {
  timeLimitMs: PLUGIN_LIMITS.timeLimitSeconds.default * 1000,
  memoryMb: PLUGIN_LIMITS.memoryMb.default,
};

/**
 * The file a worker thread can run for one of our modules, named as built (`./worker-main.js`) relative to the
 * module asking (`import.meta.url`). Built code runs as it is. Under ts-jest our modules run from `src/*.ts`,
 * which a worker thread cannot load; it gets the built twin in `dist/` (npm test builds first).
 */
export function runnableUrl(builtName: string, base: string): URL {
  const url = new URL(builtName, base);
  if (!base.endsWith('.ts')) return url;
  return new URL(url.href.replace(/\/src\/(?!.*\/src\/)/, '/dist/'));
}
