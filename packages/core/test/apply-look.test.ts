import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderCover } from '@harmoniq/covers';
import { createPlexClient, type PlexClient } from '@harmoniq/plex';
import { sampleLibrary, startPlexEmulator, type PlexEmulator } from '@harmoniq/testkit';
import { createHttp } from '../src/http/http.js';
import { createMemoryLogger, type MemoryLogger } from '../src/logging/logger.js';
import { createRedactor } from '../src/logging/redact.js';
import { applyLook, type LookInput } from '../src/playlist-look/index.js';

/** The look step against the real Plex client over HTTP, drawing real covers. */
describe('applyLook: renames in place and covers', () => {
  let plex: PlexEmulator;
  let client: PlexClient;
  let logger: MemoryLogger;
  let id: string;
  let drawn: number;

  const input = (extra: Partial<LookInput>): LookInput => ({
    store: client,
    logger,
    ratingKey: id,
    created: false,
    title: 'Daily Flow',
    cover: { title: 'Daily Flow', source: 'daily-flow', variant: '06:00-11:00' },
    poster: { mode: 'generate' },
    makeCover: async (spec) => {
      drawn += 1;
      return renderCover(spec);
    },
    ...extra,
  });

  beforeEach(async () => {
    plex = await startPlexEmulator({ tracks: sampleLibrary() });
    logger = createMemoryLogger('test');
    const http = createHttp({ userAgent: 'harmoniq-test', redactor: createRedactor([plex.token]), logger, timeoutMs: 2000, retries: 1, retryBaseMs: 5 });
    client = createPlexClient({ url: plex.url, token: plex.token, http, logger });
    id = plex.createPlaylist('Daily Flow', plex.tracks().slice(0, 3).map((t) => t.ratingKey));
    drawn = 0;
  });
  afterEach(() => plex.close());

  it('gives a new playlist its generated cover and records the thumb it shows', async () => {
    const out = await applyLook(input({ created: true }));
    expect(plex.playlist(id)?.poster).toMatchObject({ provider: 'upload', setBy: 'client' });
    expect(out.uploaded?.thumb).toBe(plex.playlist(id)?.thumb);
    expect(out.warnings).toEqual([]);
  });

  it('renames in place when the configured title changed: same ratingKey, same items', async () => {
    const items = plex.playlist(id)?.items;
    const out = await applyLook(input({ currentTitle: 'Daily Flow', title: 'Daily Flow · 06:00-11:00', poster: { mode: 'none' } }));
    expect(out.renamedFrom).toBe('Daily Flow');
    expect(plex.playlist(id)).toMatchObject({ ratingKey: id, title: 'Daily Flow · 06:00-11:00', items });
    expect(plex.playlists()).toHaveLength(1);
  });

  it('never replaces a poster the user set, and draws nothing for it', async () => {
    const first = await applyLook(input({ created: true }));
    plex.setPosterAsUser(id);
    const [seen] = (await client.list()).filter((p) => p.ratingKey === id);
    const out = await applyLook(input({ shownPoster: seen?.thumb, uploaded: first.uploaded, cover: { title: 'Daily Flow', source: 'daily-flow', variant: '17:00-21:00' } }));
    expect(plex.playlist(id)?.poster?.setBy).toBe('user');
    expect(out.uploaded).toEqual(first.uploaded);
    expect(drawn).toBe(1);
  });

  it('changes its own cover with Daily Flow\'s window, and leaves it while the window is the same', async () => {
    const first = await applyLook(input({ created: true }));
    const seen = async () => (await client.list()).find((p) => p.ratingKey === id)?.thumb;
    const same = await applyLook(input({ shownPoster: await seen(), uploaded: first.uploaded }));
    expect(same.uploaded).toEqual(first.uploaded);
    const evening = await applyLook(input({ shownPoster: await seen(), uploaded: first.uploaded, cover: { title: 'Daily Flow', source: 'daily-flow', variant: '17:00-21:00' } }));
    expect(evening.uploaded?.coverId).not.toBe(first.uploaded?.coverId);
    expect(drawn).toBe(2);
    expect(plex.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/posters'))).toHaveLength(2);
  });

  it('turns a failed upload into one warning, never a failed sync', async () => {
    plex.inject({ method: 'POST', path: `/library/metadata/${id}/posters`, status: 500, times: Infinity });
    const out = await applyLook(input({ created: true }));
    expect(out.warnings).toHaveLength(1);
    expect(out.warnings[0]).toMatch(/^The cover of 'Daily Flow' was not set: EPLEXREQUEST .*HTTP 500.* The playlist itself is up to date\.$/s);
    expect(out.uploaded).toBeUndefined();
  });

  it('uploads the user\'s PLAYLIST_POSTER_FILE, and warns when it is not an image', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'harmoniq-poster-'));
    const good = join(dir, 'mine.jpg');
    writeFileSync(good, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]));
    await applyLook(input({ created: true, poster: { mode: 'file', path: good } }));
    expect(Buffer.from(plex.playlist(id)?.poster?.bytes ?? [])).toEqual(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]));
    const bad = join(dir, 'notes.txt');
    writeFileSync(bad, 'not an image');
    const out = await applyLook(input({ created: true, poster: { mode: 'file', path: bad } }));
    expect(out.warnings[0]).toContain('is not a PNG or JPEG image');
    expect(drawn).toBe(0);
  });

  it('sends no poster request at all with PLAYLIST_POSTER=none', async () => {
    await applyLook(input({ created: true, poster: { mode: 'none' } }));
    expect(plex.requests.filter((r) => r.path.includes('/posters'))).toEqual([]);
  });
});
