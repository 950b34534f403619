import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../clock.js';
import type { CommonSourceOptions, SourceContext } from '../contract.js';
import { createSourceContext } from '../sources/source-context.js';
import { createHttp, type Http } from '../http/http.js';
import { createLibraryIndex } from '../library/library-index.js';
import type { LibraryTrack } from '../library/types.js';
import { createMemoryLogger, type MemoryLogger } from '../logging/logger.js';
import { createRedactor } from '../logging/redact.js';

export interface TestContextOptions {
  /** The fake library the source sees. */
  tracks?: LibraryTrack[];
  /** Fixed time (default 2026-01-15T12:00:00Z). */
  now?: Date | string;
  /** IANA zone (default UTC). */
  zone?: string;
  common?: Partial<CommonSourceOptions>;
  http?: Http;
  dataDir?: string;
  signal?: AbortSignal;
}

export type TestContext = SourceContext & { logger: MemoryLogger };

/**
 * A SourceContext for plugin tests: a fake library, a fixed clock, a logger that records lines instead of
 * printing, real HTTP (point it at the testkit emulators) with short retry delays, and a temp data dir.
 */
export function createTestContext(options: TestContextOptions = {}): TestContext {
  const common: CommonSourceOptions = { enabled: true, playlist: 'Test Playlist', size: 10, minTracks: 1, updateMode: 'replace', ...options.common };
  const logger = createMemoryLogger('test');
  const dir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'harmoniq-test-'));
  const ctx = createSourceContext({
    source: 'test',
    logger,
    ownLogger: true,
    http: options.http ?? createHttp({ userAgent: 'harmoniq-test', redactor: createRedactor(), retryBaseMs: 5, timeoutMs: 5000 }),
    clock: fixedClock(options.now ?? '2026-01-15T12:00:00Z', options.zone ?? 'UTC'),
    library: createLibraryIndex(options.tracks ?? []),
    dataDir: dir,
    ownDataDir: dir,
    common,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { ...ctx, logger };
}

/** A library track with sensible defaults, for fake libraries. */
export function libraryTrack(fields: Partial<LibraryTrack> & Pick<LibraryTrack, 'ratingKey' | 'artist' | 'title'>): LibraryTrack {
  return { albumArtist: fields.artist, album: 'Album', ...fields };
}
