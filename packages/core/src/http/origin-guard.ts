import { HarmoniqError } from '../errors/harmoniq-error.js';

/**
 * A request talks to one origin only: the one its URL names. Credentials travel in headers (X-Plex-Token,
 * Authorization), query parameters (api_key) and bodies (a webhook's report), and got strips only
 * `authorization` and `cookie` when a redirect leaves the site (and ignores the scheme, so https → http
 * counts as the same site). So the chokepoint follows a redirect only when it stays on the request's origin
 * (scheme, host and port), and refuses every other one before anything is sent there.
 */
export const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Same-origin redirects followed in one request (a loop ends as an error, not a hang). */
export const MAX_REDIRECTS = 5;

export function sameOrigin(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && a.hostname.toLowerCase() === b.hostname.toLowerCase() && effectivePort(a) === effectivePort(b);
}

function effectivePort(url: URL): string {
  if (url.port) return url.port;
  return url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '';
}

/** Where a redirect points, resolved against the URL that answered; undefined when the Location is unusable. */
export function redirectTarget(location: string | undefined, from: URL | string): URL | undefined {
  if (!location) return undefined;
  try {
    return new URL(Buffer.from(location, 'binary').toString(), from);
  } catch {
    return undefined;
  }
}

/** The coded error for a refused redirect. Only origins are named: a path or query may carry a secret. */
export function crossOriginRedirectError(method: string, from: URL, status: number, to: URL | undefined): HarmoniqError {
  const target = to ? to.origin : 'an unreadable address';
  return new HarmoniqError({
    code: 'EREDIRECT',
    message: `${method} ${from.origin} answered HTTP ${status}, redirecting to ${target}; Harmoniq sends credentials only to the address you configured, so it did not follow.`,
    hint: to
      ? `If the service really moved, put the new address (${to.origin}) in the URL setting yourself; otherwise check for a proxy or a compromised server in front of it.`
      : 'Check the URL setting and any proxy in front of the service.',
    retryable: false,
  });
}
