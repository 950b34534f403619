import { rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { HarmoniqError, type Logger } from '@harmoniq/core';

/** A held lock; release it exactly once. */
export type ReleaseLock = () => Promise<void>;

export interface LockOptions {
  dataDir: string;
  /** How long to wait for another run to finish (0 = do not wait). */
  waitMs: number;
  /** Says that we wait, and warns when the lock is lost while held. */
  logger?: Logger;
}

/** The lock's name in the data directory (a directory: mkdir is atomic on every file system). */
export const LOCK_NAME = 'harmoniq.lock';

/** A lock older than this without a heartbeat belongs to a crashed process and is taken over. */
export const STALE_MS = 15_000;
const RETRY_MS = 1000;
export const DEFAULT_WAIT_SECONDS = 120;

/**
 * One run at a time per data directory, shared by `sync` and `daemon`, so a cron job can never overlap a
 * running daemon. proper-lockfile keeps the lock's mtime fresh while we hold it; a crashed holder's lock goes
 * stale and is taken over. A process that exits while holding the lock (a second Ctrl-C) removes it on the way out.
 */
export async function acquireRunLock(options: LockOptions): Promise<ReleaseLock> {
  await mkdir(options.dataDir, { recursive: true });
  const path = join(options.dataDir, LOCK_NAME);
  // proper-lockfile's own exit cleanup relies on signal-exit 3, whose hooks another copy of signal-exit in the
  // same process can undo; a process.exit() while holding the lock must not leave it behind for STALE_MS.
  const removeOnExit = () => {
    try {
      rmSync(path, { recursive: true, force: true });
    } catch {
      // then it goes stale and the next run takes it over
    }
  };
  const attempt = (retries: number) =>
    lockfile.lock(options.dataDir, {
      lockfilePath: path,
      realpath: false,
      stale: STALE_MS,
      update: STALE_MS / 3,
      retries: retries ? { retries, factor: 1, minTimeout: RETRY_MS, maxTimeout: RETRY_MS } : 0,
      // Only when the event loop stalled past STALE_MS or someone removed the lock: the run goes on, but say so.
      onCompromised: (error) => {
        process.off('exit', removeOnExit);
        options.logger?.warn(`The run lock ${path} was lost while held (${error.message}); another run may overlap this one.`);
      },
    });
  try {
    const release = await attempt(0).catch(async (error: unknown) => {
      if (!isLocked(error) || options.waitMs <= 0) throw error;
      options.logger?.info(`Another Harmoniq run holds ${path}; waiting up to ${Math.round(options.waitMs / 1000)} s for it to finish.`);
      return attempt(Math.max(1, Math.ceil(options.waitMs / RETRY_MS)));
    });
    process.once('exit', removeOnExit);
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      process.off('exit', removeOnExit);
      await release().catch(() => undefined);
    };
  } catch (error) {
    if (isLocked(error)) {
      throw new HarmoniqError({
        code: 'ELOCKED',
        message: `Another Harmoniq run (a daemon or another sync) holds the lock on ${options.dataDir}${options.waitMs > 0 ? `; waited ${Math.round(options.waitMs / 1000)} s` : ''}.`,
        hint: `Let it finish, or wait longer with --wait <seconds>. A lock left by a crashed process (${path}) is taken over once it is ${STALE_MS / 1000} s old.`,
      });
    }
    throw error;
  }
}

function isLocked(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ELOCKED';
}

/** `--wait <seconds>` of `sync`: 120 when not given; a usage error unless a number of seconds, 0 or more. */
export function parseWaitSeconds(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_WAIT_SECONDS;
  const n = Number(raw);
  if (!raw.trim() || !Number.isFinite(n) || n < 0) {
    throw new HarmoniqError({
      code: 'EUSAGE',
      message: `--wait must be a number of seconds (0 or more), got '${raw}'.`,
      hint: '--wait 0 fails at once (exit code 4) when another run holds the lock; the default waits 120 s.',
    });
  }
  return n;
}
