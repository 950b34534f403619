/** The only place a SourceContext is built: a sync, `harmoniq doctor` and the test kit all come here. */
import { join } from 'node:path';
import pLimit from 'p-limit';
import type { Clock } from '../clock.js';
import { createSharedRegistry, type CommonSourceOptions, type SourceContext } from '../contract.js';
import type { Http } from '../http/http.js';
import type { LibraryIndex } from '../library/library-index.js';
import type { Logger } from '../logging/logger.js';
import type { AnswerCache } from '../cache/answer-cache.js';

export interface SourceContextInput {
  /** The source's name: its logger's label and its data folder. */
  source: string;
  /** The run's logger; the source gets a child labelled with its name. Pass `ownLogger` to use one as it is. */
  logger: Logger;
  ownLogger?: boolean;
  http: Http;
  clock: Clock;
  library: LibraryIndex;
  /** The run's data directory; the source gets `<dataDir>/sources/<name>`, unless `ownDataDir` is given. */
  dataDir: string;
  ownDataDir?: string;
  common: CommonSourceOptions;
  signal?: AbortSignal;
  /** One registry per run, shared by its sources (e.g. one rate gate per API key). */
  shared?: <T>(key: string, create: () => T) => T;
  /** Requests this source may have in flight (default 4). */
  concurrency?: number;
  /** Service answers kept between runs, when the run has a cache. */
  answers?: AnswerCache;
  /** A dry run: the source must not write its own files either (Daily Flow's history). */
  dryRun?: boolean;
}

export function createSourceContext(input: SourceContextInput): SourceContext {
  return {
    logger: input.ownLogger ? input.logger : input.logger.child(input.source),
    http: input.http,
    limit: pLimit(input.concurrency ?? 4),
    clock: input.clock,
    library: input.library,
    signal: input.signal ?? new AbortController().signal,
    dataDir: input.ownDataDir ?? join(input.dataDir, 'sources', input.source),
    common: input.common,
    shared: input.shared ?? createSharedRegistry(),
    ...(input.answers ? { answers: input.answers } : {}),
    ...(input.dryRun !== undefined ? { dryRun: input.dryRun } : {}),
  };
}
