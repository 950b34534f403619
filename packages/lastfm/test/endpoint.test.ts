import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHttp, createRedactor } from '@harmoniq/core/pipeline';
import { createLastfmClient, endpointOf } from '@harmoniq/lastfm';
import { startLastfmEmulator, type LastfmEmulator } from '@harmoniq/testkit';

describe('the Last.fm endpoint a user configures', () => {
  it.each([
    ['http://127.0.0.1:7001', 'http://127.0.0.1:7001/2.0/'],
    ['http://127.0.0.1:7001/', 'http://127.0.0.1:7001/2.0/'],
    ['http://lastfm.local/2.0', 'http://lastfm.local/2.0/'],
    ['https://ws.audioscrobbler.com/2.0/', 'https://ws.audioscrobbler.com/2.0/'],
    ['http://proxy.local/lastfm/', 'http://proxy.local/lastfm/'],
  ])('%s means %s', (given, used) => {
    expect(endpointOf(given)).toBe(used);
  });

  let emu: LastfmEmulator;
  beforeAll(async () => {
    emu = await startLastfmEmulator({ apiKey: 'endpoint-key-0001', data: { chart: [{ artist: 'Air', title: 'La femme d’argent' }] } });
  });
  afterAll(async () => {
    await emu.close();
  });

  it('reaches the API when only the server address is given', async () => {
    const http = createHttp({ userAgent: 'test', redactor: createRedactor(), retryBaseMs: 5 });
    const client = createLastfmClient({ apiKey: 'endpoint-key-0001', baseUrl: emu.url, http, retryBaseMs: 5 });
    const page = await client.chartTopTracks({ limit: 1 });
    expect(JSON.stringify(page)).toContain('Air');
    expect(emu.requests[0]?.path).toBe('/2.0/');
  });
});
