/**
 * Hides secrets in any text that leaves the process: logs, errors, reports, files.
 * Known secret values are replaced in raw and URL-encoded form; token-looking URL parameters and
 * headers are masked even when their value was never registered.
 */
const MASK = '[redacted]';

const PATTERNS: RegExp[] = [
  /([?&](?:X-Plex-Token|api_key|token|api_sig|sk|session_key)=)[^&#\s"']+/gi,
  /((?:X-Plex-Token|Authorization)["']?\s*[:=]\s*["']?(?:Token |Bearer )?)(?!\[redacted\])[^\s"',}&]+/gi,
];

export interface Redactor {
  /** Registers a secret value (ignored when shorter than 4 characters: too many false hits). */
  add(secret: string | undefined): void;
  redact(text: string): string;
  /** Deep copy of a JSON-like value with every string redacted. */
  redactValue<T>(value: T): T;
}

export function createRedactor(secrets: Iterable<string | undefined> = []): Redactor {
  const values = new Set<string>();
  const addOne = (secret: string): void => {
    if (secret.length < 4) return;
    values.add(secret);
    values.add(encodeURIComponent(secret));
  };
  const add = (secret: string | undefined): void => {
    if (!secret) return;
    addOne(secret);
    // A secret URL (a webhook) is shown as the URL parser spells it: `HTTP://`, `/x/../`, `127.000.000.001` all
    // normalise. Its normal form and its secret part (path and query) are secrets too.
    for (const form of urlForms(secret)) addOne(form);
  };
  for (const s of secrets) add(s);

  const redact = (text: string): string => {
    let out = text;
    for (const v of values) if (out.includes(v)) out = out.split(v).join(MASK);
    for (const p of PATTERNS) out = out.replace(p, `$1${MASK}`);
    return out;
  };

  const redactValue = <T>(value: T): T => {
    if (typeof value === 'string') return redact(value) as T;
    if (Array.isArray(value)) return value.map((v) => redactValue(v)) as T;
    if (value && typeof value === 'object' && !(value instanceof Date)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = redactValue(v);
      return out as T;
    }
    return value;
  };

  return { add, redact, redactValue };
}

const MIN_SECRET_PATH = 8;

function urlForms(secret: string): string[] {
  if (!/^\s*[a-z][a-z0-9+.-]*:\/\//i.test(secret)) return [];
  let url: URL;
  try {
    url = new URL(secret.trim());
  } catch {
    return [];
  }
  const forms = [url.href, url.href.replace(/\/+$/, '')];
  const tail = `${url.pathname}${url.search}`;
  if (tail.replace(/\/+$/, '').length >= MIN_SECRET_PATH) forms.push(tail, tail.replace(/\/+$/, ''));
  return forms;
}

/** Env names whose values are secrets; used by `harmoniq config` and the logger. */
export function isSecretName(name: string): boolean {
  return /(TOKEN|API_KEY|SECRET|PASSWORD|WEBHOOK_URL)$/i.test(name) || /token|apiKey|secret|password/i.test(name);
}
