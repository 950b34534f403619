import type { Runtime } from './runtime.js';

export interface StopHandle {
  /** Aborted when the run must stop between playlists (after the first signal plus the bound). */
  signal: AbortSignal;
  /** Resolves on the first SIGTERM/SIGINT. */
  requested: Promise<void>;
  dispose(): void;
}

/**
 * First SIGTERM/SIGINT: ask the run to finish, and after `boundSeconds` stop it between playlists (never in
 * the middle of a playlist's writes). Second signal: exit at once. Also honours the injected io.signal.
 */
export function stopOnSignals(rt: Runtime, options: { boundSeconds: number; onFirst?: () => void }): StopHandle {
  const abort = new AbortController();
  let resolveRequested: () => void = () => undefined;
  const requested = new Promise<void>((resolve) => (resolveRequested = resolve));
  let count = 0;
  let bound: NodeJS.Timeout | undefined;
  const onSignal = (name: string) => {
    count += 1;
    if (count > 1) {
      rt.logger.warn(`Second ${name}: exiting now.`);
      // A deliberate hard stop asked for by the user; the write order keeps every playlist complete.
      process.exit(130);
    }
    rt.logger.info(`${name} received: finishing the current run (at most ${options.boundSeconds} s), then stopping. Send it again to exit at once.`);
    options.onFirst?.();
    resolveRequested();
    bound = setTimeout(() => abort.abort(), options.boundSeconds * 1000);
    bound.unref();
  };
  const term = () => onSignal('SIGTERM');
  const int = () => onSignal('SIGINT');
  process.on('SIGTERM', term);
  process.on('SIGINT', int);
  const external = rt.io.signal;
  const onExternal = () => onSignal('stop request');
  external?.addEventListener('abort', onExternal, { once: true });
  return {
    signal: abort.signal,
    requested,
    dispose() {
      process.off('SIGTERM', term);
      process.off('SIGINT', int);
      external?.removeEventListener('abort', onExternal);
      if (bound) clearTimeout(bound);
    },
  };
}
