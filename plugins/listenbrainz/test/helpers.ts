import { tmpdir } from 'node:os';
import { type Env, type Limit, type SourceContext } from '@harmoniq/core';
import { createHttp, createLibraryIndex, createMemoryLogger, createRedactor, fixedClock, type MemoryLogger } from '@harmoniq/core/pipeline';
import type { ListenBrainzRecording } from '@harmoniq/testkit';
import { listenbrainzSource, type ListenBrainzOptions } from '@harmoniq/plugin-listenbrainz';

export const TOKEN = 'lb-secret-token-0123456789';
export const USER = 'rob';

/** A valid, readable recording MBID for fixture number n. */
export function mbid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export function recordingsFor(from: number, count: number): ListenBrainzRecording[] {
  return Array.from({ length: count }, (_, i) => ({
    mbid: mbid(from + i),
    title: `Song ${from + i}`,
    artist: `Artist ${(from + i) % 7}`,
    lengthMs: 200_000 + i,
  }));
}

/** Runs one call at a time, in order, so rate-limit tests see requests strictly one after the other. */
export function sequentialLimit(): Limit {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn);
    tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  };
}

export interface TestContext extends SourceContext {
  logger: MemoryLogger;
}

export function makeContext(opts: { size?: number; retries?: number } = {}): TestContext {
  const logger = createMemoryLogger('listenbrainz');
  const http = createHttp({
    userAgent: 'harmoniq-test',
    redactor: createRedactor([TOKEN]),
    logger,
    retries: opts.retries ?? 2,
    retryBaseMs: 1,
    timeoutMs: 5000,
  });
  return {
    logger,
    http,
    limit: sequentialLimit(),
    clock: fixedClock('2024-06-10T12:00:00Z', 'UTC'),
    library: createLibraryIndex([]),
    signal: new AbortController().signal,
    dataDir: tmpdir(),
    common: { enabled: true, playlist: 'ListenBrainz Recommendations', size: opts.size ?? 50, minTracks: 1, updateMode: 'replace' },
  };
}

/** Parses options the way the core would, failing the test on a config error. */
export function options(url: string, env: Env = {}, raw: unknown = {}): ListenBrainzOptions {
  const result = listenbrainzSource.parseOptions(raw, { LISTENBRAINZ_USER_TOKEN: TOKEN, LISTENBRAINZ_API_URL: url, ...env });
  if (!result.ok) throw new Error(`options rejected: ${JSON.stringify(result.errors)}`);
  return result.value;
}

/** Every log line and its metadata as one string, to assert what never appears in logs. */
export function allLogText(logger: MemoryLogger): string {
  return logger.lines.map((l) => `${l.message} ${JSON.stringify(l.meta ?? {})}`).join('\n');
}
