import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startPlexTvEmulator, type PlexTvEmulator } from '../src/index.js';

const MID = 'c997cf82c4158cb986ccc0e8f829a6f5d5086a63';

describe('plex.tv emulator: users and shared servers', () => {
  let tv: PlexTvEmulator;
  const get = async (path: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; text: string }> => {
    const res = await fetch(tv.url + path, { headers: { 'X-Plex-Token': tv.ownerToken, 'X-Plex-Client-Identifier': 'test-install', ...headers } });
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  };

  beforeEach(async () => {
    tv = await startPlexTvEmulator({
      machineIdentifier: MID,
      users: [
        { id: 1001, title: 'Alice', username: 'alice', email: 'alice@example.org', serverToken: 'alice-server-token' },
        { id: 1002, title: 'Kid & Co', home: true, restricted: true, serverToken: 'kid-server-token' },
        { id: 1003, title: 'Friend without a share', username: 'carol' },
      ],
    });
  });
  afterEach(() => tv.close());

  it('lists users as XML, managed Home users with an empty username, without the owner', async () => {
    const res = await get('/api/users/');
    expect(res.status).toBe(200);
    expect(res.type).toContain('xml');
    expect(res.text).toContain('<MediaContainer friendlyName="myPlex" identifier="com.plexapp.plugins.myplex"');
    expect(res.text).toMatch(/<User id="1001" title="Alice" username="alice"/);
    expect(res.text).toMatch(/<User id="1002" title="Kid &amp; Co" username="" email=""/);
    expect(res.text).toContain(`machineIdentifier="${MID}"`);
    expect(res.text.match(/<User /g)).toHaveLength(3);
  });

  it("carries each shared user's server token in shared_servers, keyed by userID", async () => {
    const res = await get(`/api/servers/${MID}/shared_servers`);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<SharedServer [^>]*userID="1001" accessToken="alice-server-token"/);
    expect(res.text).toMatch(/<SharedServer [^>]*userID="1002" accessToken="kid-server-token"/);
    expect(res.text).not.toContain('userID="1003"');
    expect((await get('/api/servers/another/shared_servers')).status).toBe(404);
  });

  it('answers 401 JSON to another token and 400 without a client identifier', async () => {
    const bad = await get('/api/users/', { 'X-Plex-Token': 'nope' });
    expect(bad.status).toBe(401);
    expect(JSON.parse(bad.text)).toEqual({ errors: [{ code: 1001, message: 'User could not be authenticated', status: 401 }] });
    const res = await fetch(`${tv.url}/api/users/`, { headers: { 'X-Plex-Token': tv.ownerToken } });
    expect(res.status).toBe(400);
  });
});
