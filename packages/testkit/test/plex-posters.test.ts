import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { sampleLibrary, startPlexEmulator, type PlexEmulator } from '../src/index.js';
import { getJson, send, type PlexItem } from './plex-helpers.js';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rest of a png')]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('rest of a jpeg')]);

async function post(plex: PlexEmulator, path: string, body?: Buffer): Promise<number> {
  const res = await fetch(plex.url + path, { method: 'POST', headers: { Accept: 'application/json', 'X-Plex-Token': plex.token }, body });
  await res.arrayBuffer();
  return res.status;
}

describe('Plex emulator: playlist posters and renames', () => {
  let plex: PlexEmulator;
  let id: string;
  const playlistJson = async (): Promise<PlexItem> => (await getJson(plex, `/playlists/${id}`)).body.MediaContainer.Metadata?.[0] as PlexItem;

  beforeEach(async () => {
    plex = await startPlexEmulator({ tracks: sampleLibrary() });
    id = plex.createPlaylist('Global Top 50', plex.tracks().slice(0, 3).map((t) => t.ratingKey));
  });
  afterEach(() => plex.close());

  it('has no thumb until a poster is uploaded, then a /library/metadata thumb beside the unchanged composite', async () => {
    const before = await playlistJson();
    expect(before.thumb).toBeUndefined();
    expect(await post(plex, `/library/metadata/${id}/posters`, PNG)).toBe(200);
    const after = await playlistJson();
    expect(String(after.thumb)).toMatch(new RegExp(`^/library/metadata/${id}/thumb/\\d+$`));
    expect(String(after.composite)).toMatch(new RegExp(`^/playlists/${id}/composite/\\d+$`));
    expect(plex.playlist(id)?.poster).toMatchObject({ provider: 'upload', setBy: 'client' });
    expect(Buffer.from(plex.playlist(id)?.poster?.bytes ?? [])).toEqual(PNG);
  });

  it('serves the uploaded bytes at the thumb, and a newer upload replaces what is shown', async () => {
    await post(plex, `/library/metadata/${id}/posters`, PNG);
    const first = String((await playlistJson()).thumb);
    await post(plex, `/library/metadata/${id}/posters`, JPEG);
    const second = String((await playlistJson()).thumb);
    expect(second).not.toBe(first);
    const res = await fetch(plex.url + second, { headers: { 'X-Plex-Token': plex.token } });
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(JPEG);
  });

  it('takes a poster by ?url= with no body', async () => {
    const url = 'https://images.example/cover.png';
    expect(await post(plex, `/library/metadata/${id}/posters?url=${encodeURIComponent(url)}`)).toBe(200);
    expect(plex.playlist(id)?.poster).toMatchObject({ provider: 'url', url, setBy: 'client' });
    expect((await playlistJson()).thumb).toBeDefined();
  });

  it('answers 400 to an empty body, bytes that are no image, or a url that is not http(s); 404 to an unknown id', async () => {
    expect(await post(plex, `/library/metadata/${id}/posters`)).toBe(400);
    expect(await post(plex, `/library/metadata/${id}/posters`, Buffer.from('{"not":"an image"}'))).toBe(400);
    expect(await post(plex, `/library/metadata/${id}/posters?url=${encodeURIComponent('file:///etc/passwd')}`)).toBe(400);
    expect(await post(plex, `/library/metadata/999999/posters`, PNG)).toBe(404);
    expect(plex.playlist(id)?.poster).toBeUndefined();
  });

  it('lists every poster with the shown one selected, selects another, and deletes back to the composite', async () => {
    await post(plex, `/library/metadata/${id}/posters`, PNG);
    await post(plex, `/library/metadata/${id}/posters`, JPEG);
    const list = (await getJson(plex, `/library/metadata/${id}/posters`)).body.MediaContainer.Metadata ?? [];
    expect(list.map((p) => p.selected)).toEqual([false, true]);
    const first = String(list[0]?.ratingKey);
    expect(first).toMatch(/^upload:\/\/posters\/[0-9a-f]{40}$/);
    expect((await send(plex, 'PUT', `/library/metadata/${id}/poster?url=${encodeURIComponent(first)}`)).status).toBe(204);
    expect(plex.playlist(id)?.poster?.ratingKey).toBe(first);
    expect((await send(plex, 'DELETE', `/library/metadata/${id}/thumb`)).status).toBe(204);
    expect(plex.playlist(id)?.poster).toBeUndefined();
    expect((await playlistJson()).thumb).toBeUndefined();
  });

  it('lets a test set a poster as the user would, marked as the user\'s', async () => {
    plex.setPosterAsUser(id);
    expect(plex.playlist(id)?.poster).toMatchObject({ provider: 'upload', setBy: 'user' });
    expect(String((await playlistJson()).thumb)).toMatch(/\/thumb\/\d+$/);
    expect(() => plex.setPosterAsUser('999999')).toThrow(/no playlist/);
  });

  it('renames in place with PUT /playlists/{id}?title= (and title.value=): same ratingKey, same items', async () => {
    const items = plex.playlist(id)?.items;
    expect((await send(plex, 'PUT', `/playlists/${id}?title=${encodeURIComponent('Top 50 · Global')}`)).status).toBe(204);
    expect(plex.playlist(id)).toMatchObject({ ratingKey: id, title: 'Top 50 · Global', items });
    expect((await send(plex, 'PUT', `/playlists/${id}?title.value=Charts&title.locked=1`)).status).toBe(204);
    expect((await playlistJson()).title).toBe('Charts');
    expect(plex.playlists()).toHaveLength(1);
  });

  it('refuses an empty title, and records a poster lock', async () => {
    expect((await send(plex, 'PUT', `/playlists/${id}?title=`)).status).toBe(400);
    expect(plex.playlist(id)?.title).toBe('Global Top 50');
    await send(plex, 'PUT', `/playlists/${id}?thumb.locked=1`);
    expect(plex.playlist(id)?.thumbLocked).toBe(true);
  });
});
