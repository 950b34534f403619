import type { PlaylistSource } from '@harmoniq/core';
import { DEFAULT_BOUNDARY_LIMITS, runnableUrl, type IsolatedSourceRef, type ResolvedSource } from '@harmoniq/core/pipeline';
import type { Runtime } from '../runtime.js';

/** How to run one loaded source in the plugin boundary, given its options (undefined: run it in-process). */
export type Isolator = (options: unknown) => Omit<IsolatedSourceRef, 'limits'> | undefined;

/** Sources loaded by this command that run in the boundary: third-party plugins and custom modules (ADR 0016). */
export type IsolationMap = Map<PlaylistSource<unknown>, Isolator>;

/** The loader the worker imports (built JS; under ts-jest core maps it to dist/). */
export const ISOLATED_LOADER = runnableUrl('./isolated-loader.js', import.meta.url).href;

/** The sources of a run, each marked for the boundary when it is third-party or custom code. */
export function isolateSources(rt: Runtime, sources: readonly ResolvedSource[]): ResolvedSource[] {
  const limits = {
    timeLimitMs: (rt.config.limits.pluginTimeLimitSeconds ?? DEFAULT_BOUNDARY_LIMITS.timeLimitMs / 1000) * 1000,
    memoryMb: rt.config.limits.pluginMemoryMb ?? DEFAULT_BOUNDARY_LIMITS.memoryMb,
  };
  return sources.map((s) => {
    const ref = process.env.NOISO ? undefined : rt.isolation?.get(s.source)?.(s.options);
    return ref ? { ...s, isolated: { ...ref, limits } } : s;
  });
}
