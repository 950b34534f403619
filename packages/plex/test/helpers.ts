import { createHttp, createMemoryLogger, createRedactor, type MemoryLogger } from '@harmoniq/core/pipeline';
import { createPlexClient, type PlexClient } from '@harmoniq/plex';

export interface TestClient {
  client: PlexClient;
  logger: MemoryLogger;
}

/** A client over real HTTP with tiny retry delays and short timeouts, so fault tests stay fast. */
export function testClient(url: string, token: string, options: { pageSize?: number; retries?: number; timeoutMs?: number } = {}): TestClient {
  const logger = createMemoryLogger('plex');
  const http = createHttp({
    userAgent: 'harmoniq-test',
    redactor: createRedactor([token]),
    logger,
    timeoutMs: options.timeoutMs ?? 2000,
    retries: options.retries ?? 2,
    retryBaseMs: 5,
  });
  const client = createPlexClient({ url, token, http, logger, clientIdentifier: 'harmoniq-test', pageSize: options.pageSize });
  return { client, logger };
}

/** Runs a promise that must fail and returns its error, for assertions beyond `rejects.toMatchObject`. */
export async function failure(p: Promise<unknown>): Promise<Error> {
  return p.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as Error,
  );
}
