import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { fixedClock } from '../clock.js';
import { createSharedRegistry, type CommonSourceOptions, type SourceContext } from '../contract.js';
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
  return {
    logger: createMemoryLogger('test'),
    http: options.http ?? createHttp({ userAgent: 'harmoniq-test', redactor: createRedactor(), retryBaseMs: 5, timeoutMs: 5000 }),
    limit: pLimit(4),
    clock: fixedClock(options.now ?? '2026-01-15T12:00:00Z', options.zone ?? 'UTC'),
    library: createLibraryIndex(options.tracks ?? []),
    signal: options.signal ?? new AbortController().signal,
    dataDir: options.dataDir ?? mkdtempSync(join(tmpdir(), 'harmoniq-test-')),
    common,
    shared: createSharedRegistry(),
  };
}

/** A library track with sensible defaults, for fake libraries. */
export function libraryTrack(fields: Partial<LibraryTrack> & Pick<LibraryTrack, 'ratingKey' | 'artist' | 'title'>): LibraryTrack {
  return { albumArtist: fields.artist, album: 'Album', ...fields };
}
