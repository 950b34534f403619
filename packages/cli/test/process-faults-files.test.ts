import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleLibrary, startLastfmEmulator, startPlexEmulator, type LastfmEmulator, type PlexEmulator } from '@harmoniq/testkit';
import { BIN, runCli, tempDir, type CliResult } from './cli-harness.js';

/** Damaged files and an unusable data directory: a clear message, no crash, nothing lost. */

const TITLE = 'Global Top 50';
let plex: PlexEmulator;
let lastfm: LastfmEmulator;
let named: Array<{ artist: string; title: string }>;
let dataDir: string;
let env: Record<string, string>;

const keysOf = () => plex.playlists().filter((p) => p.title === TITLE).map((p) => p.items.map((i) => i.ratingKey));
const statePath = () => join(dataDir, 'state.json');
const cacheFile = () => join(dataDir, 'cache', readdirSync(join(dataDir, 'cache')).find((f) => f.startsWith('library-') && f.endsWith('.json'))!);
const cacheNamed = (prefix: string) => join(dataDir, 'cache', readdirSync(join(dataDir, 'cache')).find((f) => f.startsWith(prefix) && f.endsWith('.json'))!);
const oneLineOf = (r: CliResult, code: string) => r.stderr.split('\n').filter((l) => l.includes(code));

beforeAll(async () => {
  plex = await startPlexEmulator({ tracks: sampleLibrary().slice(0, 90) });
  named = plex.tracks().map((t) => ({ artist: t.trackArtist ?? t.artist, title: t.title }));
  lastfm = await startLastfmEmulator({ data: { chart: named.slice(0, 26) } });
});
afterAll(async () => {
  await plex.close();
  await lastfm.close();
});
beforeEach(async () => {
  for (const p of plex.playlists()) plex.deletePlaylist(p.ratingKey);
  lastfm.setData({ chart: named.slice(0, 26) });
  dataDir = tempDir('harmoniq-files-');
  env = {
    PLEX_URL: plex.url,
    PLEX_TOKEN: plex.token,
    PLEX_MUSIC_LIBRARY_NAME: 'Music',
    PLEX_TIMEOUT_MS: '2000',
    LASTFM_API_KEY: lastfm.apiKey,
    LASTFM_API_URL: `${lastfm.url}/2.0/`,
    ENABLE_LASTFM_CHARTS: 'true',
    PLAYLIST_SIZE_CHARTS: '20',
    HARMONIQ_DATA_DIR: dataDir,
    HARMONIQ_RETRY_BASE_MS: '5',
    TIMEZONE: 'UTC',
  };
  expect((await runCli(['sync', '--all'], env, dataDir)).code).toBe(0);
  lastfm.setData({ chart: named.slice(20, 50) });
});

describe('a damaged state file', () => {
  it.each([
    ['garbage', () => 'not json at all \u0000\u0001'],
    ['truncated half-way', () => readFileSync(statePath(), 'utf8').slice(0, 40)],
    ['valid JSON of the wrong shape', () => JSON.stringify({ version: 7, playlists: 'x' })],
    ['empty', () => ''],
  ])('(%s) is kept aside with a warning; the playlist is neither touched nor duplicated, and --adopt takes it back', async (_name, damage) => {
    const before = keysOf();
    writeFileSync(statePath(), damage());
    const r = await runCli(['sync', '--all'], env, dataDir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/state file .*state\.json could not be read .*kept as .*state\.json\.corrupt-/);
    expect(oneLineOf(r, 'EPLAYLISTCONFLICT')[0]).toContain('--adopt');
    expect(keysOf()).toEqual(before);
    expect(readdirSync(dataDir).some((f) => f.startsWith('state.json.corrupt-'))).toBe(true);

    const adopted = await runCli(['sync', '--all', '--adopt'], env, dataDir);
    expect(adopted.code).toBe(0);
    expect(keysOf()).toHaveLength(1);
    expect(keysOf()[0]).not.toEqual(before[0]);
    const state = JSON.parse(readFileSync(statePath(), 'utf8'));
    expect(Object.values(state.playlists)).toHaveLength(1);
  });
});

describe('a damaged library index cache', () => {
  it.each([
    ['garbage', () => '{{{'],
    ['truncated half-way', () => readFileSync(cacheFile(), 'utf8').slice(0, 500)],
    ['from another format', () => JSON.stringify({ format: 1, tracks: 'x' })],
  ])('(%s) is rebuilt with a warning and the sync goes on', async (_name, damage) => {
    writeFileSync(cacheFile(), damage());
    const r = await runCli(['sync', '--all'], env, dataDir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/library index cache .* is (unreadable|from another version).*; rebuilding it/);
    expect(r.stderr).toContain('Updated');
    // The rebuilt index is whole again: the next run reads it instead of listing the library.
    expect((await runCli(['sync', '--all'], env, dataDir)).stderr).toContain('cached index');
  });
});

