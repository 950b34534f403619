import { HarmoniqError } from '@harmoniq/core';

/**
 * The errors of the Plex client, in one place so every method words them the same way. None of them ever
 * includes the token: it travels in a header, and messages name only the host, method, path and status.
 */

export function authError(host: string): HarmoniqError {
  return new HarmoniqError({
    code: 'EPLEXAUTH',
    message: `Plex at ${host} rejected the token (401 Unauthorized).`,
    hint:
      'Check PLEX_TOKEN. To find it, open Plex Web, pick any item, choose "Get Info" → "View XML", and copy the ' +
      'X-Plex-Token value from the address bar (see https://support.plex.tv/articles/204059436).',
    fatal: true,
  });
}

export function unreachableError(host: string, method: string, path: string, reason: string, cause: unknown): HarmoniqError {
  const write = method !== 'GET';
  return new HarmoniqError({
    code: 'EPLEXUNREACHABLE',
    message: `Plex at ${host} did not answer ${method} ${path}: ${reason}.${write ? ' The change may or may not have been applied.' : ''}`,
    hint: `Check PLEX_URL (now ${host}; usually http://<host>:32400), that Plex Media Server is running, and that this machine can reach it.`,
    retryable: true,
    fatal: true,
    cause,
  });
}

/**
 * Any other status. 408, 429 and 5xx may pass when tried again, except that a 5xx to a write that is not
 * idempotent may have been applied already: those are not retryable, so nothing up the stack repeats them.
 */
/**
 * PLEX_URL answers, but not as Plex does: a web page, a router, another app's API. Fatal and exit 3 like an
 * unreachable server (it is one, at that address), so `sync` and `doctor` say the same thing with the same code.
 */
export function notPlexError(host: string, answer: string): HarmoniqError {
  return new HarmoniqError({
    code: 'EPLEXUNREACHABLE',
    message: `${host} is not a Plex Media Server: it answered GET / with ${answer}.`,
    hint:
      'Check PLEX_URL: it must be the address of Plex Media Server itself, usually http://<host>:32400, not a web ' +
      'page, a router or another app on that machine. Open <PLEX_URL>/identity in a browser: Plex answers with its machineIdentifier.',
    fatal: true,
  });
}

export function requestError(method: string, path: string, status: number, detail: string | undefined, idempotent: boolean): HarmoniqError {
  const transient = status >= 500 || status === 429 || status === 408;
  const maybeApplied = status >= 500 && !idempotent;
  const retryable = transient && !maybeApplied;
  return new HarmoniqError({
    code: 'EPLEXREQUEST',
    message:
      `Plex answered ${method} ${path} with HTTP ${status}${detail ? ` (${detail})` : ''}.` +
      (maybeApplied ? ' The change may or may not have been applied.' : ''),
    hint: transient
      ? 'Plex had a temporary problem; run the sync again later. If it persists, check the Plex server logs.'
      : 'Run with LOG_LEVEL=debug to see the requests; if Plex is current and this persists, report it.',
    retryable,
  });
}

export function notFoundError(method: string, path: string, what: string): HarmoniqError {
  return new HarmoniqError({
    code: 'EPLEXREQUEST',
    message: `Plex answered ${method} ${path} with HTTP 404: ${what} does not exist (any more).`,
    hint: 'It may have been deleted in Plex meanwhile; run the sync again.',
  });
}

export function urlTooLongError(method: string, path: string, urlLength: number): HarmoniqError {
  return new HarmoniqError({
    code: 'EPLEXREQUEST',
    message: `Plex refused ${method} ${path} as too long (HTTP 414, URL of ${urlLength} characters): send fewer tracks per request.`,
    hint: 'Plex (or a proxy in front of it) limits URLs to about 8 KB; Harmoniq sends at most a few hundred tracks per request.',
  });
}

export function responseError(method: string, path: string, problem: string, retryable: boolean, cause?: unknown): HarmoniqError {
  return new HarmoniqError({
    code: 'EPLEXRESPONSE',
    message: `Plex answered ${method} ${path} with ${problem}.${retryable ? '' : ' The change may or may not have been applied.'}`,
    hint: 'Run the sync again. If it persists, a proxy may be altering Plex responses; run with LOG_LEVEL=debug.',
    retryable,
    cause,
  });
}

export function smartPlaylistError(ratingKey: string, action: string): HarmoniqError {
  return new HarmoniqError({
    code: 'EPLAYLISTSMART',
    message: `Playlist ${ratingKey} is a smart playlist: Plex does not let anyone ${action} its items.`,
    hint: 'Smart playlists are filled by their rules. Give Harmoniq a different playlist name so it manages a regular one.',
  });
}

/** A listing longer than its bound: PLEX_MAX_ITEMS, or what its own count allows (docs/reliability.md). */
export function listingLimitError(path: string, problem: string): HarmoniqError {
  return new HarmoniqError({
    code: 'ELIMIT',
    message: `Plex listing ${path} ${problem}; Harmoniq stopped reading it.`,
    hint: 'An honest library never meets this bound. If yours really holds more items, raise PLEX_MAX_ITEMS (docs/reliability.md); otherwise check for a proxy altering Plex answers.',
    retryable: false,
  });
}

/**
 * A view of Plex that is visibly incomplete (fewer items than Plex counts, repeated entries). Whatever would be
 * written from it (a playlist diff, a library index) could duplicate or drop tracks, so it is an error: the
 * caller keeps what it has, and the next run reads everything again.
 */
export function incompleteError(what: string, problem: string): HarmoniqError {
  return new HarmoniqError({
    code: 'EPLEXINCOMPLETE',
    message: `Plex sent an incomplete view of ${what}: ${problem}. Nothing that depends on it was changed.`,
    hint: 'Run the sync again; it reads everything afresh. If it persists, Plex may be scanning or a proxy may be cutting its answers (LOG_LEVEL=debug shows the requests).',
    retryable: true,
  });
}
