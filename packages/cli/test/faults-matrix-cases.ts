import type { FaultRule } from '@harmoniq/testkit';

/**
 * The Plex fault matrix as data: every Plex call of a sync (route) × every fault, with the outcome the
 * documentation promises. faults-plex-reads.test.ts and faults-plex-writes.test.ts run it; docs/reliability.md shows it as a table.
 */

/** 'update': a managed playlist exists and the chart changed. 'create': no playlist yet. */
export type Scenario = 'update' | 'create';

export interface RouteCase {
  name: string;
  /** Which test file runs the row: the reads of a sync, or its writes (with the re-read guarding them). */
  group: 'reads' | 'writes';
  method: string;
  path: string | RegExp;
  scenario: Scenario;
  /** Matching requests let through before the fault fires (a later page, the second removal…). */
  after?: number;
  /** Start without the cached library index, so the track listing is read. */
  cold?: boolean;
  /** Core's Http may send it again (GET, and the writes that are safe to repeat). */
  idempotent: boolean;
  /** The client parses the answer's JSON (a truncated body is an error); other calls ignore the body. */
  readsBody: boolean;
}

export interface FaultCase {
  name: string;
  rule: Omit<FaultRule, 'method' | 'path'>;
  /** Only meaningful for writes (for a read it is the same as a reset). */
  writesOnly?: boolean;
}

const id = String.raw`[^/]+`;
const re = (source: string) => new RegExp(`^${source}$`);

export const ROUTES: RouteCase[] = [
  { name: 'identity (GET /)', group: 'reads', method: 'GET', path: '/', scenario: 'update', idempotent: true, readsBody: true },
  { name: 'sections', group: 'reads', method: 'GET', path: '/library/sections', scenario: 'update', idempotent: true, readsBody: true },
  { name: 'track count', group: 'reads', method: 'GET', path: re(`/library/sections/${id}/all`), scenario: 'update', idempotent: true, readsBody: true },
  // Cold index: count, album and artist genre pages, then track pages; `after` is set to the second track page.
  { name: 'index page', group: 'reads', method: 'GET', path: re(`/library/sections/${id}/all`), scenario: 'update', cold: true, idempotent: true, readsBody: true },
  { name: 'playlist list', group: 'reads', method: 'GET', path: '/playlists', scenario: 'create', idempotent: true, readsBody: true },
  { name: 'create', group: 'writes', method: 'POST', path: '/playlists', scenario: 'create', idempotent: false, readsBody: true },
  { name: 'playlist list (managed playlist)', group: 'reads', method: 'GET', path: '/playlists', scenario: 'update', idempotent: true, readsBody: true },
  { name: 'items', group: 'reads', method: 'GET', path: re(`/playlists/${id}/items`), scenario: 'update', idempotent: true, readsBody: true },
  { name: 'items (re-read after add)', group: 'writes', method: 'GET', path: re(`/playlists/${id}/items`), scenario: 'update', after: 1, idempotent: true, readsBody: true },
  { name: 'add', group: 'writes', method: 'PUT', path: re(`/playlists/${id}/items`), scenario: 'update', idempotent: false, readsBody: false },
  { name: 'remove (2nd item)', group: 'writes', method: 'DELETE', path: re(`/playlists/${id}/items/${id}`), scenario: 'update', after: 1, idempotent: true, readsBody: false },
  { name: 'move (2nd move)', group: 'writes', method: 'PUT', path: re(`/playlists/${id}/items/${id}/move`), scenario: 'update', after: 1, idempotent: true, readsBody: false },
  { name: 'summary edit', group: 'writes', method: 'PUT', path: re(`/playlists/${id}`), scenario: 'update', idempotent: true, readsBody: false },
];

const html = (status: number, title: string) => `<html><head><title>${title}</title></head><body><h1>${status} ${title}</h1></body></html>`;

export const FAULTS: FaultCase[] = [
  { name: '500', rule: { status: 500, headers: { 'content-type': 'text/html' }, body: html(500, 'Internal Server Error'), times: Infinity } },
  // A short overload: answered once, then the server is fine again.
  { name: '503 + Retry-After', rule: { status: 503, headers: { 'content-type': 'text/html', 'retry-after': '1' }, body: html(503, 'Service Unavailable'), times: 1 } },
  { name: 'timeout', rule: { hang: true, times: Infinity } },
  { name: 'socket reset', rule: { reset: true, times: Infinity } },
  { name: 'truncated JSON', rule: { truncate: true, times: Infinity } },
  { name: '401 mid-run', rule: { status: 401, headers: { 'content-type': 'text/html' }, body: html(401, 'Unauthorized'), times: Infinity } },
  { name: '414', rule: { status: 414, headers: { 'content-type': 'text/html' }, body: html(414, 'Request-URI Too Long'), times: Infinity } },
  // Plex applied the write, then the connection dropped before the answer: the dangerous one for writes.
  { name: 'answer lost after the write', rule: { reset: true, afterHandler: true, times: 1 }, writesOnly: true },
];

export interface Expected {
  exitCode: 0 | 1 | 3;
  /** The error code the one log line names; undefined when the run recovers by itself. */
  code?: string;
  /** Also in that line. */
  text?: RegExp;
}

/** What docs/troubleshooting.md and decision 0003 promise for this call and fault. */
export function expectedOutcome(route: RouteCase, fault: FaultCase): Expected {
  switch (fault.name) {
    case '500':
      return { exitCode: 1, code: 'EPLEXREQUEST', text: /HTTP 500/ };
    case '503 + Retry-After':
      // Safe calls wait as told and succeed; a create or an append is never sent twice.
      return route.idempotent ? { exitCode: 0 } : { exitCode: 1, code: 'EPLEXREQUEST', text: /HTTP 503/ };
    case 'timeout':
      return { exitCode: 3, code: 'EPLEXUNREACHABLE', text: /timed out/ };
    case 'socket reset':
      return { exitCode: 3, code: 'EPLEXUNREACHABLE', text: /connection reset/ };
    case 'truncated JSON':
      // A 200 means the write happened: a write ignores the body, and a create looks its playlist up.
      return route.readsBody && route.method === 'GET' ? { exitCode: 1, code: 'EPLEXRESPONSE', text: /not valid JSON/ } : { exitCode: 0 };
    case '401 mid-run':
      return { exitCode: 3, code: 'EPLEXAUTH', text: /401/ };
    case '414':
      return { exitCode: 1, code: 'EPLEXREQUEST', text: /414/ };
    case 'answer lost after the write':
      // Safe writes are sent again; an append or a create is looked up instead of being repeated.
      return { exitCode: 0 };
    default:
      throw new Error(`no expectation for fault ${fault.name}`);
  }
}

/** Every (route, fault) pair of these routes, in table order. */
export function matrixCases(routes: RouteCase[] = ROUTES): Array<[string, string, RouteCase, FaultCase]> {
  return routes.flatMap((r) =>
    FAULTS.filter((f) => !f.writesOnly || r.method !== 'GET').map((f): [string, string, RouteCase, FaultCase] => [r.name, f.name, r, f]),
  );
}
