import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { sampleLibrary, startPlexEmulator, type PlexEmulator } from '../src/index.js';
import { getJson, type PlexItem, send, titles } from './plex-helpers.js';

const BAD_REQUEST = '<html><head><title>Bad Request</title></head><body><h1>400 Bad Request</h1></body></html>';
const NOT_FOUND = '<html><head><title>Not Found</title></head><body><h1>404 Not Found</h1></body></html>';

describe('Plex emulator: playlists', () => {
  let plex: PlexEmulator;
  let keys: string[];
  const uri = (ks: string[], mid = plex.machineIdentifier): string =>
    encodeURIComponent(`server://${mid}/com.plexapp.plugins.library/library/metadata/${ks.join(',')}`);
  const create = (title: string, ks: string[]) => getJson(plex, `/playlists?uri=${uri(ks)}&type=audio&title=${encodeURIComponent(title)}&smart=0`, {}, 'POST');
  const items = async (id: string): Promise<PlexItem[]> => (await getJson(plex, `/playlists/${id}/items?X-Plex-Container-Start=0&X-Plex-Container-Size=500`)).body.MediaContainer.Metadata ?? [];

  beforeEach(async () => {
    plex = await startPlexEmulator({ tracks: sampleLibrary() });
    keys = plex.tracks().slice(0, 6).map((t) => t.ratingKey);
  });
  afterEach(() => plex.close());

  it('creates a playlist from a server:// uri, in uri order, skipping unknown ratingKeys', async () => {
    const res = await create('Harmoniq: Weekly', [keys[2] ?? '', 'no-such-key', keys[0] ?? '']);
    expect(res.status).toBe(200);
    const pl = res.body.MediaContainer.Metadata?.[0] as PlexItem;
    expect(res.body.MediaContainer.size).toBe(1);
    expect(pl).toMatchObject({ type: 'playlist', title: 'Harmoniq: Weekly', smart: false, playlistType: 'audio', summary: '', leafCount: 2, key: `/playlists/${pl.ratingKey}/items` });
    expect(String(pl.guid)).toMatch(/^com\.plexapp\.agents\.none:\/\//);
    expect((await items(pl.ratingKey)).map((i) => i.ratingKey)).toEqual([keys[2], keys[0]]);
    expect(plex.playlist('Harmoniq: Weekly')?.items.map((i) => i.ratingKey)).toEqual([keys[2], keys[0]]);
  });

  it('answers 400 HTML when a create parameter is missing or the uri names another server', async () => {
    const u = uri(keys);
    for (const q of [`type=audio&title=x&smart=0`, `uri=${u}&title=x&smart=0`, `uri=${u}&type=audio&smart=0`, `uri=${u}&type=audio&title=x`, `uri=${uri(keys, 'f'.repeat(40))}&type=audio&title=x&smart=0`]) {
      const res = await send(plex, 'POST', `/playlists?${q}`);
      expect(res.status).toBe(400);
      expect(res.text).toBe(BAD_REQUEST);
    }
    expect(plex.playlists()).toEqual([]);
  });

  it('lists audio playlists, filtering by smart and title, under both list paths', async () => {
    await create('Harmoniq: Charts', keys.slice(0, 2));
    plex.createPlaylist('Smart One', keys.slice(0, 1), { smart: true });
    const list = async (q: string): Promise<string[]> => titles((await getJson(plex, `/playlists?${q}`)).body);
    expect(await list('playlistType=audio')).toEqual(['Harmoniq: Charts', 'Smart One']);
    expect(await list('playlistType=audio&smart=0')).toEqual(['Harmoniq: Charts']);
    expect(await list('playlistType=audio&smart=1')).toEqual(['Smart One']);
    expect(await list('playlistType=audio&title=charts')).toEqual(['Harmoniq: Charts']);
    expect(await list('playlistType=video')).toEqual([]);
    expect(titles((await getJson(plex, '/playlists/all?playlistType=audio')).body)).toHaveLength(2);
  });

  it('gets one playlist, and answers 404 HTML for a missing one', async () => {
    const id = plex.createPlaylist('Mine', keys.slice(0, 3), { summary: 'hand-made' });
    expect((await getJson(plex, `/playlists/${id}`)).body.MediaContainer.Metadata?.[0]).toMatchObject({ title: 'Mine', summary: 'hand-made', leafCount: 3 });
    const res = await send(plex, 'GET', '/playlists/999999');
    expect(res.status).toBe(404);
    expect(res.text).toBe(NOT_FOUND);
  });

  it('pages items, each a full track with a unique integer playlistItemID', async () => {
    const id = plex.createPlaylist('Mine', [...keys, keys[0] ?? '']);
    const page = await getJson(plex, `/playlists/${id}/items?X-Plex-Container-Start=2&X-Plex-Container-Size=3`);
    expect(page.body.MediaContainer).toMatchObject({ offset: 2, size: 3, totalSize: 7, leafCount: 7, ratingKey: id, smart: false });
    const all = await items(id);
    expect(all[0]).toMatchObject({ playlistItemID: expect.any(Number), type: 'track', grandparentTitle: expect.any(String), parentTitle: expect.any(String), librarySectionID: 3 });
    expect(new Set(all.map((i) => i.playlistItemID)).size).toBe(7);
  });

  it('appends with PUT items, reporting leafCountAdded and leafCountRequested, allowing duplicates', async () => {
    const id = plex.createPlaylist('Mine', keys.slice(0, 2));
    const res = await getJson(plex, `/playlists/${id}/items?uri=${uri([keys[0] ?? '', keys[3] ?? ''])}`, {}, 'PUT');
    expect(res.status).toBe(200);
    expect(res.body.MediaContainer).toMatchObject({ leafCountAdded: 2, leafCountRequested: 2 });
    expect(res.body.MediaContainer.Metadata?.[0]).toMatchObject({ ratingKey: id, leafCount: 4 });
    expect((await items(id)).map((i) => i.ratingKey)).toEqual([keys[0], keys[1], keys[0], keys[3]]);
    expect((await send(plex, 'PUT', `/playlists/${id}/items`)).status).toBe(400);
  });

  it('skips tracks already in the playlist when dedupeOnAppend is set', async () => {
    const strict = await startPlexEmulator({ tracks: sampleLibrary(), dedupeOnAppend: true });
    try {
      const ks = strict.tracks().slice(0, 3).map((t) => t.ratingKey);
      const id = strict.createPlaylist('Mine', ks.slice(0, 2));
      const u = encodeURIComponent(`server://${strict.machineIdentifier}/com.plexapp.plugins.library/library/metadata/${ks.join(',')}`);
      const res = await getJson(strict, `/playlists/${id}/items?uri=${u}`, {}, 'PUT');
      expect(res.body.MediaContainer).toMatchObject({ leafCountAdded: 1, leafCountRequested: 3 });
      expect(strict.playlist(id)?.items.map((i) => i.ratingKey)).toEqual(ks);
    } finally {
      await strict.close();
    }
  });

  it('removes one entry by playlistItemID (404 when absent) and never reuses item ids', async () => {
    const id = plex.createPlaylist('Mine', [keys[0] ?? '', keys[1] ?? '', keys[0] ?? '']);
    const before = plex.playlist(id)?.items ?? [];
    const res = await getJson(plex, `/playlists/${id}/items/${before[2]?.playlistItemID}`, {}, 'DELETE');
    expect(res.status).toBe(200);
    expect(plex.playlist(id)?.items).toEqual(before.slice(0, 2));
    expect((await send(plex, 'DELETE', `/playlists/${id}/items/${before[2]?.playlistItemID}`)).status).toBe(404);
    expect((await send(plex, 'DELETE', `/playlists/${id}/items/${keys[1]}`)).status).toBe(404);
    await getJson(plex, `/playlists/${id}/items?uri=${uri([keys[0] ?? ''])}`, {}, 'PUT');
    const after = plex.playlist(id)?.items ?? [];
    expect(after[2]?.playlistItemID).toBeGreaterThan(before[2]?.playlistItemID ?? 0);
  });

  it('clears all items', async () => {
    const id = plex.createPlaylist('Mine', keys);
    const res = await getJson(plex, `/playlists/${id}/items`, {}, 'DELETE');
    expect(res.body.MediaContainer.Metadata?.[0]).toMatchObject({ leafCount: 0 });
    expect(await items(id)).toEqual([]);
  });

  it('moves an item after another, or to the top without after', async () => {
    const id = plex.createPlaylist('Mine', keys.slice(0, 4));
    const ids = (plex.playlist(id)?.items ?? []).map((i) => i.playlistItemID);
    expect((await send(plex, 'PUT', `/playlists/${id}/items/${ids[0]}/move?after=${ids[2]}`)).status).toBe(200);
    expect(plex.playlist(id)?.items.map((i) => i.playlistItemID)).toEqual([ids[1], ids[2], ids[0], ids[3]]);
    await send(plex, 'PUT', `/playlists/${id}/items/${ids[3]}/move`);
    expect(plex.playlist(id)?.items.map((i) => i.playlistItemID)).toEqual([ids[3], ids[1], ids[2], ids[0]]);
    expect((await send(plex, 'PUT', `/playlists/${id}/items/424242/move`)).status).toBe(404);
  });

  it('edits title and summary in both query forms, and through /library/metadata, answering 204', async () => {
    const id = plex.createPlaylist('Mine', keys.slice(0, 1));
    expect((await send(plex, 'PUT', `/playlists/${id}?title=Renamed&summary=${encodeURIComponent('Made by Harmoniq')}`)).status).toBe(204);
    expect(plex.playlist(id)).toMatchObject({ title: 'Renamed', summary: 'Made by Harmoniq' });
    await send(plex, 'PUT', `/playlists/${id}?summary.value=Second&summary.locked=1`);
    expect(plex.playlist(id)?.summary).toBe('Second');
    expect((await send(plex, 'PUT', `/library/metadata/${id}?title.value=Third&title.locked=1`)).status).toBe(204);
    expect(plex.playlist(id)?.title).toBe('Third');
    expect((await send(plex, 'PUT', '/playlists/999999?title=x')).status).toBe(404);
  });

  it('deletes a playlist with 204, then answers 404', async () => {
    const id = plex.createPlaylist('Mine', keys.slice(0, 1));
    expect((await send(plex, 'DELETE', `/playlists/${id}`)).status).toBe(204);
    expect((await send(plex, 'DELETE', `/playlists/${id}`)).status).toBe(404);
    expect(plex.playlists()).toEqual([]);
  });

  it('refuses to add, remove or move items of a smart playlist', async () => {
    const id = plex.createPlaylist('Smart', keys.slice(0, 2), { smart: true });
    const itemId = plex.playlist(id)?.items[0]?.playlistItemID;
    expect((await send(plex, 'PUT', `/playlists/${id}/items?uri=${uri(keys.slice(3, 4))}`)).status).toBe(400);
    expect((await send(plex, 'DELETE', `/playlists/${id}/items/${itemId}`)).status).toBe(400);
    expect((await send(plex, 'DELETE', `/playlists/${id}/items`)).status).toBe(400);
    expect((await send(plex, 'PUT', `/playlists/${id}/items/${itemId}/move`)).status).toBe(400);
    expect(plex.playlist(id)?.items).toHaveLength(2);
  });

  it('creates a smart playlist from a section query', async () => {
    const q = encodeURIComponent(`server://${plex.machineIdentifier}/com.plexapp.plugins.library/library/sections/${plex.sectionId}/all?type=10&artist.title=Queen`);
    const res = await getJson(plex, `/playlists?uri=${q}&type=audio&title=Queen&smart=1`, {}, 'POST');
    expect(res.body.MediaContainer.Metadata?.[0]).toMatchObject({ smart: true, icon: 'playlist://image.smart' });
    expect((await items(String(res.body.MediaContainer.Metadata?.[0]?.ratingKey))).every((i) => i.grandparentTitle === 'Queen')).toBe(true);
  });

  it('drops a track removed from the library from every playlist', async () => {
    const id = plex.createPlaylist('Mine', keys.slice(0, 3));
    plex.removeTrack(keys[1] ?? '');
    expect(plex.playlist(id)?.items.map((i) => i.ratingKey)).toEqual([keys[0], keys[2]]);
  });

  it('answers 414 when an append URI makes the URL too long', async () => {
    const id = plex.createPlaylist('Mine', []);
    const many = plex.tracks().map((t) => t.ratingKey);
    const res = await send(plex, 'PUT', `/playlists/${id}/items?uri=${uri([...many, ...many, ...many])}`);
    expect(res.status).toBe(414);
    expect(plex.playlist(id)?.items).toEqual([]);
  });

  it('omits Metadata from an empty playlist’s items, as PMS does', async () => {
    const id = plex.createPlaylist('Empty', []);
    const { body } = await getJson(plex, `/playlists/${id}/items`);
    expect(body.MediaContainer).toMatchObject({ size: 0, totalSize: 0, leafCount: 0 });
    expect(body.MediaContainer).not.toHaveProperty('Metadata');
  });
});
