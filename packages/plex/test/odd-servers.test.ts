import { afterEach, describe, expect, it } from '@jest/globals';
import { json, serve, type Emulator, type EmulatorRequest, type EmulatorResponse } from '@harmoniq/testkit';
import { testClient } from './helpers.js';

/** Hand-written servers, each answering in a shape that real Plex versions or proxies produce. */
const TOKEN = 'odd-server-secret-token';

let server: Emulator | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(routes: Record<string, (req: EmulatorRequest) => EmulatorResponse>) {
  server = await serve((req) => {
    const route = routes[req.path];
    return route ? route(req) : { status: 404, headers: { 'content-type': 'text/html' }, body: '<html><head><title>Not Found</title></head></html>' };
  });
  return testClient(server.url, TOKEN);
}

const empty = json(200, { MediaContainer: { size: 0, totalSize: 0, offset: 0 } });

describe('servers that answer in other shapes', () => {
  it('takes ancestor fields hoisted onto the container, and numeric ratingKeys as strings', async () => {
    const { client } = await start({
      '/library/sections/5/all': (req) => {
        if (req.query.get('type') === '9') return json(200, { MediaContainer: { size: 1, totalSize: 1, offset: 0, Metadata: [{ ratingKey: 157, Genre: [{ tag: 'Dubstep' }] }] } });
        if (req.query.get('type') === '8') return json(200, { MediaContainer: { size: 1, totalSize: 1, offset: 0, Metadata: [{ ratingKey: 156, Genre: [{ tag: 'Electronic' }] }] } });
        return json(200, {
          MediaContainer: {
            size: 2, totalSize: 2, offset: 0, grandparentRatingKey: 156, grandparentTitle: 'Skrillex', parentIndex: 1,
            parentTitle: 'Try It Out', parentRatingKey: 157,
            Metadata: [
              { ratingKey: 158, title: 'Try It Out (Neon mix)', index: 1, duration: 5491 },
              { ratingKey: '159', title: 'Try It Out (Try Harder mix)', index: 2, parentRatingKey: '157' },
            ],
          },
        });
      },
    });
    const tracks = await client.listTracks('5');
    expect(tracks).toEqual([
      expect.objectContaining({ ratingKey: '158', artist: 'Skrillex', album: 'Try It Out', discNumber: 1, albumRatingKey: '157', artistRatingKey: '156', albumGenres: ['Dubstep'], artistGenres: ['Electronic'] }),
      expect.objectContaining({ ratingKey: '159', artist: 'Skrillex', trackNumber: 2, albumRatingKey: '157' }),
    ]);
  });

  it('lists every music library when the configured one is missing', async () => {
    const { client } = await start({
      '/library/sections': () => json(200, { MediaContainer: { size: 3, Directory: [
        { key: 1, type: 'movie', title: 'Movies' }, { key: '3', type: 'artist', title: 'Music' }, { key: '7', type: 'artist', title: 'Hörbücher' },
      ] } }),
    });
    await expect(client.musicSection('Musik')).rejects.toMatchObject({
      code: 'EPLEXLIBRARY',
      message: "Music library 'Musik' not found. Music libraries on this server: Music, Hörbücher. Set PLEX_MUSIC_LIBRARY_NAME to one of them.",
    });
    await expect(client.musicSection('HÖRBÜCHER')).resolves.toEqual({ id: '7', title: 'Hörbücher' });
  });

  it('falls back to /library/sections/all when /library/sections is not served', async () => {
    const { client } = await start({
      '/library/sections/all': () => json(200, { MediaContainer: { Directory: [{ key: '3', type: 'artist', title: 'Music', contentChangedAt: 1233 }] } }),
    });
    await expect(client.musicSection('Music')).resolves.toEqual({ id: '3', title: 'Music', contentChangedAt: 1233 });
  });

  it('reports XML (a server ignoring Accept) as EPLEXRESPONSE rather than crashing', async () => {
    const { client } = await start({
      '/': () => ({ status: 200, headers: { 'content-type': 'text/xml' }, body: '<?xml version="1.0"?><MediaContainer machineIdentifier="abc"/>' }),
    });
    await expect(client.server()).rejects.toMatchObject({ code: 'EPLEXRESPONSE', retryable: true });
  });

  it('reports an identity without machineIdentifier as EPLEXRESPONSE', async () => {
    const { client } = await start({ '/': () => json(200, { MediaContainer: { size: 0 } }) });
    await expect(client.contentUri(['1'])).rejects.toMatchObject({ code: 'EPLEXRESPONSE' });
  });

  it('counts from the total-size header when the body has none', async () => {
    const { client } = await start({
      '/library/sections/3/all': () => json(200, { MediaContainer: { size: 0 } }, { 'X-Plex-Container-Total-Size': '77' }),
    });
    await expect(client.countTracks('3')).resolves.toBe(77);
  });

  it('treats missing arrays as empty', async () => {
    const { client } = await start({ '/playlists': () => empty, '/playlists/9/items': () => json(200, { MediaContainer: { size: 0 } }) });
    await expect(client.list()).resolves.toEqual([]);
    await expect(client.items('9')).resolves.toEqual([]);
  });

  it('refuses playlist items that lack a playlistItemID rather than planning on them', async () => {
    const { client } = await start({
      '/playlists/9/items': () => json(200, { MediaContainer: { size: 1, totalSize: 1, offset: 0, Metadata: [{ ratingKey: '1' }] } }),
    });
    await expect(client.items('9')).rejects.toMatchObject({ code: 'EPLEXRESPONSE' });
  });

  it('keeps a path prefix of the server URL (a reverse proxy) and drops its query string', async () => {
    server = await serve((req) => (req.path === '/plex/' ? json(200, { MediaContainer: { machineIdentifier: 'abc123' } }) : { status: 404 }));
    const { client } = testClient(`${server.url}/plex?X-Plex-Token=${TOKEN}`, TOKEN);
    await expect(client.server()).resolves.toEqual({ machineIdentifier: 'abc123' });
    expect(server.requests[0]?.query).toEqual({});
  });
});
