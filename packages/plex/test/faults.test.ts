import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import { startPlexEmulator, type PlexEmulator, type PlexFixtureTrack } from '@harmoniq/testkit';
import { failure, testClient } from './helpers.js';

const TOKEN = 'fault-secret-token-789';
const fixtures: PlexFixtureTrack[] = Array.from({ length: 300 }, (_, i) => ({
  ratingKey: `track-${1000 + i}`, title: `Song ${i}`, artist: `Artist ${i % 7}`, album: `Album ${i % 30}`,
}));
const keys = fixtures.map((t) => t.ratingKey ?? '');

let plex: PlexEmulator | undefined;
afterEach(async () => {
  // Whatever a test did, the token never travelled in a URL.
  for (const r of plex?.requests ?? []) {
    expect(Object.keys(r.query).some((k) => k.toLowerCase() === 'x-plex-token')).toBe(false);
    expect(JSON.stringify(r.query) + r.path).not.toContain(TOKEN);
  }
  await plex?.close();
  plex = undefined;
});

async function start(options: Parameters<typeof startPlexEmulator>[0] = {}, clientOptions: Parameters<typeof testClient>[2] = {}) {
  plex = await startPlexEmulator({ token: TOKEN, tracks: fixtures, ...options });
  return { plex, ...testClient(plex.url, TOKEN, clientOptions) };
}

/** The token appears nowhere in what an error shows: message, hint, JSON form, cause. */
function expectNoToken(error: Error): void {
  const cause = error.cause instanceof Error ? error.cause.message : String(error.cause ?? '');
  expect([error.message, (error as { hint?: string }).hint ?? '', JSON.stringify(error), cause].join(' ')).not.toContain(TOKEN);
}

const count = (p: PlexEmulator, method: string, suffix: string) => p.requests.filter((r) => r.method === method && r.path.endsWith(suffix)).length;

describe('what every request carries', () => {
  it('sends the token and identification as headers and asks for JSON', async () => {
    const { client, plex } = await start();
    await client.server();
    expect(plex.requests[0]?.headers).toMatchObject({
      'x-plex-token': TOKEN,
      accept: 'application/json',
      'x-plex-client-identifier': 'harmoniq-test',
      'x-plex-product': 'Harmoniq',
      'x-plex-platform': 'Node.js',
    });
    expect(plex.requests[0]?.headers['x-plex-version']).toEqual(expect.any(String));
  });
});

describe('failures that stop the run', () => {
  it('maps 401 to a fatal EPLEXAUTH whose hint says where to find the token', async () => {
    plex = await startPlexEmulator({ token: TOKEN, tracks: fixtures });
    const { client } = testClient(plex.url, 'wrong-token-000');
    const error = await failure(client.musicSection('Music'));
    expect(error).toMatchObject({ code: 'EPLEXAUTH', fatal: true, retryable: false, hint: expect.stringContaining('PLEX_TOKEN') });
    expect(plex.requests).toHaveLength(1);
  });

  it('maps a closed port to a fatal EPLEXUNREACHABLE naming the host but not the token', async () => {
    const port = await closedPort();
    const { client } = testClient(`http://127.0.0.1:${port}`, TOKEN, { retries: 0 });
    const error = await failure(client.server());
    expect(error).toMatchObject({ code: 'EPLEXUNREACHABLE', fatal: true, hint: expect.stringContaining(`127.0.0.1:${port}`) });
    expect(error.message).toContain('connection refused');
    expectNoToken(error);
  });

  it('maps a server that never answers to EPLEXUNREACHABLE after its timeout', async () => {
    const { client, plex } = await start({}, { retries: 0, timeoutMs: 200 });
    plex.inject({ path: '/playlists', hang: true });
    await expect(client.list()).rejects.toMatchObject({ code: 'EPLEXUNREACHABLE', message: expect.stringContaining('timed out') });
  });
});