describe("a damaged matcher cache (stored parses, stored results)", () => {
  const MATCHER_CACHE_WARNING = /key cache|match result cache/;
  it.each([
    ['match results: garbage', 'match-results', () => '{{{', /match result cache .*match-results\.json is unreadable/],
    ['match results: valid JSON of another shape', 'match-results', () => '{"format":1,"scope":"x","results":[]}', /match result cache .* is from another version or damaged/],
    ['parses: truncated half-way', 'match-keys-', (text: string) => text.slice(0, text.length / 2), /matcher's key cache .*match-keys-.* is unreadable/],
    ['parses: valid JSON of another shape', 'match-keys-', () => '{"format":1}', /matcher's key cache .* is unreadable \(its first line is not a header\)/],
    ['parses: a garbage line', 'match-keys-', (text: string) => text.replace(/\n\[.*\n/, '\n{{{\n'), /matcher's key cache .* is unreadable \(a line is not valid JSON/],
  ])('(%s) is rebuilt with a warning; the playlist is the one a run without stored parses or results makes', async (_name, prefix, damage, warning) => {
    const path = cacheNamed(prefix);
    writeFileSync(path, damage(readFileSync(path, 'utf8')));
    const r = await runCli(['sync', '--all'], env, dataDir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(warning);
    expect(r.stderr).toContain('Updated');
    const after = keysOf();
    expect(after).toHaveLength(1);
    // Rebuilt: the next run reads it without a warning.
    const next = await runCli(['sync', '--all'], env, dataDir);
    expect(next.code).toBe(0);
    expect(next.stderr).not.toMatch(MATCHER_CACHE_WARNING);
    // Nothing stored about matching: a fresh matcher decides the same playlist.
    rmSync(cacheNamed('match-results'));
    rmSync(cacheNamed('match-keys-'));
    const fresh = await runCli(['sync', '--all'], env, dataDir);
    expect(fresh.code).toBe(0);
    expect(fresh.stderr).not.toMatch(MATCHER_CACHE_WARNING);
    expect(keysOf()).toEqual(after);
  });
});

describe('an unusable data directory', () => {
  it('that cannot be created (its parent is a regular file) stops with EDATADIR, exit 2, before any Plex write', async () => {
    const file = join(dataDir, 'not-a-dir');
    writeFileSync(file, 'x');
    plex.resetRequests();
    const r = await runCli(['sync', '--all'], { ...env, HARMONIQ_DATA_DIR: join(file, 'data') }, dataDir);
    expect(r.code).toBe(2);
    expect(oneLineOf(r, 'EDATADIR')).toHaveLength(1);
    expect(oneLineOf(r, 'EDATADIR')[0]).toMatch(/not-a-dir\/data is not writable: (ENOTDIR|EEXIST)/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(plex.requests.filter((q) => q.method !== 'GET')).toEqual([]);
  });

  it('that is read-only stops with EDATADIR (as root, where permissions do not bind, it is simply used)', async () => {
    chmodSync(dataDir, 0o555);
    let probeWritable = true;
    try {
      writeFileSync(join(dataDir, '.probe'), '');
    } catch {
      probeWritable = false;
    }
    try {
      const r = await runCli(['sync', '--all'], env, dataDir);
      if (probeWritable) {
        // Root here: the kernel lets this user write, so Harmoniq must not refuse a directory it can use.
        expect(r.code).toBe(0);
      } else {
        expect(r.code).toBe(2);
        expect(oneLineOf(r, 'EDATADIR')[0]).toMatch(/is not writable: (EACCES|EPERM)/);
      }
    } finally {
      chmodSync(dataDir, 0o755);
    }
  });
});

/**
 * Runs the bin with a file size limit (`ulimit -f`, 512-byte blocks): a write past it fails in the kernel
 * (EFBIG) part-way, as on a full disk. There is no tiny filesystem to fill here, and this is the honest
 * equivalent. Node dies of SIGXFSZ unless it handles it, so a one-line preload turns the signal into the
 * write error a full disk gives (ENOSPC has no signal).
 */
function spawnWithFileLimit(blocks: number, args: string[]): Promise<CliResult> {
  const preload = join(dataDir, '..', `ignore-xfsz-${process.pid}.cjs`);
  writeFileSync(preload, "process.on('SIGXFSZ', () => undefined);\n");
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', `ulimit -f ${blocks} && exec "${process.execPath}" --require "${preload}" "${BIN}" ${args.join(' ')}`], {
      cwd: dataDir,
      env: { PATH: process.env.PATH, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('a full disk', () => {
  it('when no byte can be written: EDATADIR in one line, exit 2, before any Plex write; the state is untouched', async () => {
    const stateBefore = readFileSync(statePath(), 'utf8');
    plex.resetRequests();
    const r = await spawnWithFileLimit(0, ['sync', '--all']);
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 2 });
    expect(oneLineOf(r, 'EDATADIR')).toHaveLength(1);
    expect(oneLineOf(r, 'EDATADIR')[0]).toMatch(/is not writable: EFBIG \(no space left for files\)\. Free some space/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(plex.requests.filter((q) => q.method !== 'GET')).toEqual([]);
    expect(readFileSync(statePath(), 'utf8')).toBe(stateBefore);
    expect(readdirSync(dataDir).filter((f) => f.startsWith('.write-test'))).toEqual([]);
  });

  it('when it fills during the run: the playlist is complete, the failed state write is named, the old state is whole, the next run is clean', async () => {
    const stateBefore = readFileSync(statePath(), 'utf8');
    // One block: the start-up check passes, the state file (larger than a block) does not fit.
    expect(Buffer.byteLength(stateBefore)).toBeGreaterThan(512);
    const before = keysOf();
    const r = await spawnWithFileLimit(1, ['sync', '--all']);
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 1 });
    expect(r.stderr).toMatch(/EDATADIR .*Cannot write .*state\.json: the file size limit was reached \(EFBIG\)/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    // Atomic writes: the previous state is intact, no temp file is left behind.
    expect(readFileSync(statePath(), 'utf8')).toBe(stateBefore);
    expect(readdirSync(dataDir).filter((f) => f.startsWith('state.json.'))).toEqual([]);
    const during = keysOf();
    expect(during).toHaveLength(1);
    expect(new Set(during[0]).size).toBe(during[0]!.length);
    expect(during[0]).not.toEqual(before[0]);

    const next = await runCli(['sync', '--all'], env, dataDir);
    expect(next.code).toBe(0);
    expect(keysOf()).toEqual(during);
    expect(JSON.parse(readFileSync(statePath(), 'utf8')).lastRun).toMatchObject({ ok: true });
  });
});
