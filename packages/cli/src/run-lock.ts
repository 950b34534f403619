import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { HarmoniqError } from '@harmoniq/core';

/** A held lock; release it exactly once. */
export type ReleaseLock = () => Promise<void>;

export interface LockOptions {
  dataDir: string;
  /** How long to wait for another run to finish (0 = do not wait). */
  waitMs: number;
}

/** A lock older than this without a heartbeat belongs to a crashed process and is taken over. */
const STALE_MS = 15_000;

/**
 * One run at a time per data directory, shared by `sync` and `daemon`, so a cron job can never overlap a
 * running daemon. proper-lockfile keeps the lock's mtime fresh while we hold it; a crashed holder's lock goes
 * stale and is taken over.
 */
export async function acquireRunLock(options: LockOptions): Promise<ReleaseLock> {
  await mkdir(options.dataDir, { recursive: true });
  const path = join(options.dataDir, 'harmoniq.lock');
  const attempts = Math.max(0, Math.ceil(options.waitMs / 1000));
  try {
    const release = await lockfile.lock(options.dataDir, {
      lockfilePath: path,
      realpath: false,
      stale: STALE_MS,
      update: STALE_MS / 3,
      retries: attempts ? { retries: attempts, factor: 1, minTimeout: 1000, maxTimeout: 1000 } : 0,
      onCompromised: () => undefined,
    });
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      await release().catch(() => undefined);
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new HarmoniqError({
        code: 'ELOCKED',
        message: `Another Harmoniq run is using ${options.dataDir}${options.waitMs ? ` (waited ${Math.round(options.waitMs / 1000)} s)` : ''}.`,
        hint: 'Let it finish (a daemon or another sync); `--wait <seconds>` waits longer. A lock left by a crashed process is taken over after 15 s.',
      });
    }
    throw error;
  }
}
