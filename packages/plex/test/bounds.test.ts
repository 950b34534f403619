import { afterEach, describe, expect, it } from '@jest/globals';
import { serve, type Emulator, type EmulatorRequest } from '@harmoniq/testkit';
import { failure, testClient } from './helpers.js';

/**
 * The listing bounds (docs/reliability.md): a listing may hold at most PLEX_MAX_ITEMS items and take at most its
 * count over its first page's length (plus two) pages. Honest libraries of any size pass; endless ones stop.
 */

const TOKEN = 'bounds-token-5150';
let server: Emulator | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type Page = (start: number, size: number) => { items: unknown[]; total?: number };

/** A Plex-shaped server whose track listing is `page`; album and artist listings are empty. */
async function listing(page: Page): Promise<Emulator> {
  server = await serve((req: EmulatorRequest) => {
    const start = Number(req.query.get('X-Plex-Container-Start') ?? 0);
    const size = Number(req.query.get('X-Plex-Container-Size') ?? 50);
    const tracks = req.query.get('type') === '10';
    const { items, total } = tracks ? page(start, size) : { items: [], total: 0 };
    const body = JSON.stringify({ MediaContainer: { size: items.length, offset: start, ...(total === undefined ? {} : { totalSize: total }), Metadata: items } });
    return { status: 200, headers: { 'content-type': 'application/json' }, body };
  });
  return server;
}

const track = (i: number) => ({ ratingKey: String(i), title: `t${i}`, grandparentTitle: 'a' });
const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, k) => track(from + k));

describe('listing bounds', () => {
  it('lists a one-million-track library without meeting any bound', async () => {
    const total = 1_000_000;
    const s = await listing((start, size) => ({ items: range(start, Math.min(total, start + size)), total }));
    // A generous timeout: a page of 10,000 tracks is slow to build on a busy machine, and speed is not what is tested.
    const { client } = testClient(s.url, TOKEN, { pageSize: 10_000, timeoutMs: 60_000 });
    const tracks = await client.listTracks('3');
    expect(tracks).toHaveLength(total);
    expect(tracks[total - 1]?.ratingKey).toBe(String(total - 1));
    // A hundred pages of 10,000 tracks take a while on a shared machine; the bound is what is tested, not speed.
  }, 240_000);

  it('accepts a server that caps its pages far below the size asked for', async () => {
    const total = 700;
    const s = await listing((start) => ({ items: range(start, Math.min(total, start + 7)), total }));
    const { client } = testClient(s.url, TOKEN, { pageSize: 1000 });
    expect(await client.listTracks('3')).toHaveLength(total);
  });

  it('refuses a count beyond PLEX_MAX_ITEMS before reading further pages', async () => {
    const s = await listing((start, size) => ({ items: range(start, start + size), total: 1e12 }));
    const { client } = testClient(s.url, TOKEN, { pageSize: 100 });
    const error = await failure(client.listTracks('3'));
    expect(error).toMatchObject({ code: 'ELIMIT', message: expect.stringContaining('PLEX_MAX_ITEMS') });
    expect(s.requests.filter((r) => r.query['type'] === '10')).toHaveLength(1);
  });

  it('stops a listing without a count that keeps sending fresh items at PLEX_MAX_ITEMS', async () => {
    const s = await listing((start, size) => ({ items: range(start, start + size) }));
    const logger = testClient(s.url, TOKEN).logger;
    const { createPlexClient } = await import('@harmoniq/plex');
    const { createHttp, createRedactor } = await import('@harmoniq/core/pipeline');
    const http = createHttp({ userAgent: 'harmoniq-test', redactor: createRedactor([TOKEN]), retryBaseMs: 5 });
    const client = createPlexClient({ url: s.url, token: TOKEN, http, logger, pageSize: 100, maxItems: 5_000 });
    await expect(client.listTracks('3')).rejects.toMatchObject({ code: 'ELIMIT' });
    expect(s.requests.filter((r) => r.query['type'] === '10').length).toBeLessThanOrEqual(52);
  });

  it('stops a listing whose count grows with every page', async () => {
    const s = await listing((start, size) => ({ items: range(start, start + size), total: start + size + 1 }));
    const { client } = testClient(s.url, TOKEN, { pageSize: 100 });
    await expect(client.listTracks('3')).rejects.toMatchObject({ code: 'ELIMIT' });
  });
});
