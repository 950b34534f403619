import { DEFAULT_BOUNDARY_LIMITS, runnableUrl, type ResolvedSource } from '@harmoniq/core/pipeline';
import type { Runtime } from '../runtime.js';

/** The loader the worker imports (built JS; under ts-jest core maps it to dist/). */
export const ISOLATED_LOADER = runnableUrl('./isolated-loader.js', import.meta.url).href;

/** The sources of a run, each marked for the boundary when it is third-party or custom code. */
export function isolateSources(rt: Runtime, sources: readonly ResolvedSource[]): ResolvedSource[] {
  const limits = {
    timeLimitMs: (rt.config.limits.pluginTimeLimitSeconds ?? DEFAULT_BOUNDARY_LIMITS.timeLimitMs / 1000) * 1000,
    memoryMb: rt.config.limits.pluginMemoryMb ?? DEFAULT_BOUNDARY_LIMITS.memoryMb,
  };
  return sources.map((s) => {
    const ref = rt.isolation?.get(s.source)?.(s.options);
    return ref ? { ...s, isolated: { ...ref, limits } } : s;
  });
}
