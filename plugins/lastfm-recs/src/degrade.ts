import { HarmoniqError, type Logger } from '@harmoniq/core';

/**
 * Runs one optional lookup (a similar-artist list, one artist's top tracks). A Last.fm failure there
 * makes the result poorer, not the source failed: it is logged and counted. Key, user and abort errors
 * still fail the source.
 */
export interface Degrader {
  attempt<T>(what: string, fn: () => Promise<T[]>): Promise<T[]>;
  readonly failures: number;
  readonly attempts: number;
  readonly firstError: HarmoniqError | undefined;
}

export function createDegrader(logger: Logger): Degrader {
  let failures = 0;
  let attempts = 0;
  let firstError: HarmoniqError | undefined;
  return {
    async attempt(what, fn) {
      attempts += 1;
      try {
        return await fn();
      } catch (error) {
        if (!(error instanceof HarmoniqError) || (error.code !== 'ELASTFM' && error.code !== 'ELASTFMRATE')) throw error;
        failures += 1;
        firstError ??= error;
        logger.warn(`skipped ${what}: ${error.message}`);
        return [];
      }
    },
    get failures() {
      return failures;
    },
    get attempts() {
      return attempts;
    },
    get firstError() {
      return firstError;
    },
  };
}

/** When every optional lookup failed there is nothing honest to return: fail with the first error. */
export function throwIfAllFailed(degrader: Degrader): void {
  if (degrader.attempts > 0 && degrader.failures === degrader.attempts && degrader.firstError) throw degrader.firstError;
}