describe('server errors and retries', () => {
  it('retries a read that got a 500 and succeeds', async () => {
    const { client, plex } = await start();
    plex.createPlaylist('Mine', [keys[0] ?? '']);
    plex.inject({ method: 'GET', path: '/playlists', status: 500, times: 1 });
    await expect(client.list()).resolves.toHaveLength(1);
    expect(count(plex, 'GET', '/playlists')).toBe(2);
  });

  it('retries a read after a 429 and after a reset connection', async () => {
    const { client, plex } = await start();
    plex.inject({ method: 'GET', path: '/library/sections', status: 429, headers: { 'retry-after': '0' }, times: 1 });
    plex.inject({ method: 'GET', path: '/library/sections', reset: true, times: 1 });
    await expect(client.musicSection('Music')).resolves.toMatchObject({ title: 'Music' });
  });

  it('reports a read that keeps failing as a retryable EPLEXREQUEST with method, path and status', async () => {
    const { client, plex } = await start();
    plex.inject({ method: 'GET', path: '/library/sections', status: 503, times: Infinity });
    const error = await failure(client.sections());
    expect(error).toMatchObject({ code: 'EPLEXREQUEST', retryable: true });
    expect(error.message).toContain('GET /library/sections');
    expect(error.message).toContain('503');
    expectNoToken(error);
  });

  it('reads the title of an HTML error page instead of parsing it as JSON', async () => {
    const { client, plex } = await start();
    plex.inject({ path: '/playlists', status: 400, headers: { 'content-type': 'text/html' }, body: '<html><head><title>Bad Request</title></head><body><h1>400 Bad Request</h1></body></html>' });
    await expect(client.list()).rejects.toMatchObject({ code: 'EPLEXREQUEST', retryable: false, message: expect.stringContaining('Bad Request') });
  });

  it('never retries an append that got a 500: exactly one PUT', async () => {
    const { client, plex } = await start();
    const key = plex.createPlaylist('Append', [keys[0] ?? '']);
    plex.inject({ method: 'PUT', path: `/playlists/${key}/items`, status: 500, times: Infinity });
    const error = await failure(client.add(key, keys.slice(1, 4)));
    expect(error).toMatchObject({ code: 'EPLEXREQUEST' });
    expectNoToken(error);
    expect(count(plex, 'PUT', '/items')).toBe(1);
  });

  it('never retries an append whose answer was lost after it took effect', async () => {
    const { client, plex } = await start();
    const key = plex.createPlaylist('Lost', [keys[0] ?? '']);
    plex.inject({ method: 'PUT', path: `/playlists/${key}/items`, afterHandler: true, reset: true });
    const error = await failure(client.add(key, keys.slice(1, 3)));
    expect(error).toMatchObject({ code: 'EPLEXUNREACHABLE', message: expect.stringContaining('may or may not') });
    expect(count(plex, 'PUT', '/items')).toBe(1);
    expect(plex.playlist(key)?.items).toHaveLength(3);
  });

  it('never retries a create: exactly one POST', async () => {
    const { client, plex } = await start();
    plex.inject({ method: 'POST', path: '/playlists', status: 502, times: Infinity });
    await expect(client.create('New', keys.slice(0, 2))).rejects.toMatchObject({
      code: 'EPLEXREQUEST',
      retryable: false,
      message: expect.stringContaining('may or may not have been applied'),
    });
    expect(count(plex, 'POST', '/playlists')).toBe(1);
  });

  it('retries idempotent writes: remove, move and summary edits', async () => {
    const { client, plex } = await start();
    const key = plex.createPlaylist('Safe', keys.slice(0, 3));
    const [a, b, c] = await client.items(key);
    plex.inject({ method: 'DELETE', path: '*', status: 503 });
    plex.inject({ path: /\/move$/, status: 500 });
    plex.inject({ method: 'PUT', path: `/playlists/${key}`, status: 500 });
    await client.remove(key, b?.playlistItemId ?? '');
    await client.move(key, a?.playlistItemId ?? '', c?.playlistItemId);
    await client.editSummary(key, 'retried');
    expect(plex.playlist(key)?.items.map((i) => i.ratingKey)).toEqual([keys[2], keys[0]]);
    expect(plex.playlist(key)?.summary).toBe('retried');
    expect(count(plex, 'DELETE', '')).toBe(2);
  });

  it('fails a move of an entry that does not exist with EPLEXREQUEST', async () => {
    const { client, plex } = await start();
    const key = plex.createPlaylist('Moves', keys.slice(0, 2));
    await expect(client.move(key, '987654', undefined)).rejects.toMatchObject({ code: 'EPLEXREQUEST', retryable: false });
  });
});

describe('malformed answers', () => {
  it('reads a page again when its JSON arrived truncated', async () => {
    const { client, plex } = await start();
    plex.inject({ method: 'GET', path: '/library/sections', truncate: true });
    await expect(client.musicSection('Music')).resolves.toMatchObject({ title: 'Music' });
  });

  it('reports JSON that stays truncated as a retryable EPLEXRESPONSE', async () => {
    const { client, plex } = await start();
    plex.inject({ method: 'GET', path: `/library/sections/${plex.sectionId}/all`, truncate: true, times: Infinity });
    const error = await failure(client.listTracks(plex.sectionId));
    expect(error).toMatchObject({ code: 'EPLEXRESPONSE', retryable: true });
    expectNoToken(error);
  });

  it('reports a truncated answer to a create as EPLEXRESPONSE that must not be retried', async () => {
    const { client, plex } = await start();
    plex.inject({ method: 'POST', path: '/playlists', truncate: true });
    await expect(client.create('Half', keys.slice(0, 2))).rejects.toMatchObject({ code: 'EPLEXRESPONSE', retryable: false });
    expect(count(plex, 'POST', '/playlists')).toBe(1);
  });

  it('accepts an append whose answer arrived truncated, since the body is not needed', async () => {
    const { client, plex } = await start();
    const key = plex.createPlaylist('Garbled', [keys[0] ?? '']);
    plex.inject({ method: 'PUT', path: `/playlists/${key}/items`, truncate: true });
    await client.add(key, [keys[1] ?? '']);
    expect(plex.playlist(key)?.items).toHaveLength(2);
  });
});

describe('long URLs', () => {
  it('turns a 414 on a long append into an EPLEXREQUEST saying to send fewer tracks', async () => {
    const { client, plex } = await start({ maxUrlLength: 2000 });
    const key = plex.createPlaylist('Big', [keys[0] ?? '']);
    const error = await failure(client.add(key, keys.slice(1, 201)));
    expect(error).toMatchObject({ code: 'EPLEXREQUEST', retryable: false });
    expect(error.message).toContain('414');
    expect(error.message).toContain('fewer tracks');
    expect(count(plex, 'PUT', '/items')).toBe(1);
    expect(plex.playlist(key)?.items).toHaveLength(1);
  });

  it('sends 200 keys in one append below the default 8 KB limit', async () => {
    const { client, plex } = await start();
    const key = plex.createPlaylist('Chunk', [keys[0] ?? '']);
    await client.add(key, keys.slice(1, 201));
    expect(plex.playlist(key)?.items).toHaveLength(201);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
