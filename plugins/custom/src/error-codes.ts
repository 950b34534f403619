import { defineErrorCodes } from '@harmoniq/core';

/** The custom plugin's error code, owned here (not by the core). It means a source failed (exit 1); docs/troubleshooting.md has its section. */
export const CUSTOM_ERRORS = defineErrorCodes({
  ECUSTOMFILE: 'A custom track list file cannot be read.',
});
