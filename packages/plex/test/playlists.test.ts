import { afterEach, describe, expect, it } from '@jest/globals';
import { startPlexEmulator, type PlexEmulator, type PlexFixtureTrack } from '@harmoniq/testkit';
import { testClient } from './helpers.js';

const TOKEN = 'playlist-secret-token-456';
const fixtures: PlexFixtureTrack[] = ['One', 'Two', 'Three', 'Four', 'Five'].map((title, i) => ({
  ratingKey: `song-${i + 1}`, title, artist: 'Band', album: 'Record', index: i + 1,
}));
const [k1, k2, k3, k4, k5] = ['song-1', 'song-2', 'song-3', 'song-4', 'song-5'] as const;

let plex: PlexEmulator | undefined;
afterEach(async () => {
  await plex?.close();
  plex = undefined;
});

async function start(options: Parameters<typeof startPlexEmulator>[0] = {}, pageSize?: number) {
  plex = await startPlexEmulator({ token: TOKEN, tracks: fixtures, ...options });
  return { plex, ...testClient(plex.url, TOKEN, { pageSize }) };
}

const keysOf = (p: PlexEmulator, ratingKey: string) => p.playlist(ratingKey)?.items.map((i) => i.ratingKey);

describe('creating and reading playlists', () => {
  it('creates a dumb audio playlist from a server:// content URI in the given order', async () => {
    const { client, plex } = await start();
    const created = await client.create('Harmoniq: Weekly', [k3, k1, k2]);
    expect(created).toMatchObject({ title: 'Harmoniq: Weekly', smart: false, playlistType: 'audio' });
    expect(typeof created.ratingKey).toBe('string');
    expect(keysOf(plex, created.ratingKey)).toEqual([k3, k1, k2]);
    const post = plex.requests.find((r) => r.method === 'POST');
    expect(post?.query).toMatchObject({
      type: 'audio', title: 'Harmoniq: Weekly', smart: '0',
      uri: `server://${plex.machineIdentifier}/com.plexapp.plugins.library/library/metadata/${k3},${k1},${k2}`,
    });
  });

  it('builds the content URI once per client, reading the machineIdentifier a single time', async () => {
    const { client, plex } = await start();
    await expect(client.contentUri([k1, k2])).resolves.toBe(`server://${plex.machineIdentifier}/com.plexapp.plugins.library/library/metadata/${k1},${k2}`);
    await client.contentUri([k3]);
    expect(plex.requests.filter((r) => r.path === '/')).toHaveLength(1);
  });

  it('refuses to create a playlist without tracks, before any request', async () => {
    const { client, plex } = await start();
    await expect(client.create('Empty', [])).rejects.toMatchObject({ code: 'EINTERNAL' });
    expect(plex.requests).toHaveLength(0);
  });

  it('lists audio playlists, smart ones included', async () => {
    const { client, plex } = await start();
    const dumb = plex.createPlaylist('Mine', [k1]);
    const smart = plex.createPlaylist('Rules', [], { smart: true });
    const list = await client.list();
    expect(list).toEqual(expect.arrayContaining([
      expect.objectContaining({ ratingKey: dumb, title: 'Mine', smart: false }),
      expect.objectContaining({ ratingKey: smart, title: 'Rules', smart: true }),
    ]));
    expect(plex.requests[0]?.query['playlistType']).toBe('audio');
  });

  it('gets one playlist, and undefined once it has been deleted', async () => {
    const { client, plex } = await start();
    const key = plex.createPlaylist('Gone soon', [k1], { summary: 'hello' });
    await expect(client.get(key)).resolves.toMatchObject({ ratingKey: key, title: 'Gone soon', summary: 'hello', leafCount: 1 });
    plex.deletePlaylist(key);
    await expect(client.get(key)).resolves.toBeUndefined();
  });

  it('reads every entry in order with its playlistItemID, page by page', async () => {
    const { client, plex } = await start({}, 2);
    const key = plex.createPlaylist('Long', [k1, k2, k3, k4, k5]);
    const entries = await client.items(key);
    expect(entries.map((e) => e.ratingKey)).toEqual([k1, k2, k3, k4, k5]);
    const ids = plex.playlist(key)?.items.map((i) => String(i.playlistItemID));
    expect(entries.map((e) => e.playlistItemId)).toEqual(ids);
    expect(plex.requests.filter((r) => r.path.endsWith('/items'))).toHaveLength(3);
  });

  it('fails with EPLEXREQUEST when reading the items of a playlist that does not exist', async () => {
    const { client } = await start();
    await expect(client.items('999999')).rejects.toMatchObject({ code: 'EPLEXREQUEST' });
  });
});

