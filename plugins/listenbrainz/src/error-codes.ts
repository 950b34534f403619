import { defineErrorCodes } from '@harmoniq/core';

/** ListenBrainz's error codes, owned by this plugin. Each means a source failed (exit 1); docs/troubleshooting.md has a section for each. */
export const LISTENBRAINZ_ERRORS = defineErrorCodes({
  ELBTOKEN: 'ListenBrainz rejected the user token.',
  ELBUSER: 'The ListenBrainz user does not exist.',
  ELB: 'A ListenBrainz request failed.',
});
