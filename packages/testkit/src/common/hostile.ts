import { gzipSync } from 'node:zlib';
import type { FaultRule } from './faults.js';
import { serve, type Emulator, type EmulatorRequest, type EmulatorResponse } from './server.js';

/**
 * Helpers for dishonest servers: a bystander on another origin that must never be contacted, redirect and
 * gzip-bomb answers for fault rules, and a proxy that rewrites a real emulator's JSON answers.
 */

/** A server on another port (so another origin) that records what reaches it and answers a harmless 200. */
export function startBystander(): Promise<Emulator> {
  return serve(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{}' }));
}

/** A fault answer redirecting to `location` (absolute, or relative to the server that answers). */
export function redirectTo(location: string, status: 301 | 302 | 303 | 307 | 308 = 302): Pick<FaultRule, 'status' | 'headers' | 'body'> {
  return { status, headers: { location, 'content-type': 'text/plain' }, body: `moved to ${location}` };
}

/** A 200 that is small on the wire and `decompressedBytes` of JSON-looking spaces once gunzipped. */
export function gzipBomb(decompressedBytes: number): Pick<FaultRule, 'status' | 'headers' | 'body'> {
  const body = gzipSync(Buffer.alloc(decompressedBytes, 0x20), { level: 9 });
  return { status: 200, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body };
}

export type JsonRewrite = (body: Record<string, unknown>, req: EmulatorRequest) => unknown;

export interface RewriteRule {
  path: RegExp;
  /** Only requests whose query passes (e.g. track pages, not the count request). */
  query?: (q: URLSearchParams) => boolean;
  /** Returns the new JSON body, or a whole response to send instead. */
  rewrite: (body: Record<string, unknown>, req: EmulatorRequest) => unknown | { response: EmulatorResponse };
}

export interface RewritingProxy extends Emulator {
  /** Rules apply in order; the first whose path and query match rewrites the answer. */
  setRules(rules: RewriteRule[]): void;
}

/**
 * Forwards every request to `target` (headers and body included) and lets rules rewrite the JSON answers: the
 * service is honest, the network path is not.
 */
export async function startRewritingProxy(target: string): Promise<RewritingProxy> {
  let rules: RewriteRule[] = [];
  const proxy = await serve(async (req) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === 'string' && !['host', 'connection', 'content-length', 'accept-encoding'].includes(k)) headers[k] = v;
    }
    const res = await fetch(`${target}${req.rawUrl}`, { method: req.method, headers, ...(req.body && req.method !== 'GET' ? { body: req.body } : {}) });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? 'text/plain';
    const rule = rules.find((r) => r.path.test(req.path) && (!r.query || r.query(req.query)));
    if (!rule || !type.includes('json')) return { status: res.status, headers: { 'content-type': type }, body: text };
    const out = rule.rewrite(JSON.parse(text) as Record<string, unknown>, req);
    if (out && typeof out === 'object' && 'response' in out) return (out as { response: EmulatorResponse }).response;
    return { status: res.status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(out) };
  });
  return Object.assign(proxy, {
    setRules(next: RewriteRule[]) {
      rules = next;
    },
  });
}
