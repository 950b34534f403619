import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  sampleLastfmData,
  sampleLibrary,
  sampleListenBrainzData,
  startLastfmEmulator,
  startListenBrainzEmulator,
  startPlexEmulator,
  type LastfmEmulator,
  type ListenBrainzEmulator,
  type PlexEmulator,
} from '@harmoniq/testkit';
import { runCli, spawnCli, tempDir, type CliResult } from './cli-harness.js';

/**
 * Recognisable canary secrets, configured in the emulators, through every command and failure we can cause:
 * none may appear in any output line, report or file Harmoniq writes (URL-encoded forms included).
 */

const PLEX_TOKEN = 'PLEXCANARYq7Zt2mW9xK4v';
const LASTFM_KEY = 'lfmcanary0a1b2c3d4e5f60718293a4b5';
const LB_TOKEN = 'lbcanary-5d1e-4c1a-9b7f-0c2d3e4f5a6b';
// Wrong values a user might type: they must not leak either.
const WRONG_PLEX = 'PLEXWRONGcanary88XyZ';
const WRONG_LASTFM = 'lfmwrongcanary99999999999999999';
const WRONG_LB = 'lbwrongcanary-0000-0000-0000';
const CANARIES = [PLEX_TOKEN, LASTFM_KEY, LB_TOKEN, WRONG_PLEX, WRONG_LASTFM, WRONG_LB];

let plex: PlexEmulator;
let lastfm: LastfmEmulator;
let listenbrainz: ListenBrainzEmulator;
let dataDir: string;
const outputs: Array<{ label: string; text: string }> = [];

function leaks(text: string): string[] {
  return CANARIES.filter((c) => [c, encodeURIComponent(c), c.slice(4, -4)].some((form) => text.includes(form)));
}

function baseEnv(): Record<string, string> {
  return {
    PLEX_URL: plex.url,
    PLEX_TOKEN,
    PLEX_MUSIC_LIBRARY_NAME: 'Music',
    PLEX_TIMEOUT_MS: '1500',
    LASTFM_API_KEY: LASTFM_KEY,
    LASTFM_API_URL: `${lastfm.url}/2.0/`,
    LASTFM_USER: 'harmoniq-user',
    ENABLE_LASTFM_CHARTS: 'true',
    // lastfm-recs makes ~50 rate-limited requests (10 s): only the first, verbose sync enables it.
    ENABLE_LASTFM_RECS: 'false',
    LISTENBRAINZ_USER_TOKEN: LB_TOKEN,
    LISTENBRAINZ_API_URL: listenbrainz.url,
    ENABLE_LISTENBRAINZ_RECS: 'true',
    ENABLE_TIME_PLAYLIST: 'true',
    HARMONIQ_DATA_DIR: dataDir,
    HARMONIQ_RETRY_BASE_MS: '5',
    TIMEZONE: 'UTC',
  };
}

