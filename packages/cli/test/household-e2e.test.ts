import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  sampleLastfmData,
  sampleLibrary,
  startLastfmEmulator,
  startPlexEmulator,
  startPlexTvEmulator,
  type LastfmEmulator,
  type PlexEmulator,
  type PlexTvEmulator,
  type PlexTvUserFixture,
} from '@harmoniq/testkit';
import { runCli, tempDir } from './cli-harness.js';

const ALICE = 'alice-server-token-1';
const USERS: PlexTvUserFixture[] = [
  { id: 1001, title: 'Alice', username: 'alice', serverToken: ALICE },
  { id: 1002, title: 'Kid', home: true, serverToken: 'kid-server-token', musicShared: false },
  { id: 1003, title: 'Carol', username: 'carol' },
];

let plex: PlexEmulator;
let tv: PlexTvEmulator;
let lastfm: LastfmEmulator;
let dataDir: string;
let env: Record<string, string>;

beforeAll(async () => {
  plex = await startPlexEmulator({ tracks: sampleLibrary(), accounts: [{ name: 'alice', token: ALICE }, { name: 'kid', token: 'kid-server-token' }] });
  tv = await startPlexTvEmulator({ machineIdentifier: plex.machineIdentifier, ownerToken: plex.token, users: USERS });
  const library = plex.tracks().map((t) => ({ artist: t.trackArtist ?? t.artist, title: t.title, album: t.album }));
  lastfm = await startLastfmEmulator({ data: sampleLastfmData(library) });
});
afterAll(async () => {
  await Promise.all([plex.close(), tv.close(), lastfm.close()]);
});
beforeEach(() => {
  for (const account of [undefined, 'alice', 'kid']) for (const p of plex.playlists(account)) plex.deletePlaylist(p.ratingKey, account);
  plex.setAccountToken('alice', ALICE);
  tv.setUsers(USERS);
  for (const e of [plex, tv, lastfm]) {
    e.clearFaults();
    e.resetRequests();
  }
  dataDir = tempDir('harmoniq-household-');
  env = {
    PLEX_URL: plex.url,
    PLEX_TOKEN: plex.token,
    PLEX_TV_URL: tv.url,
    LASTFM_API_KEY: lastfm.apiKey,
    LASTFM_API_URL: `${lastfm.url}/2.0/`,
    ENABLE_LASTFM_CHARTS: 'true',
    HARMONIQ_DATA_DIR: dataDir,
    HARMONIQ_RETRY_BASE_MS: '5',
    TIMEZONE: 'UTC',
  };
});

const tokensOf = (e: { requests: { headers: Record<string, unknown> }[] }): unknown[] => [...new Set(e.requests.map((r) => r.headers['x-plex-token']))];

