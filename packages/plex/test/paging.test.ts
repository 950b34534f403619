import { afterEach, describe, expect, it } from '@jest/globals';
import { json, serve, type Emulator, type EmulatorRequest, type EmulatorResponse } from '@harmoniq/testkit';
import { testClient } from './helpers.js';

/**
 * Paging against hand-written servers that each misbehave in one way real servers and proxies do.
 * Only `/library/sections/1/all?type=10` has items; albums and artists are empty.
 */
const TOKEN = 'paging-secret-token';

interface Behaviour {
  /** Number of tracks, or a function of the request count (a library that changes while being read). */
  total: number | ((call: number) => number);
  /** Largest page the server sends. */
  cap?: number;
  /** Send everything regardless of the paging headers. */
  ignorePaging?: boolean;
  /** Honour the size but always start at 0. */
  ignoreStart?: boolean;
  omitOffset?: boolean;
  omitTotal?: boolean;
  /** Paging read from query parameters only (headers ignored). */
  queryOnly?: boolean;
  /** Pages after the first start this many items early (a listing that shifted), without saying so. */
  overlap?: number;
}

const track = (i: number) => ({ ratingKey: `k${i}`, title: `Song ${i}`, grandparentTitle: 'Artist', parentTitle: 'Album', index: i });

function listing(b: Behaviour): (req: EmulatorRequest) => EmulatorResponse {
  let calls = 0;
  return (req) => {
    if (req.headers['x-plex-token'] !== TOKEN) return { status: 401, headers: { 'content-type': 'text/html' }, body: '<html><head><title>Unauthorized</title></head></html>' };
    if (req.query.get('type') !== '10') return json(200, { MediaContainer: { size: 0, totalSize: 0, offset: 0 } });
    calls += 1;
    const total = typeof b.total === 'number' ? b.total : b.total(calls);
    const all = Array.from({ length: total }, (_, i) => track(i));
    const headerStart = b.queryOnly ? undefined : req.headers['x-plex-container-start'];
    const headerSize = b.queryOnly ? undefined : req.headers['x-plex-container-size'];
    let start = Number(headerStart ?? req.query.get('X-Plex-Container-Start') ?? 0);
    let size = Number(headerSize ?? req.query.get('X-Plex-Container-Size') ?? 50);
    if (b.ignorePaging) [start, size] = [0, total];
    if (b.ignoreStart) start = 0;
    if (b.overlap !== undefined && start > 0) start -= b.overlap;
    if (b.cap !== undefined) size = Math.min(size, b.cap);
    const page = all.slice(start, start + size);
    const mc: Record<string, unknown> = { size: page.length, Metadata: page };
    if (!b.omitOffset) mc['offset'] = start;
    if (!b.omitTotal) mc['totalSize'] = total;
    return json(200, { MediaContainer: mc });
  };
}

let server: Emulator | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function list(b: Behaviour, pageSize: number) {
  server = await serve(listing(b));
  const { client, logger } = testClient(server.url, TOKEN, { pageSize });
  const progress: number[] = [];
  const tracks = await client.listTracks('1', (p) => progress.push(p.done));
  const trackRequests = server.requests.filter((r) => r.query['type'] === '10');
  return { tracks, progress, trackRequests, logger };
}

describe('fetching a listing page by page', () => {
  it('sends the paging as headers and as query parameters, 1000 per page by default', async () => {
    server = await serve(listing({ total: 1500 }));
    const { client } = testClient(server.url, TOKEN);
    const tracks = await client.listTracks('1');
    expect(tracks).toHaveLength(1500);
    const pages = server.requests.filter((r) => r.query['type'] === '10');
    expect(pages.map((r) => r.headers['x-plex-container-start'])).toEqual(['0', '1000']);
    expect(pages.map((r) => r.headers['x-plex-container-size'])).toEqual(['1000', '1000']);
    expect(pages.map((r) => r.query['X-Plex-Container-Start'])).toEqual(['0', '1000']);
    expect(pages[0]?.query['includeGuids']).toBe('1');
  });

  it('keeps going when the server sends smaller pages than asked', async () => {
    const { tracks, trackRequests, progress } = await list({ total: 25, cap: 7 }, 10);
    expect(tracks.map((t) => t.ratingKey)).toEqual(Array.from({ length: 25 }, (_, i) => `k${i}`));
    expect(trackRequests.map((r) => r.query['X-Plex-Container-Start'])).toEqual(['0', '7', '14', '21']);
    expect(progress).toEqual([7, 14, 21, 25]);
  });

  it('takes everything from one answer when the server ignores paging', async () => {
    const { tracks, trackRequests } = await list({ total: 30, ignorePaging: true }, 10);
    expect(tracks).toHaveLength(30);
    expect(new Set(tracks.map((t) => t.ratingKey)).size).toBe(30);
    expect(trackRequests).toHaveLength(1);
  });

  it('takes everything once when the server ignores paging and reports neither offset nor total', async () => {
    const { tracks, trackRequests } = await list({ total: 10, ignorePaging: true, omitOffset: true, omitTotal: true }, 10);
    expect(tracks).toHaveLength(10);
    expect(trackRequests.length).toBeLessThanOrEqual(2);
  });

  it('stops instead of looping when the server always restarts at the first item, and calls the listing incomplete', async () => {
    // A library index short of Plex's count would shrink playlists: it is an error, not a warning (docs/reliability.md).
    await expect(list({ total: 30, cap: 10, ignoreStart: true }, 10)).rejects.toMatchObject({
      code: 'EPLEXINCOMPLETE',
      message: expect.stringContaining('counts 30 items but sent 10 distinct ones'),
    });
    expect(server?.requests.filter((r) => r.query['type'] === '10')).toHaveLength(2);
  });

  it('stops on a repeated page when the server reports no offset and no total', async () => {
    const { tracks, trackRequests } = await list({ total: 30, cap: 10, ignoreStart: true, omitOffset: true, omitTotal: true }, 10);
    expect(tracks).toHaveLength(10);
    expect(trackRequests).toHaveLength(2);
  });

  it('pages by query parameters when the server reads no headers', async () => {
    const { tracks } = await list({ total: 23, queryOnly: true }, 10);
    expect(tracks).toHaveLength(23);
  });

  it('follows a total that grows while the library is read, without repeating tracks', async () => {
    const { tracks, logger } = await list({ total: (call) => 20 + call, cap: 10 }, 10);
    expect(tracks.length).toBeGreaterThanOrEqual(21);
    expect(new Set(tracks.map((t) => t.ratingKey)).size).toBe(tracks.length);
    expect(logger.lines.some((l) => l.level === 'warn' && l.message.includes('changed while it was being read'))).toBe(true);
  });

  it('keeps the first of a track that a shifted page sends again, and still reads every track', async () => {
    const { tracks } = await list({ total: 25, cap: 10, overlap: 1, omitOffset: true }, 10);
    expect(tracks.map((t) => t.ratingKey)).toEqual(Array.from({ length: 25 }, (_, i) => `k${i}`));
  });

  it('ends when the total shrinks below what was already read', async () => {
    const { tracks } = await list({ total: (call) => (call === 1 ? 30 : 5), cap: 10 }, 10);
    expect(tracks).toHaveLength(10);
  });

  it('counts tracks with one request for zero items', async () => {
    server = await serve(listing({ total: 1234 }));
    const { client } = testClient(server.url, TOKEN);
    await expect(client.countTracks('1')).resolves.toBe(1234);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers['x-plex-container-size']).toBe('0');
  });
});
