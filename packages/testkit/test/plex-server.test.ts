import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startPlexEmulator, type PlexEmulator } from '../src/index.js';
import { getJson, send } from './plex-helpers.js';

const UNAUTHORIZED = '<html><head><title>Unauthorized</title></head><body><h1>401 Unauthorized</h1></body></html>';

describe('Plex emulator: transport, auth and server identity', () => {
  let plex: PlexEmulator;
  beforeAll(async () => {
    plex = await startPlexEmulator({ tracks: [{ title: 'Rolling in the Deep', artist: 'Adele', album: '21', year: 2011, index: 1 }] });
  });
  afterAll(() => plex.close());

  it('answers 401 with the real HTML body when the token is missing', async () => {
    const res = await fetch(`${plex.url}/library/sections`, { headers: { Accept: 'application/json' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(await res.text()).toBe(UNAUTHORIZED);
  });

  it('answers 401 when the token is wrong', async () => {
    const res = await send(plex, 'GET', '/library/sections', { 'X-Plex-Token': 'nope' });
    expect(res.status).toBe(401);
    expect(res.text).toBe(UNAUTHORIZED);
  });

  it('adds the web redirect script to a 401 on the server root', async () => {
    const res = await fetch(`${plex.url}/`);
    expect(res.status).toBe(401);
    expect(await res.text()).toContain("<script>window.location");
  });

  it('accepts the token as a query parameter', async () => {
    const res = await fetch(`${plex.url}/library/sections?X-Plex-Token=${plex.token}`, { headers: { Accept: 'application/json' } });
    expect(res.status).toBe(200);
  });

  it('serves the machineIdentifier on / and on /identity', async () => {
    const root = await getJson(plex, '/');
    expect(root.body.MediaContainer.machineIdentifier).toBe(plex.machineIdentifier);
    expect(plex.machineIdentifier).toMatch(/^[0-9a-f]{40}$/);
    const id = await getJson(plex, '/identity');
    expect(id.body.MediaContainer.machineIdentifier).toBe(plex.machineIdentifier);
  });

  it('answers /identity without a token, as real servers do', async () => {
    const res = await fetch(`${plex.url}/identity`, { headers: { Accept: 'application/json' } });
    expect(res.status).toBe(200);
  });

  it('answers XML when the client does not ask for JSON', async () => {
    const res = await fetch(`${plex.url}/identity`);
    expect(res.headers.get('content-type')).toContain('text/xml');
    expect(await res.text()).toContain(`machineIdentifier="${plex.machineIdentifier}"`);
    const list = await send(plex, 'GET', `/library/sections/${plex.sectionId}/all?type=10`, { Accept: 'text/xml' });
    expect(list.text).toMatch(/^<\?xml[^]*<MediaContainer size="1"[^>]*><Track ratingKey="\d+"[^>]* title="Rolling in the Deep"/);
  });

  it('lets tests inject faults on Plex paths', async () => {
    plex.inject({ path: '/library/sections', status: 503, body: 'busy' });
    expect((await send(plex, 'GET', '/library/sections')).status).toBe(503);
    expect((await send(plex, 'GET', '/library/sections')).status).toBe(200);
  });

  it('records what clients sent, token included', async () => {
    plex.resetRequests();
    await send(plex, 'GET', '/library/sections?X-Plex-Container-Size=0');
    expect(plex.requests).toEqual([expect.objectContaining({ method: 'GET', path: '/library/sections', status: 200, query: { 'X-Plex-Container-Size': '0' } })]);
    expect(plex.requests[0]?.headers['x-plex-token']).toBe(plex.token);
  });

  it('lists the music section as type artist with a string key, on both section paths', async () => {
    for (const path of ['/library/sections', '/library/sections/all']) {
      const { body } = await getJson(plex, path);
      const dirs = body.MediaContainer.Directory ?? [];
      expect(dirs.map((d) => d.type)).toEqual(['movie', 'artist']);
      const music = dirs.find((d) => d.type === 'artist');
      expect(music).toMatchObject({ key: plex.sectionId, title: 'Music' });
      expect(typeof music?.contentChangedAt).toBe('number');
    }
  });

  it('answers 404 HTML for unknown paths', async () => {
    const res = await send(plex, 'GET', '/library/nothing-here');
    expect(res.status).toBe(404);
    expect(res.text).toBe('<html><head><title>Not Found</title></head><body><h1>404 Not Found</h1></body></html>');
  });

  it('answers 400 HTML for a malformed path escape', async () => {
    expect((await send(plex, 'GET', '/library/metadata/%E0%A4%A')).status).toBe(400);
  });

  it('answers 414 HTML when the request URL is longer than the limit', async () => {
    const small = await startPlexEmulator({ maxUrlLength: 100 });
    try {
      const res = await send(small, 'GET', `/library/metadata/${'1,'.repeat(60)}1`);
      expect(res.status).toBe(414);
      expect(res.headers.get('content-type')).toBe('text/html');
      expect(res.text).toContain('414');
    } finally {
      await small.close();
    }
  });
});
