import type { Http } from '@harmoniq/core';

export interface RequestCounter {
  http: Http;
  counts(): { plex: number; total: number };
}

/** Counts the requests a run sends (retries inside the HTTP client are one request), for the history and /metrics. */
export function countRequests(http: Http, plexUrl: string | undefined): RequestCounter {
  const plexOrigin = originOf(plexUrl);
  let plex = 0;
  let total = 0;
  return {
    http: {
      request(req) {
        total += 1;
        if (plexOrigin && originOf(req.url) === plexOrigin) plex += 1;
        return http.request(req);
      },
    },
    counts: () => ({ plex, total }),
  };
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