describe('household: every listed Plex user gets their own playlists', () => {
  it("writes each user's playlist with that user's own token; one user's problem fails that user alone (exit 1)", async () => {
    const r = await runCli(['sync', '--all', '--json'], { ...env, PLEX_USERS: 'alice,KID,dave' }, dataDir);
    expect(r.code).toBe(1);
    const owner = plex.playlist('Global Top 50');
    const alice = plex.playlist('Global Top 50', 'alice');
    expect(owner?.items.length).toBeGreaterThan(0);
    expect(alice?.items.map((i) => i.ratingKey)).toEqual(owner?.items.map((i) => i.ratingKey));
    expect(alice?.ratingKey).not.toBe(owner?.ratingKey);
    expect(plex.playlists('kid')).toEqual([]);
    const writesAsAlice = plex.requests.filter((q) => q.method !== 'GET' && q.headers['x-plex-token'] === ALICE);
    expect(writesAsAlice.length).toBeGreaterThan(0);

    const report = JSON.parse(r.stdout) as { sources: { source: string; user?: string; ok: boolean; error?: { code: string; message: string } }[] };
    expect(report.sources.map((s) => [s.user ?? 'owner', s.ok, s.error?.code])).toEqual([
      ['owner', true, undefined],
      ['alice', true, undefined],
      ['KID', false, 'EPLEXUSER'],
      ['dave', false, 'EPLEXUSER'],
    ]);
    expect(report.sources[2]?.error?.message).toContain('music library');
    expect(report.sources[3]?.error?.message).toContain('no Plex user has that name');
    expect(tv.requests).toHaveLength(2);
    expect(tv.requests.every((q) => typeof q.headers['x-plex-client-identifier'] === 'string' && String(q.headers['x-plex-client-identifier']).startsWith('harmoniq-'))).toBe(true);
    expect(r.stdout + r.stderr).not.toContain(ALICE);
  });

  it("is cheap when nothing changed: one playlist listing per user beyond the owner's run, and the same playlists", async () => {
    await runCli(['sync', '--all'], { ...env, PLEX_USERS: 'alice' }, dataDir);
    const before = plex.playlist('Global Top 50', 'alice');
    // plex.tv's answer is kept (owner-only file), so the warm run asks plex.tv nothing.
    expect(statSync(join(dataDir, 'household.json')).mode & 0o777).toBe(0o600);
    plex.resetRequests();
    const r = await runCli(['sync', '--all'], { ...env, PLEX_USERS: 'alice' }, dataDir);
    expect(r.code).toBe(0);
    expect(tv.requests).toHaveLength(2);
    const asAlice = plex.requests.filter((q) => q.headers['x-plex-token'] === ALICE);
    expect(asAlice.map((q) => `${q.method} ${q.path}`)).toEqual(['GET /playlists']);
    expect(plex.playlists('alice')).toEqual([before]);
    expect(tokensOf(plex)).toEqual([plex.token, ALICE]);
  });

  it("applies a user's own settings from the config file and their `only:` list", async () => {
    writeFileSync(
      join(dataDir, 'harmoniq.config.json'),
      JSON.stringify({ users: [{ name: 'alice', env: { PLAYLIST_NAME_LASTFM_CHARTS: "Alice's Top" } }, { name: 'Kid', only: ['daily-flow'] }] }),
    );
    const r = await runCli(['sync', '--all'], env, dataDir);
    expect(r.stderr).not.toContain('ECONFIG');
    expect(plex.playlist("Alice's Top", 'alice')).toBeDefined();
    expect(plex.playlist('Global Top 50')).toBeDefined();
    expect(plex.playlists('kid')).toEqual([]);
  });

  it("renders {user} in each user's title and gives each user's playlist its own cover, uploaded with that user's token", async () => {
    const r = await runCli(['sync', '--all'], { ...env, PLEX_USERS: 'alice', PLAYLIST_NAME_LASTFM_CHARTS: 'Top 50 ({user})' }, dataDir);
    expect(r.code).toBe(0);
    expect(plex.playlists().map((p) => p.title)).toEqual(['Top 50']);
    const alice = plex.playlist('Top 50 (alice)', 'alice')!;
    expect(alice.poster).toMatchObject({ setBy: 'client' });
    expect(Buffer.from(alice.poster!.bytes!)).not.toEqual(Buffer.from(plex.playlist('Top 50')!.poster!.bytes!));
    const uploads = plex.requests.filter((q) => q.method === 'POST' && /\/posters$/.test(q.path));
    expect(uploads.map((q) => q.headers['x-plex-token'])).toEqual([plex.token, ALICE]);
  });

  it('refreshes a token Plex stopped accepting from plex.tv once, and goes on', async () => {
    await runCli(['sync', '--all'], { ...env, PLEX_USERS: 'alice' }, dataDir);
    plex.setAccountToken('alice', 'alice-server-token-2');
    tv.setUsers([{ id: 1001, title: 'Alice', username: 'alice', serverToken: 'alice-server-token-2' }]);
    lastfm.setData(sampleLastfmData(plex.tracks().slice(0, 20).map((t) => ({ artist: t.trackArtist ?? t.artist, title: t.title, album: t.album }))));
    tv.resetRequests();
    const r = await runCli(['sync', '--all'], { ...env, PLEX_USERS: 'alice' }, dataDir);
    expect(r.code).toBe(0);
    expect(tv.requests).toHaveLength(2);
    expect(plex.playlists('alice')).toHaveLength(1);
    expect(r.stderr).not.toContain('alice-server-token-2');
  });

  it('asks plex.tv again when the kept answer is unreadable or does not know a configured name', async () => {
    writeFileSync(join(dataDir, 'household.json'), '{"machineIdentifier": 1');
    const r = await runCli(['sync', '--all'], { ...env, PLEX_USERS: 'alice' }, dataDir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('is not a household answer Harmoniq wrote');
    expect(tv.requests).toHaveLength(2);
    expect(JSON.parse(readFileSync(join(dataDir, 'household.json'), 'utf8'))).toMatchObject({ machineIdentifier: plex.machineIdentifier });
    tv.resetRequests();
    tv.setUsers([...USERS, { id: 1004, title: 'Dan', username: 'dan', serverToken: 'kid-server-token' }]);
    await runCli(['sync', '--all'], { ...env, PLEX_USERS: 'alice,dan' }, dataDir);
    expect(tv.requests).toHaveLength(2);
  });

  it('reports a name listed twice and an unknown source in `only:` with the other problems, before any request (exit 2)', async () => {
    writeFileSync(join(dataDir, 'harmoniq.config.json'), JSON.stringify({ users: [{ name: 'alice', only: ['lastfm-chartz'] }] }));
    const r = await runCli(['sync', '--all'], { ...env, PLEX_USERS: 'alice,Alice' }, dataDir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("PLEX_USERS names 'Alice' twice");
    expect(plex.requests).toEqual([]);
    expect(tv.requests).toEqual([]);
    const r2 = await runCli(['sync', '--all'], env, dataDir);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain("users.alice.only names no known source 'lastfm-chartz'");
  });
});

describe('household: doctor, config and missing name the user', () => {
  it('doctor checks each user on their own and fails for the one who cannot be synced', async () => {
    const r = await runCli(['doctor'], { ...env, PLEX_USERS: 'alice,Kid' }, dataDir);
    expect(r.stdout).toMatch(/Household user alice\n {2}✓ shared, with the music library: Alice: their token sees 'Music'/);
    expect(r.stdout).toMatch(/Household user Kid\n {2}✗ shared, with the music library: Household user 'Kid': their share leaves out the music library/);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain(ALICE);
  });

  it("config lists each user's sources with secrets redacted; missing filters by user", async () => {
    writeFileSync(join(dataDir, 'harmoniq.config.json'), JSON.stringify({ users: [{ name: 'alice', env: { LISTENBRAINZ_USER_TOKEN: 'alice-lb-secret-token' } }] }));
    const c = await runCli(['config'], env, dataDir);
    expect(c.code).toBe(0);
    const shown = JSON.parse(c.stdout) as { users: { name: string; sources: { source: string }[] }[] };
    expect(shown.users).toEqual([{ name: 'alice', sources: [{ source: 'lastfm-charts', playlist: 'Global Top 50' }] }]);
    expect(c.stdout).not.toContain('alice-lb-secret-token');

    await runCli(['sync', '--all'], env, dataDir);
    const all = JSON.parse((await runCli(['missing', '--json'], env, dataDir)).stdout) as { tracks: unknown[] };
    const alices = JSON.parse((await runCli(['missing', '--json', '--user', 'ALICE'], env, dataDir)).stdout) as { tracks: { wantedBy: { user?: string }[] }[] };
    expect(all.tracks.length).toBeGreaterThan(0);
    expect(alices.tracks.length).toBe(all.tracks.length);
    expect(alices.tracks.every((t) => t.wantedBy.some((w) => w.user === 'alice'))).toBe(true);
    const nobody = JSON.parse((await runCli(['missing', '--json', '--user', 'bob'], env, dataDir)).stdout) as { tracks: unknown[] };
    expect(nobody.tracks).toEqual([]);
  });
});

describe('household: sources', () => {
  it('names the users each source keeps a playlist for', async () => {
    writeFileSync(join(dataDir, 'harmoniq.config.json'), JSON.stringify({ users: ['alice', { name: 'Kid', only: ['daily-flow'] }] }));
    const r = await runCli(['sources', '--json'], env, dataDir);
    const rows = JSON.parse(r.stdout) as { name: string; users?: string[] }[];
    expect(rows.find((x) => x.name === 'lastfm-charts')?.users).toEqual(['alice']);
    expect(rows.find((x) => x.name === 'daily-flow')?.users).toEqual(['Kid']);
    const human = await runCli(['sources'], env, dataDir);
    expect(human.stdout).toContain("household user alice: lastfm-charts ('Global Top 50')");
  });
});
