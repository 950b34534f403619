import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { sampleLibrary, startPlexEmulator, type PlexEmulator } from '../src/index.js';
import { getJson, send } from './plex-helpers.js';

describe('Plex emulator: playlists belong to the account of the request', () => {
  let plex: PlexEmulator;
  let keys: string[];
  const as = (token: string): Record<string, string> => ({ 'X-Plex-Token': token });
  const uri = (ks: string[]): string =>
    encodeURIComponent(`server://${plex.machineIdentifier}/com.plexapp.plugins.library/library/metadata/${ks.join(',')}`);

  beforeEach(async () => {
    plex = await startPlexEmulator({
      tracks: sampleLibrary(),
      accounts: [
        { name: 'alice', token: 'alice-server-token' },
        { name: 'bob', token: 'bob-server-token', musicAccess: false },
      ],
    });
    keys = plex.tracks().slice(0, 3).map((t) => t.ratingKey);
  });
  afterEach(() => plex.close());

  it("lists and edits only the requesting account's playlists", async () => {
    const ownerKey = plex.createPlaylist('Owner mix', keys);
    const created = await getJson(plex, `/playlists?uri=${uri(keys)}&type=audio&title=Alice%20mix&smart=0`, as('alice-server-token'), 'POST');
    expect(created.status).toBe(200);
    const aliceKey = String(created.body.MediaContainer.Metadata?.[0]?.ratingKey);

    const aliceList = await getJson(plex, '/playlists?playlistType=audio', as('alice-server-token'));
    expect((aliceList.body.MediaContainer.Metadata ?? []).map((p) => p.title)).toEqual(['Alice mix']);
    const ownerList = await getJson(plex, '/playlists?playlistType=audio');
    expect((ownerList.body.MediaContainer.Metadata ?? []).map((p) => p.title)).toEqual(['Owner mix']);

    expect((await send(plex, 'GET', `/playlists/${ownerKey}/items`, as('alice-server-token'))).status).toBe(404);
    expect((await send(plex, 'DELETE', `/playlists/${aliceKey}`)).status).toBe(404);
    expect(plex.playlist('Alice mix', 'alice')?.items).toHaveLength(3);
    expect(plex.playlist('Alice mix')).toBeUndefined();
    expect(aliceKey).not.toBe(ownerKey);
  });

  it('hides the music section from an account whose share leaves it out', async () => {
    const sections = await getJson(plex, '/library/sections', as('bob-server-token'));
    expect((sections.body.MediaContainer.Directory ?? []).map((d) => d['type'])).toEqual(['movie']);
    expect((await send(plex, 'GET', `/library/sections/${plex.sectionId}/all?type=10`, as('bob-server-token'))).status).toBe(403);
  });

  it('rejects a revoked token and accepts a rotated one', async () => {
    plex.setAccountToken('alice', 'alice-rotated');
    expect((await send(plex, 'GET', '/playlists', as('alice-server-token'))).status).toBe(401);
    expect((await send(plex, 'GET', '/playlists', as('alice-rotated'))).status).toBe(200);
    plex.setAccountToken('alice', undefined);
    expect((await send(plex, 'GET', '/playlists', as('alice-rotated'))).status).toBe(401);
  });
});
