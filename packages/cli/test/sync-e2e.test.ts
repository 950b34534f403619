import { describe, expect, it } from '@jest/globals';
import type { LastfmEmulator, PlexEmulator } from '@harmoniq/testkit';
import { runCli, spawnCli, useChartWorld } from './cli-harness.js';

let plex: PlexEmulator;
let lastfm: LastfmEmulator;
let dataDir: string;
let env: Record<string, string>;
const WRITES = new Set(['POST', 'PUT', 'DELETE']);
const writes = () => plex.requests.filter((r) => WRITES.has(r.method));

useChartWorld('harmoniq-cli-', (world, fresh) => {
  ({ plex, lastfm } = world);
  ({ dataDir, env } = fresh);
});

describe('harmoniq sync lastfm-charts (spawned bin)', () => {
  it('creates the chart playlist, then updates the same playlist in place on the next run', async () => {
    const first = await spawnCli(['sync', 'lastfm-charts'], env, dataDir);
    expect(first.stderr).not.toContain('at ');
    expect(first.code).toBe(0);
    const created = plex.playlist('Global Top 50');
    expect(created).toBeDefined();
    expect(created!.items.length).toBeGreaterThan(0);
    expect(created!.items.length).toBeLessThanOrEqual(50);
    expect(first.stdout).toContain('Global Top 50');

    const second = await spawnCli(['sync', '--all'], env, dataDir);
    expect(second.code).toBe(0);
    const after = plex.playlists().filter((p) => p.title === 'Global Top 50');
    expect(after).toHaveLength(1);
    expect(after[0]!.ratingKey).toBe(created!.ratingKey);
    const keys = after[0]!.items.map((i) => i.ratingKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(created!.items.map((i) => i.ratingKey));
  });

  it('prints the commands with --help', async () => {
    const r = await spawnCli(['--help'], {}, dataDir);
    expect(r.code).toBe(0);
    for (const cmd of ['sync', 'sources', 'config', 'doctor', 'demo', 'match']) expect(r.stdout).toContain(cmd);
  });
});

describe('harmoniq sync (in-process)', () => {
  it('writes nothing in a dry run and says what it would add', async () => {
    const r = await runCli(['sync', '--all', '--dry-run'], env, dataDir);
    expect(r.code).toBe(0);
    expect(writes()).toEqual([]);
    expect(plex.playlists()).toEqual([]);
    expect(r.stderr).toContain('would be created');
  });

  it('prints one JSON report on stdout with every candidate and its match result', async () => {
    const r = await runCli(['sync', '--all', '--json'], env, dataDir);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.sources[0]).toMatchObject({ source: 'lastfm-charts', ok: true });
    const playlist = report.sources[0].playlists[0];
    expect(playlist).toMatchObject({ title: 'Global Top 50', action: 'created', ratingKey: plex.playlist('Global Top 50')!.ratingKey });
    expect(playlist.candidates.length).toBeGreaterThan(playlist.counts.size);
    expect(playlist.candidates.some((c: { status: string }) => c.status === 'unmatched')).toBe(true);
    for (const c of playlist.candidates) expect(['matched', 'unmatched']).toContain(c.status);
  });

  it('appends only new tracks in append mode and removes nothing', async () => {
    const seedKeys = plex.tracks().slice(0, 3).map((t) => t.ratingKey);
    await runCli(['sync', '--all'], env, dataDir);
    const before = plex.playlist('Global Top 50')!.items.map((i) => i.ratingKey);
    // Make the chart different, so there is something new to append.
    lastfm.setData({ chart: plex.tracks().slice(0, 5).map((t) => ({ artist: t.trackArtist ?? t.artist, title: t.title })) });
    const r = await runCli(['sync', '--all'], { ...env, PLAYLIST_UPDATE_MODE: 'append' }, dataDir);
    expect(r.code).toBe(0);
    const after = plex.playlist('Global Top 50')!.items.map((i) => i.ratingKey);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(new Set(after).size).toBe(after.length);
    expect(after).toEqual(expect.arrayContaining(seedKeys));
  });

  it('does not even read an unchanged playlist once it has seen it unchanged, and notices an edit made in Plex', async () => {
    await runCli(['sync', '--all'], env, dataDir); // creates
    await runCli(['sync', '--all'], env, dataDir); // reads the items once, records Plex's stamp
    plex.resetRequests();
    const warm = await runCli(['sync', '--all'], env, dataDir);
    expect(warm.code).toBe(0);
    const itemReads = () => plex.requests.filter((r) => r.method === 'GET' && /^\/playlists\/[^/]+\/items$/.test(r.path));
    expect(itemReads()).toEqual([]);
    expect(writes()).toEqual([]);

    const playlist = plex.playlist('Global Top 50')!;
    const removed = playlist.items[1]!;
    const res = await fetch(`${plex.url}/playlists/${playlist.ratingKey}/items/${removed.playlistItemID}`, { method: 'DELETE', headers: { 'X-Plex-Token': plex.token } });
    expect(res.status).toBe(200);
    plex.resetRequests();
    const repaired = await runCli(['sync', '--all'], env, dataDir);
    expect(repaired.code).toBe(0);
    expect(itemReads().length).toBeGreaterThan(0);
    expect(plex.playlist('Global Top 50')!.items.map((i) => i.ratingKey)).toEqual(playlist.items.map((i) => i.ratingKey));
  });

  it('reads no stamp after an update: the last item write answers with it, and the next run reads nothing', async () => {
    await runCli(['sync', '--all'], env, dataDir);
    await runCli(['sync', '--all'], env, dataDir);
    const first = plex.playlist('Global Top 50')!.items.map((i) => i.ratingKey);
    // Drop two tracks, add two and swap the first two: an add, a removal and moves.
    const extra = plex.tracks().filter((t) => !first.includes(t.ratingKey)).slice(0, 2);
    const order = [first[1]!, first[0]!, ...first.slice(4), ...extra.map((t) => t.ratingKey)];
    const byKey = new Map(plex.tracks().map((t) => [t.ratingKey, t]));
    lastfm.setData({ chart: order.map((k) => ({ artist: byKey.get(k)!.trackArtist ?? byKey.get(k)!.artist, title: byKey.get(k)!.title })) });
    plex.resetRequests();
    const update = await runCli(['sync', '--all'], env, dataDir);
    expect(update.code).toBe(0);
    const paths = plex.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths.some((p) => /^DELETE \/playlists\/[^/]+\/items\//.test(p))).toBe(true);
    expect(paths.some((p) => /^PUT \/playlists\/[^/]+\/items\/[^/]+\/move$/.test(p))).toBe(true);
    expect(paths.filter((p) => /^GET \/playlists\/[^/]+$/.test(p))).toEqual([]);
    expect(plex.playlist('Global Top 50')!.items.map((i) => i.ratingKey)).toEqual(order);

    plex.resetRequests();
    expect((await runCli(['sync', '--all'], env, dataDir)).code).toBe(0);
    expect(plex.requests.filter((r) => r.path.startsWith('/playlists/'))).toEqual([]);
    expect(writes()).toEqual([]);
  });

  it('reads the stamp once after the writes when Plex answers them without the playlist, and the next run reads nothing', async () => {
    await runCli(['sync', '--all'], env, dataDir);
    const first = plex.playlist('Global Top 50')!.items.map((i) => i.ratingKey);
    const extra = plex.tracks().find((t) => !first.includes(t.ratingKey))!;
    const byKey = new Map(plex.tracks().map((t) => [t.ratingKey, t]));
    const order = [...first.slice(1), extra.ratingKey];
    lastfm.setData({ chart: order.map((k) => ({ artist: byKey.get(k)!.trackArtist ?? byKey.get(k)!.artist, title: byKey.get(k)!.title })) });
    // The writes take effect; their answers are empty 200s (the spec names no body for some of them).
    for (const method of ['PUT', 'DELETE']) plex.inject({ method, path: /^\/playlists\/[^/]+\/items/, afterHandler: true, status: 200, body: '', times: Infinity });
    plex.resetRequests();
    expect((await runCli(['sync', '--all'], env, dataDir)).code).toBe(0);
    expect(plex.requests.filter((r) => r.method === 'GET' && /^\/playlists\/[^/]+$/.test(r.path))).toHaveLength(1);
    expect(plex.playlist('Global Top 50')!.items.map((i) => i.ratingKey)).toEqual(order);

    plex.resetRequests();
    expect((await runCli(['sync', '--all'], env, dataDir)).code).toBe(0);
    expect(plex.requests.filter((r) => r.path.startsWith('/playlists/'))).toEqual([]);
  });

  it('creates the playlist again when the user deleted it in Plex', async () => {
    await runCli(['sync', '--all'], env, dataDir);
    plex.deletePlaylist(plex.playlist('Global Top 50')!.ratingKey);
    const r = await runCli(['sync', '--all'], env, dataDir);
    expect(r.code).toBe(0);
    expect(plex.playlist('Global Top 50')!.items.length).toBeGreaterThan(0);
  });

  it('never touches a playlist with the same title that it does not manage', async () => {
    const mine = plex.createPlaylist('Global Top 50', [plex.tracks()[0]!.ratingKey]);
    const r = await runCli(['sync', '--all'], env, dataDir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('EPLAYLISTCONFLICT');
    expect(plex.playlists()).toHaveLength(1);
    expect(plex.playlist(mine)!.items).toHaveLength(1);
  });

  it('keeps the existing playlist when the chart has zero tracks', async () => {
    await runCli(['sync', '--all'], env, dataDir);
    const before = plex.playlist('Global Top 50')!.items;
    lastfm.setData({ chart: [] });
    plex.resetRequests();
    const r = await runCli(['sync', '--all'], env, dataDir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Kept 'Global Top 50' as it is/);
    expect(plex.playlist('Global Top 50')!.items).toEqual(before);
    expect(writes()).toEqual([]);
  });

  it('keeps the playlist complete when Plex fails half-way through an update', async () => {
    await runCli(['sync', '--all'], env, dataDir);
    const before = plex.playlist('Global Top 50')!.items.map((i) => i.ratingKey);
    lastfm.setData({ chart: plex.tracks().slice(40, 60).map((t) => ({ artist: t.trackArtist ?? t.artist, title: t.title })) });
    plex.inject({ method: 'DELETE', path: /^\/playlists\/\d+\/items\/\d+$/, status: 500, times: Infinity, after: 2 });
    const r = await runCli(['sync', '--all'], env, dataDir);
    expect(r.code).toBe(1);
    const during = plex.playlist('Global Top 50')!.items.map((i) => i.ratingKey);
    const wanted = plex.tracks().slice(40, 60).map((t) => t.ratingKey);
    // The old or the new list is there in full (the new tracks are added before any old one is removed), without duplicates.
    const hasAll = (keys: string[]) => keys.every((k) => during.includes(k));
    expect(hasAll(wanted) || hasAll(before)).toBe(true);
    expect(new Set(during).size).toBe(during.length);
    plex.clearFaults();
    const repaired = await runCli(['sync', '--all'], env, dataDir);
    expect(repaired.code).toBe(0);
    expect(plex.playlist('Global Top 50')!.items.map((i) => i.ratingKey).sort()).toEqual([...wanted].sort());
  });
});

describe('bad input and faults: one clear line, the documented exit code', () => {
  const oneLine = (text: string) => text.trim().split('\n').filter((l) => l.startsWith('harmoniq:'));

  it('refuses an unknown source name with exit code 2', async () => {
    const r = await runCli(['sync', 'lastfm-chart'], env, dataDir);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)[0]).toMatch(/^harmoniq: EUNKNOWNSOURCE Unknown source 'lastfm-chart'\. Did you mean 'lastfm-charts'\? Known sources: .*lastfm-charts/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('names the missing Plex settings with exit code 2', async () => {
    const r = await runCli(['sync', '--all'], { ...env, PLEX_URL: undefined, PLEX_TOKEN: undefined }, dataDir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ECONFIG PLEX_URL and PLEX_TOKEN are not set/);
  });

  it('reports a wrong token with exit code 3 and never prints it', async () => {
    const r = await runCli(['sync', '--all'], { ...env, PLEX_TOKEN: 'wrong-token-123456' }, dataDir);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('EPLEXAUTH');
    expect(r.stderr + r.stdout).not.toContain('wrong-token-123456');
  });

  it('reports an unreachable Plex with exit code 3', async () => {
    const r = await runCli(['sync', '--all'], { ...env, PLEX_URL: 'http://127.0.0.1:9' }, dataDir);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('EPLEXUNREACHABLE');
  });

  it('reports an unknown music library listing the ones that exist', async () => {
    const r = await runCli(['sync', '--all'], { ...env, PLEX_MUSIC_LIBRARY_NAME: 'Musik' }, dataDir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/EPLEXLIBRARY.*Musik.*Music/);
  });

  it('fails the source on a bad Last.fm key and leaves the playlist untouched', async () => {
    await runCli(['sync', '--all'], env, dataDir);
    const before = plex.playlist('Global Top 50')!.items;
    const r = await runCli(['sync', '--all'], { ...env, LASTFM_API_KEY: 'bad-key-0000' }, dataDir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ELASTFMKEY');
    expect(r.stderr + r.stdout).not.toContain('bad-key-0000');
    expect(plex.playlist('Global Top 50')!.items).toEqual(before);
  });
});
