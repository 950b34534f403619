/**
 * Parsers for single setting values given as text (environment variables). Each returns the value or a message
 * fragment that says what is expected and what was given ("must be a whole number from 1 to 1000, got 'fifty'");
 * the caller puts the setting's name in front. The config-file schema uses the same rules and wording.
 */
import { closest, distance } from 'fastest-levenshtein';
import { isValidZone } from '../clock.js';
import { createRedactor } from '../logging/redact.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const MAX_SHOWN = 60;

/** A short, quoted rendering of what the user gave, for messages. */
export function showValue(raw: unknown): string {
  if (raw === undefined) return 'nothing';
  if (raw === null) return 'an empty value';
  if (Array.isArray(raw)) return 'a list';
  if (typeof raw === 'object') return 'a section of keys';
  if (typeof raw === 'string') {
    const cut = raw.length > MAX_SHOWN ? `${raw.slice(0, MAX_SHOWN)}…` : raw;
    return `'${cut}'`;
  }
  return String(raw);
}

export const rules = {
  wholeNumber: (min: number, max: number): string => `must be a whole number from ${min} to ${max}`,
  boolean: 'must be true or false (also accepted: yes/no, on/off, 1/0)',
  text: 'must be text',
  nonEmptyText: 'must be non-empty text',
  url: 'must be an http:// or https:// address such as http://192.168.1.10:32400',
  zone: 'must be an IANA time zone such as Europe/Berlin or America/New_York',
  cron: "must be a cron expression with 5 or 6 fields such as '0 6 * * *'",
  oneOf: (allowed: readonly string[]): string => `must be one of ${allowed.join(', ')}`,
  textList: 'must be a list of text values',
} as const;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (rule: string, raw: unknown): Parsed<never> => ({ ok: false, message: `${rule}, got ${showValue(raw)}` });

export function parseWholeNumber(raw: string, min: number, max: number): Parsed<number> {
  const text = raw.trim();
  if (!/^\d+$/.test(text)) return fail(rules.wholeNumber(min, max), raw);
  const n = Number(text);
  return n >= min && n <= max ? ok(n) : fail(rules.wholeNumber(min, max), raw);
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);

export function parseBoolean(raw: string): Parsed<boolean> {
  const word = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return ok(true);
  if (FALSE_WORDS.has(word)) return ok(false);
  return fail(rules.boolean, raw);
}

/** The closest known word when it is plausibly a typo, for "did you mean" hints. */
export function suggest(word: string, known: readonly string[]): string | undefined {
  if (known.length === 0 || word.length === 0) return undefined;
  const lower = word.toLowerCase();
  const prefixed = known.find((k) => k.length >= 3 && (lower.startsWith(k.toLowerCase()) || k.toLowerCase().startsWith(lower)));
  if (prefixed !== undefined && lower.length >= 3) return prefixed;
  const best = closest(word.toLowerCase(), known.map((k) => k.toLowerCase()));
  const original = known.find((k) => k.toLowerCase() === best);
  return original !== undefined && distance(word.toLowerCase(), best) <= Math.max(2, Math.floor(best.length / 3))
    ? original
    : undefined;
}

export function parseEnum<T extends string>(raw: string, allowed: readonly T[]): Parsed<T> {
  const word = raw.trim().toLowerCase();
  const hit = allowed.find((a) => a === word);
  if (hit !== undefined) return ok(hit);
  const near = suggest(word, allowed);
  const failed = fail(rules.oneOf(allowed), raw);
  return near && !failed.ok ? { ok: false, message: `${failed.message} (did you mean '${near}'?)` } : failed;
}

export function parseZone(raw: string): Parsed<string> {
  const zone = raw.trim();
  return zone !== '' && isValidZone(zone) ? ok(zone) : fail(rules.zone, raw);
}

const CRON_MACROS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
const CRON_FIELD = /^[\d*/,\-?LW#A-Za-z]+$/;

/** A shape check only; the scheduler parses the expression fully. */
export function parseCron(raw: string): Parsed<string> {
  const text = raw.trim();
  if (CRON_MACROS.has(text.toLowerCase())) return ok(text);
  const fields = text.split(/\s+/);
  const shaped = (fields.length === 5 || fields.length === 6) && fields.every((f) => CRON_FIELD.test(f));
  return shaped ? ok(text) : fail(rules.cron, raw);
}

/** Comma-separated list; blanks dropped. */
export function parseList(raw: string): string[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A URL as it may be shown in a message: no credentials, no query values, no known secrets. */
export function safeUrlForDisplay(raw: string, secrets: readonly (string | undefined)[] = []): string {
  let shown = raw
    .replace(/(\/\/)[^/@\s]*@/, '$1[redacted]@')
    .replace(/([?#]).*$/s, '$1[redacted]');
  shown = createRedactor(secrets).redact(shown);
  return shown.length > MAX_SHOWN ? `${shown.slice(0, MAX_SHOWN)}…` : shown;
}

/**
 * An http(s) base URL. Surrounding whitespace is ignored and trailing slashes are removed; anything that would
 * make requests go somewhere unexpected (spaces, quotes, credentials, query strings, fragments) is refused.
 */
export function parseHttpUrl(raw: string, secrets: readonly (string | undefined)[] = []): Parsed<string> {
  const text = raw.trim();
  const shown = `'${safeUrlForDisplay(text, secrets)}'`;
  const bad = (why: string): Parsed<string> => ({ ok: false, message: `${rules.url}${why ? `, ${why}` : ''}, got ${shown}` });
  if (text === '') return bad('');
  if (/[\s"'<>`]/.test(text)) return bad('without spaces or quotes');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return bad('');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return bad('starting with http:// or https://');
  if (url.username || url.password) return bad('without a user name or password in it');
  if (url.search || url.hash || text.includes('?') || text.includes('#')) {
    return bad('without a query string or #fragment (put tokens in their own setting)');
  }
  return ok(text.replace(/\/+$/, ''));
}
