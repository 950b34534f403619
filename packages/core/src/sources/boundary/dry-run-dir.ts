/**
 * `--dry-run` binds a plugin too: it works on a throwaway copy of its data folder, so it reads what it kept
 * (its history) and whatever it writes there vanishes with the run. (Built-in sources honour ctx.dryRun
 * themselves; a plugin of unknown make may not, so the boundary does not rely on it.)
 */
import { cp, lstat, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SourceContext } from '../../contract.js';

export async function withDryRunDataDir<T>(ctx: SourceContext, run: (ctx: SourceContext) => Promise<T>): Promise<T> {
  if (!ctx.dryRun) return run(ctx);
  const scratch = await mkdtemp(join(tmpdir(), 'harmoniq-dry-run-'));
  try {
    // Links are left out: a write through one would reach the real file.
    await cp(ctx.dataDir, scratch, { recursive: true, filter: async (from) => !(await lstat(from)).isSymbolicLink() }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    return await run({ ...ctx, dataDir: scratch });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
