import { execFileSync } from 'node:child_process';
import { closeSync, openSync, ftruncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { PlexEmulator } from '@harmoniq/testkit';
import { runCli } from './cli-harness.js';
import { useGemsWorld } from './gems-world.js';
import { writeFiles } from './fixtures/plugin-fixtures.js';

/**
 * Unbounded local input (docs/reliability.md): a custom track file that is huge, a named pipe or a folder fails that
 * custom playlist only, with a coded line, and the run goes on. A FIFO used to block the run forever; a 300 MB CSV
 * used to abort it with a V8 out-of-memory crash.
 */

let plex: PlexEmulator;
let dir: string;
let env: Record<string, string>;

interface Report {
  exitCode: number;
  sources: { source: string; ok: boolean; error?: { code: string; message: string } }[];
}

useGemsWorld('harmoniq-inputs-', (world) => {
  ({ plex, dir } = world);
  writeFiles(dir, { 'list.csv': 'Artist,Title\nDust Choir,Barely Known\n' });
  env = {
    ...world.env,
    CUSTOM_1_FILE: './list.csv',
    CUSTOM_2_FILE: './other',
  };
});

/** Syncs both custom playlists: the good one is created, the other fails with `code`. */
async function expectOnlyTheBadOneFails(code: string, message: RegExp): Promise<void> {
  const r = await runCli(['sync', '--all', '--json'], env, dir);
  expect(r.code).toBe(1);
  const report = JSON.parse(r.stdout) as Report;
  expect(report.sources.find((s) => s.source === 'custom-1')).toMatchObject({ ok: true });
  expect(report.sources.find((s) => s.source === 'custom-2')).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(message) } });
  expect(plex.playlist('Custom 1')?.items).toHaveLength(1);
  expect(plex.playlist('Custom 2')).toBeUndefined();
  expect(r.stderr).not.toMatch(/\n\s+at |heap out of memory/);
}

describe('custom track files are bounded', () => {
  it('refuses a file over the default bound (a 300 MB CSV) before reading it', async () => {
    // Sparse: the size is real to the file system, the disk holds nothing.
    const fd = openSync(join(dir, 'other'), 'w');
    ftruncateSync(fd, 300 * 1024 * 1024);
    closeSync(fd);
    await expectOnlyTheBadOneFails('ELIMIT', /larger than 32 MiB/);
  });

  it('honours HARMONIQ_MAX_TRACK_FILE_MB', async () => {
    writeFileSync(join(dir, 'other'), `Artist,Title\n${'Dust Choir,Barely Known\n'.repeat(100_000)}`);
    env.HARMONIQ_MAX_TRACK_FILE_MB = '1';
    await expectOnlyTheBadOneFails('ELIMIT', /larger than 1 MiB/);
  });

  it('refuses a named pipe without waiting for a writer', async () => {
    execFileSync('mkfifo', [join(dir, 'other')]);
    await expectOnlyTheBadOneFails('ECUSTOMFILE', /named pipe \(FIFO\), not a regular file/);
  });

  it('refuses a folder', async () => {
    execFileSync('mkdir', [join(dir, 'other')]);
    await expectOnlyTheBadOneFails('ECUSTOMFILE', /it is a folder/);
  });
});