async function capture(label: string, args: string[], env: Record<string, string | undefined>, run = runCli): Promise<CliResult> {
  const r = await run(args, env, dataDir);
  outputs.push({ label: `${label}: stdout`, text: r.stdout }, { label: `${label}: stderr`, text: r.stderr });
  return r;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

beforeAll(async () => {
  plex = await startPlexEmulator({ tracks: sampleLibrary(), token: PLEX_TOKEN });
  const library = plex.tracks().map((t) => ({ artist: t.trackArtist ?? t.artist, title: t.title, album: t.album }));
  const lb = sampleListenBrainzData(library);
  lastfm = await startLastfmEmulator({ data: sampleLastfmData(library), apiKey: LASTFM_KEY });
  listenbrainz = await startListenBrainzEmulator({ tokens: { [LB_TOKEN]: 'harmoniq-user' }, users: lb.users, recordings: lb.recordings });
  dataDir = tempDir('harmoniq-secrets-');
});
afterAll(async () => {
  await Promise.all([plex.close(), lastfm.close(), listenbrainz.close()]);
});

describe('no secret in any output or file', () => {
  it('a clean sync of every source, quiet, verbose, debug, JSON report and JSON logs', async () => {
    const env = baseEnv();
    const first = await capture('sync -v, every source', ['sync', '--all', '--verbose'], { ...env, ENABLE_LASTFM_RECS: 'true' });
    expect(first.code).toBe(0);
    expect(plex.playlists().length).toBeGreaterThanOrEqual(4);
    await capture('sync', ['sync', '--all'], env);
    await capture('LOG_LEVEL=debug --json', ['sync', '--all', '--json'], { ...env, LOG_LEVEL: 'debug' });
    await capture('json logs', ['sync', '--all', '--log-format', 'json', '--log-level', 'debug', '--explain'], env);
    await capture('spawned -v', ['sync', '--all', '-v'], env, spawnCli);
    for (const o of outputs) expect({ label: o.label, leaks: leaks(o.text) }).toEqual({ label: o.label, leaks: [] });
    // The debug runs did log request URLs (with the key redacted), so the check has something to bite on.
    expect(outputs.some((o) => o.text.includes('api_key=[redacted]') || o.text.includes('[redacted]'))).toBe(true);
  }, 90_000);

  it('wrong secrets, a 401 and 500s half-way, with debug logging', async () => {
    const env = { ...baseEnv(), LOG_LEVEL: 'debug' };
    expect((await capture('wrong plex token', ['sync', '--all', '-v'], { ...env, PLEX_TOKEN: WRONG_PLEX })).code).toBe(3);
    expect((await capture('wrong lastfm key', ['sync', '--all', '-v'], { ...env, LASTFM_API_KEY: WRONG_LASTFM })).code).toBe(1);
    expect((await capture('wrong lb token', ['sync', '--all', '-v'], { ...env, LISTENBRAINZ_USER_TOKEN: WRONG_LB })).code).toBe(1);
    plex.inject({ method: 'GET', path: /^\/playlists\/[^/]+\/items$/, status: 401, times: Infinity, after: 1 });
    await capture('401 mid-run', ['sync', '--all', '-v', '--json'], env);
    plex.clearFaults();
    plex.inject({ method: '*', path: /^\/playlists/, status: 500, body: `<html><head><title>boom ${PLEX_TOKEN}</title></head></html>`, times: Infinity });
    lastfm.inject({ path: '*', status: 500, times: 1 });
    await capture('500s', ['sync', '--all', '-v'], env);
    plex.clearFaults();
    lastfm.clearFaults();
    await capture('plex token in PLEX_URL', ['sync', '--all'], { ...env, PLEX_URL: `${plex.url}/?X-Plex-Token=${PLEX_TOKEN}` });
    await capture('unreachable with token in URL', ['sync', '--all', '-v'], { ...env, PLEX_URL: `http://127.0.0.1:9/?X-Plex-Token=${WRONG_PLEX}` });
    for (const o of outputs) expect({ label: o.label, leaks: leaks(o.text) }).toEqual({ label: o.label, leaks: [] });
  }, 60_000);

  it('config, doctor, missing, sources and match, with good and wrong secrets', async () => {
    const env = baseEnv();
    for (const [label, args, extra] of [
      ['config', ['config'], {}],
      ['config -v', ['config', '-v'], { LOG_LEVEL: 'debug' }],
      ['doctor', ['doctor', '-v'], {}],
      ['doctor wrong secrets', ['doctor', '-v'], { PLEX_TOKEN: WRONG_PLEX, LASTFM_API_KEY: WRONG_LASTFM, LISTENBRAINZ_USER_TOKEN: WRONG_LB }],
      ['missing', ['missing'], {}],
      ['sources', ['sources'], {}],
      ['match', ['match', 'Adele', 'Hello', '-v'], {}],
    ] as const) {
      await capture(label, [...args], { ...env, ...extra });
    }
    for (const o of outputs) expect({ label: o.label, leaks: leaks(o.text) }).toEqual({ label: o.label, leaks: [] });
  });

  it('every file written in the data directory', () => {
    const files = filesUnder(dataDir);
    expect(files.some((f) => f.endsWith('state.json'))).toBe(true);
    for (const f of files) expect({ file: f, leaks: leaks(readFileSync(f, 'latin1')) }).toEqual({ file: f, leaks: [] });
  });
});

describe('a config file with secrets', () => {
  it('that others can read draws a warning naming the fix, and the secret stays hidden', async () => {
    const dir = tempDir('harmoniq-secrets-cfg-');
    const file = join(dir, 'harmoniq.config.json');
    writeFileSync(file, JSON.stringify({ plex: { url: plex.url, token: PLEX_TOKEN }, lastfm: { apiKey: LASTFM_KEY } }));
    chmodSync(file, 0o644);
    const env = { HARMONIQ_DATA_DIR: join(dir, 'data'), TIMEZONE: 'UTC', PATH: process.env.PATH };
    const open = await runCli(['config'], env, dir);
    expect(open.stderr).toMatch(/harmoniq\.config\.json holds secrets .*other users on this machine can read it\. Run: chmod 600/);
    expect(leaks(open.stdout + open.stderr)).toEqual([]);

    chmodSync(file, 0o600);
    const closed = await runCli(['config'], env, dir);
    expect(closed.stderr).not.toContain('holds secrets');
    expect(leaks(closed.stdout + closed.stderr)).toEqual([]);
  });
});
