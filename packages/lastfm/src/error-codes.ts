import { defineErrorCodes } from '@harmoniq/core';

/**
 * The Last.fm client's error codes, owned here (not by the core) and shared by every Last.fm source. Each means a
 * source failed (exit 1); docs/troubleshooting.md has a section for each.
 */
export const LASTFM_ERRORS = defineErrorCodes({
  ELASTFMKEY: 'Last.fm rejected the API key.',
  ELASTFMUSER: 'The Last.fm user does not exist or is private.',
  ELASTFMRATE: 'Last.fm kept rate-limiting after retries.',
  ELASTFM: 'A Last.fm request failed.',
});
