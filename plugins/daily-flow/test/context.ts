import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LibraryTrack, type SourceContext } from '@harmoniq/core';
import { createLibraryIndex, createMemoryLogger, fixedClock, type MemoryLogger } from '@harmoniq/core/pipeline';

export interface TestContext extends SourceContext {
  logger: MemoryLogger;
  /** Every HTTP request the source tried (Daily Flow must make none). */
  requests: string[];
}

/** A SourceContext built by hand: fixed clock, in-memory logger, library from `tracks`, fresh data dir. */
export function testContext(options: {
  at: string;
  zone?: string;
  tracks: readonly LibraryTrack[];
  dataDir?: string;
  size?: number;
}): TestContext {
  const requests: string[] = [];
  return {
    logger: createMemoryLogger('daily-flow'),
    requests,
    http: {
      request: async (req) => {
        requests.push(req.url);
        throw new Error('Daily Flow must not send HTTP requests');
      },
    },
    limit: (fn) => fn(),
    clock: fixedClock(options.at, options.zone ?? 'UTC'),
    library: createLibraryIndex(options.tracks),
    signal: new AbortController().signal,
    dataDir: options.dataDir ?? freshDataDir(),
    common: { enabled: true, playlist: 'Daily Flow', size: options.size ?? 30, minTracks: 1, updateMode: 'replace' },
  };
}

export function freshDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'harmoniq-daily-flow-'));
}

/** `count` tracks of one genre (at `level`), spread over `artists` artists. */
export function genreTracks(
  genre: string,
  count: number,
  options: { artists?: number; level?: 'track' | 'album' | 'artist'; prefix?: string; extra?: Partial<LibraryTrack> } = {},
): LibraryTrack[] {
  const level = options.level ?? 'track';
  const prefix = options.prefix ?? genre.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const artists = options.artists ?? count;
  return Array.from({ length: count }, (_, i) => ({
    ratingKey: `${prefix}-${i + 1}`,
    title: `${genre} song ${i + 1}`,
    artist: `${genre} Artist ${(i % artists) + 1}`,
    album: `${genre} Album`,
    ...(level === 'track' ? { genres: [genre] } : level === 'album' ? { albumGenres: [genre] } : { artistGenres: [genre] }),
    ...options.extra,
  }));
}

export function messages(logger: MemoryLogger, level?: string): string[] {
  return logger.lines.filter((l) => level === undefined || l.level === level).map((l) => l.message);
}
