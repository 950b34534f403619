import { type Limit, type LibraryTrack } from '@harmoniq/core';
import { createHttp, createLibraryIndex, createMemoryLogger, createRedactor, sonicLookup } from '@harmoniq/core/pipeline';
import { createTestContext, type TestContext } from '@harmoniq/core/testing';
import { createPlexClient } from '@harmoniq/plex';
import type { PlexEmulator } from '@harmoniq/testkit';

/** The sample library's "now" (its plays are relative to 2024-05-02). */
export const SAMPLE_NOW = '2024-05-02T08:30:00Z';

export interface LiveContext extends TestContext {
  tracks: LibraryTrack[];
  /** Most neighbour requests that were in flight at once. */
  peak: () => number;
}

/** A source context whose library index and sonic requests come from the Plex emulator over real HTTP. */
export async function liveContext(plex: PlexEmulator, options: { now?: string; size?: number } = {}): Promise<LiveContext> {
  const logger = createMemoryLogger('plex');
  const http = createHttp({ userAgent: 'harmoniq-test', redactor: createRedactor([plex.token]), logger, retryBaseMs: 5, timeoutMs: 5000 });
  const client = createPlexClient({ url: plex.url, token: plex.token, http, logger, clientIdentifier: 'harmoniq-test' });
  const tracks = await client.listTracks(plex.sectionId);
  const base = createTestContext({ tracks, now: options.now ?? SAMPLE_NOW, common: { playlist: 'Sonic Mix', size: options.size ?? 20 } });
  let running = 0;
  let peak = 0;
  const limited = base.limit;
  const limit: Limit = (fn) =>
    limited(async () => {
      running += 1;
      peak = Math.max(peak, running);
      try {
        return await fn();
      } finally {
        running -= 1;
      }
    });
  return { ...base, limit, tracks, library: createLibraryIndex(tracks, sonicLookup(client, plex.sectionId)), peak: () => peak };
}
