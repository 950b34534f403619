import { afterEach, describe, expect, it } from '@jest/globals';
import { json, serve, type Emulator, type EmulatorResponse } from '@harmoniq/testkit';
import { testClient } from './helpers.js';

/** PLEX_URL pointing at a web server that is not Plex: the user must hear that, not advice about proxies or deletions. */
let server: Emulator | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(answer: EmulatorResponse) {
  server = await serve(() => answer);
  return testClient(server.url, 'not-plex-token').client;
}

const welcome = '<!DOCTYPE html><html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to nginx!</h1></body></html>';

describe('a server that is not Plex at PLEX_URL', () => {
  it.each<[string, EmulatorResponse, RegExp]>([
    ['a web page', { status: 200, headers: { 'content-type': 'text/html' }, body: welcome }, /answered GET \/ with a web page \("Welcome to nginx!"\) \(text\/html\)/],
    ['a 404 (another app)', { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Cannot GET /' }, /answered GET \/ with HTTP 404/],
    ['JSON of another shape', json(200, { status: 'ok', version: '2.1' }), /JSON that is not a Plex MediaContainer/],
  ])('answering with %s is "not a Plex Media Server", fatal like an unreachable one (exit 3)', async (_name, answer, detail) => {
    const client = await clientFor(answer);
    const error = await client.server().then(
      () => undefined,
      (e: unknown) => e as { code: string; message: string; hint: string; fatal: boolean; exitCode: number },
    );
    expect(error).toMatchObject({ code: 'EPLEXUNREACHABLE', fatal: true, exitCode: 3 });
    expect(error!.message).toMatch(/ is not a Plex Media Server: /);
    expect(error!.message).toMatch(detail);
    expect(error!.hint).toContain('Check PLEX_URL');
    expect(`${error!.message} ${error!.hint}`).not.toMatch(/proxy|deleted/);
  });

  it('still reads a real Plex identity', async () => {
    const client = await clientFor(json(200, { MediaContainer: { machineIdentifier: 'abc123', friendlyName: 'Den', version: '1.41.0' } }));
    await expect(client.server()).resolves.toEqual({ machineIdentifier: 'abc123', name: 'Den', version: '1.41.0' });
  });
});