describe('editing a playlist', () => {
  it('appends tracks at the end', async () => {
    const { client, plex } = await start();
    const key = plex.createPlaylist('Grow', [k1]);
    await client.add(key, [k2, k3]);
    expect(keysOf(plex, key)).toEqual([k1, k2, k3]);
    const put = plex.requests.find((r) => r.method === 'PUT');
    expect(put?.path).toBe(`/playlists/${key}/items`);
  });

  it('removes one entry by its playlistItemID when the track is in the playlist twice', async () => {
    const { client, plex } = await start();
    const key = plex.createPlaylist('Twice', [k1, k2, k1]);
    const [first, , second] = await client.items(key);
    await client.remove(key, second?.playlistItemId ?? '');
    const left = plex.playlist(key)?.items ?? [];
    expect(left.map((i) => i.ratingKey)).toEqual([k1, k2]);
    expect(String(left[0]?.playlistItemID)).toBe(first?.playlistItemId);
  });

  it('treats removing an entry that is already gone as done', async () => {
    const { client, plex } = await start();
    const key = plex.createPlaylist('Gone', [k1, k2]);
    const [entry] = await client.items(key);
    await client.remove(key, entry?.playlistItemId ?? '');
    await expect(client.remove(key, entry?.playlistItemId ?? '')).resolves.toBeUndefined();
    expect(keysOf(plex, key)).toEqual([k2]);
  });

  it('moves an entry after another one, and to the top', async () => {
    const { client, plex } = await start();
    const key = plex.createPlaylist('Order', [k1, k2, k3]);
    const [e1, e2, e3] = await client.items(key);
    await client.move(key, e1?.playlistItemId ?? '', e3?.playlistItemId);
    expect(keysOf(plex, key)).toEqual([k2, k3, k1]);
    await client.move(key, e3?.playlistItemId ?? '', undefined);
    expect(keysOf(plex, key)).toEqual([k3, k2, k1]);
    const moves = plex.requests.filter((r) => r.path.endsWith('/move'));
    expect(moves[0]?.path).toBe(`/playlists/${key}/items/${e1?.playlistItemId}/move`);
    expect(moves[0]?.query['after']).toBe(e3?.playlistItemId);
    expect(moves[1]?.query['after']).toBeUndefined();
    expect(e2).toBeDefined();
  });

  it('gives the playlist each item write answered with: its count and stamp after the write', async () => {
    const { client, plex } = await start();
    const key = plex.createPlaylist('Shown', [k1, k2]);
    const added = await client.add(key, [k3]);
    expect(added).toMatchObject({ ratingKey: key, leafCount: 3, updatedAt: (await client.get(key))?.updatedAt });
    const [e1, , e3] = await client.items(key);
    expect(await client.move(key, e3?.playlistItemId ?? '', undefined)).toMatchObject({ ratingKey: key, leafCount: 3 });
    expect(await client.remove(key, e1?.playlistItemId ?? '')).toMatchObject({ ratingKey: key, leafCount: 2, updatedAt: (await client.get(key))?.updatedAt });
  });

  it('gives nothing for a write answered with an empty or garbled body, and the write still counts', async () => {
    const { client, plex } = await start();
    const key = plex.createPlaylist('Bare', [k1]);
    plex.inject({ method: 'PUT', path: `/playlists/${key}/items`, afterHandler: true, status: 200, body: '' });
    await expect(client.add(key, [k2])).resolves.toBeUndefined();
    plex.inject({ method: 'PUT', path: `/playlists/${key}/items`, afterHandler: true, status: 200, body: '{"MediaContainer": {"Metadata": [{"ratingKey": "another"' });
    await expect(client.add(key, [k3])).resolves.toBeUndefined();
    expect(keysOf(plex, key)).toEqual([k1, k2, k3]);
  });

  it('edits the summary', async () => {
    const { client, plex } = await start();
    const key = plex.createPlaylist('Described', [k1]);
    await client.editSummary(key, 'Made by Harmoniq from Last.fm — 50 tracks');
    expect(plex.playlist(key)?.summary).toBe('Made by Harmoniq from Last.fm — 50 tracks');
  });

  it('refuses to add to, remove from or reorder a playlist it knows is smart, before any request', async () => {
    const { client, plex } = await start();
    const key = plex.createPlaylist('Smart', [], { smart: true });
    await client.get(key);
    const before = plex.requests.length;
    await expect(client.add(key, [k1])).rejects.toMatchObject({ code: 'EPLAYLISTSMART' });
    await expect(client.remove(key, '1')).rejects.toMatchObject({ code: 'EPLAYLISTSMART' });
    await expect(client.move(key, '1', undefined)).rejects.toMatchObject({ code: 'EPLAYLISTSMART' });
    expect(plex.requests).toHaveLength(before);
  });
});
