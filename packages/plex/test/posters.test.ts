import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { renderCover } from '@harmoniq/covers';
import { sampleLibrary, startPlexEmulator, type PlexEmulator } from '@harmoniq/testkit';
import { testClient, type TestClient } from './helpers.js';

describe('Plex client: renames and posters, over HTTP', () => {
  let plex: PlexEmulator;
  let t: TestClient;
  let id: string;

  beforeEach(async () => {
    plex = await startPlexEmulator({ tracks: sampleLibrary() });
    t = testClient(plex.url, plex.token);
    id = plex.createPlaylist('Global Top 50', plex.tracks().slice(0, 4).map((x) => x.ratingKey));
  });
  afterEach(() => plex.close());

  it('renames in place: PUT /playlists/{id}?title=, same ratingKey and items', async () => {
    const before = plex.playlist(id);
    await t.client.rename(id, 'Top 50 · {not a template here}');
    expect(plex.playlist(id)).toMatchObject({ ratingKey: id, title: 'Top 50 · {not a template here}', items: before?.items });
    const put = plex.requests.find((r) => r.method === 'PUT');
    expect(put).toMatchObject({ path: `/playlists/${id}`, query: { title: 'Top 50 · {not a template here}' } });
  });

  it('refuses to rename to an empty title before any request', async () => {
    await expect(t.client.rename(id, '  ')).rejects.toMatchObject({ code: 'EINTERNAL' });
    expect(plex.requests.filter((r) => r.method === 'PUT')).toEqual([]);
  });

  it('uploads a generated cover as the raw body with its content type and returns the thumb it now shows', async () => {
    const cover = await renderCover({ title: 'Global Top 50', source: 'lastfm-charts' });
    expect(await t.client.posterOf(id)).toBeUndefined();
    const thumb = await t.client.uploadPoster(id, cover);
    expect(thumb).toMatch(new RegExp(`^/library/metadata/${id}/thumb/\\d+$`));
    expect(await t.client.posterOf(id)).toBe(thumb);
    expect(Buffer.from(plex.playlist(id)?.poster?.bytes ?? []).equals(cover.bytes)).toBe(true);
    const post = plex.requests.find((r) => r.method === 'POST');
    expect(post?.path).toBe(`/library/metadata/${id}/posters`);
    expect(post?.headers['content-type']).toBe(cover.mimeType);
    expect(post?.query).toEqual({});
  });

  it('uploads by ?url= with no body', async () => {
    const thumb = await t.client.uploadPoster(id, { url: 'https://images.example/mine.jpg' });
    expect(thumb).toBeDefined();
    expect(plex.playlist(id)?.poster).toMatchObject({ provider: 'url', url: 'https://images.example/mine.jpg' });
  });

  it('sees a poster the user set in Plex as a thumb other than the one it uploaded', async () => {
    const ours = await t.client.uploadPoster(id, await renderCover({ title: 'Global Top 50', source: 'lastfm-charts' }));
    plex.setPosterAsUser(id);
    const shown = await t.client.posterOf(id);
    expect(shown).toBeDefined();
    expect(shown).not.toBe(ours);
  });

  it('retries an upload the server failed with 503 (the same image twice is one poster)', async () => {
    plex.inject({ method: 'POST', path: `/library/metadata/${id}/posters`, status: 503, times: 1 });
    const thumb = await t.client.uploadPoster(id, await renderCover({ title: 'x', source: 'custom' }));
    expect(thumb).toBeDefined();
    expect(plex.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('reports a refused upload as a Plex request error, naming the playlist', async () => {
    await expect(t.client.uploadPoster(id, { bytes: new Uint8Array([1, 2, 3]), mimeType: 'image/png' })).rejects.toMatchObject({ code: 'EPLEXREQUEST' });
    await expect(t.client.uploadPoster('999999', { url: 'https://images.example/a.png' })).rejects.toMatchObject({ code: 'EPLEXREQUEST', message: expect.stringContaining('playlist 999999 does not exist') });
  });

  it('lists a playlist\'s poster as its thumb, and none while it shows the composite', async () => {
    expect((await t.client.list()).find((p) => p.ratingKey === id)?.thumb).toBeUndefined();
    const thumb = await t.client.uploadPoster(id, { url: 'https://images.example/a.png' });
    expect((await t.client.list()).find((p) => p.ratingKey === id)?.thumb).toBe(thumb);
  });
});
