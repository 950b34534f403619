import { HarmoniqError, parseJsonBounded } from '@harmoniq/core';
import { asRecord, num, text } from './parse.js';
import { LASTFM_ERRORS } from './error-codes.js';

/**
 * Decides what a Last.fm answer means. The HTTP status is unreliable (errors often come with 200), so
 * the body's `error` key is checked first, whatever the status.
 */
export type Outcome =
  | { kind: 'ok'; body: unknown }
  /** Unknown artist or track on a lookup: an empty result, not an error. */
  | { kind: 'empty' }
  | { kind: 'retry'; rate: boolean; error: HarmoniqError }
  | { kind: 'fail'; error: HarmoniqError };

export interface ClassifyInput {
  method: string;
  status: number;
  body: string;
  /**
   * 'user': error 6 means the user does not exist. 'lookup' (artist/track methods): error 6 means no such
   * artist or track, which is an empty answer. 'other': error 6 is a bad parameter.
   */
  subject: 'user' | 'lookup' | 'other';
  /** Scrubbed from any text copied into an error message. */
  apiKey: string;
}

const KEY_HINT = 'Check LASTFM_API_KEY (lastfm.apiKey in the config file); get a key at https://www.last.fm/api/account/create';
const TRANSIENT_CODES = new Set([8, 11, 16]);

export function classifyResponse(input: ClassifyInput): Outcome {
  const { method, status } = input;
  const bounded = parseJsonBounded(input.body);
  if ('problem' in bounded && bounded.problem.startsWith('JSON nested')) {
    return { kind: 'fail', error: lastfmError(method, `answered HTTP ${status} with ${bounded.problem}`) };
  }
  const parsed = 'value' in bounded ? bounded.value : undefined;
  if (!('value' in bounded)) {
    const error = lastfmError(method, `answered HTTP ${status} with a body that is not JSON`, { retryable: true });
    if (status === 429) return { kind: 'retry', rate: true, error: rateError(method) };
    if (status === 200 || status >= 500) return { kind: 'retry', rate: false, error };
    return { kind: 'fail', error: lastfmError(method, `answered HTTP ${status}`) };
  }

  const body = asRecord(parsed);
  const code = body && 'error' in body ? num(body['error']) : undefined;
  if (body && code !== undefined) {
    const message = scrub(text(body['message']) ?? 'no message', input.apiKey);
    return classifyError(input, code, message);
  }
  if (status === 429) return { kind: 'retry', rate: true, error: rateError(method) };
  if (status >= 500) return { kind: 'retry', rate: false, error: lastfmError(method, `answered HTTP ${status}`, { retryable: true }) };
  if (status < 200 || status >= 300) return { kind: 'fail', error: lastfmError(method, `answered HTTP ${status}`) };
  if (!body) return { kind: 'retry', rate: false, error: lastfmError(method, 'answered with JSON that is not an object', { retryable: true }) };
  return { kind: 'ok', body };
}

function classifyError(input: ClassifyInput, code: number, message: string): Outcome {
  const { method, status } = input;
  switch (code) {
    case 10:
      return fail('ELASTFMKEY', `Last.fm rejected the API key (error 10: invalid API key).`, KEY_HINT);
    case 26:
      return fail('ELASTFMKEY', `Last.fm has suspended the API key (error 26).`, `${KEY_HINT}; a suspended key needs a new key or contact with Last.fm.`);
    case 17:
      return fail(
        'ELASTFMUSER',
        `The Last.fm user's listening data is private (error 17).`,
        'Make the profile\'s recent listening public in Last.fm\'s privacy settings, or set LASTFM_USER to another user.',
      );
    case 6:
      if (/user not found/i.test(message) || (input.subject === 'user' && status === 404)) {
        return fail('ELASTFMUSER', 'The Last.fm user does not exist (error 6: user not found).', 'Check LASTFM_USER (lastfm.user in the config file): it is the profile name in https://www.last.fm/user/<name>.');
      }
      if (input.subject === 'lookup') return { kind: 'empty' };
      return { kind: 'fail', error: lastfmError(method, `rejected the request (error 6: ${message})`) };
    case 29:
      return { kind: 'retry', rate: true, error: rateError(method) };
    default:
      if (TRANSIENT_CODES.has(code) || status >= 500) {
        return { kind: 'retry', rate: false, error: lastfmError(method, `failed (error ${code}: ${message})`, { retryable: true }) };
      }
      return { kind: 'fail', error: lastfmError(method, `failed (error ${code}: ${message})`) };
  }
}

function fail(code: 'ELASTFMKEY' | 'ELASTFMUSER', message: string, hint: string): Outcome {
  return { kind: 'fail', error: LASTFM_ERRORS.error({ code, message, hint }) };
}

export function lastfmError(method: string, what: string, extra: { retryable?: boolean; cause?: unknown } = {}): HarmoniqError {
  return LASTFM_ERRORS.error({
    code: 'ELASTFM',
    message: `Last.fm ${method} ${what}.`,
    hint: extra.retryable ? 'Last.fm may be having trouble; try again later.' : 'Check the source options; if they are right, this may be a Last.fm problem.',
    retryable: extra.retryable ?? false,
    ...(extra.cause !== undefined ? { cause: extra.cause } : {}),
  });
}

function rateError(method: string): HarmoniqError {
  return LASTFM_ERRORS.error({
    code: 'ELASTFMRATE',
    message: `Last.fm kept rate-limiting ${method} (error 29) after retries.`,
    hint: 'Lower ratePerSecond for this source, run fewer Last.fm sources at once, or try again later.',
    retryable: true,
  });
}

/** Last.fm never echoes the key, but an error message must never be the place it leaks if it did. */
function scrub(message: string, apiKey: string): string {
  const oneLine = message.replace(/\s+/g, ' ').slice(0, 200);
  return apiKey.length >= 4 ? oneLine.split(apiKey).join('[redacted]') : oneLine;
}
