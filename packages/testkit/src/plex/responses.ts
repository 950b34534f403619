import type { EmulatorRequest, EmulatorResponse } from '../common/server.js';
import type { JsonObject } from './metadata-json.js';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  409: 'Conflict',
  500: 'Internal Server Error',
};

const PROTOCOL = { 'x-plex-protocol': '1.0' };

/** PMS answers errors with a tiny HTML page, never JSON, whatever the Accept header says. */
export function htmlError(status: number, headExtra = ''): EmulatorResponse {
  const reason = REASONS[status] ?? 'Error';
  return {
    status,
    headers: { 'content-type': 'text/html', ...PROTOCOL },
    body: `<html><head><title>${reason}</title>${headExtra}</head><body><h1>${status} ${reason}</h1></body></html>`,
  };
}

export function noContent(): EmulatorResponse {
  return { status: 204, headers: { ...PROTOCOL } };
}

/** A MediaContainer whose items are already serialised JSON objects. */
export interface Container {
  attrs: JsonObject;
  /** Items as serialised JSON: strings, or UTF-8 buffers for the large lists. */
  items?: (string | Buffer)[];
  itemsKey?: 'Metadata' | 'Directory';
  headers?: Record<string, string>;
}

export function wantsJson(req: EmulatorRequest): boolean {
  const accept = req.headers.accept;
  return (Array.isArray(accept) ? accept.join(',') : (accept ?? '')).toLowerCase().includes('application/json');
}

/** JSON when asked for, else a plain XML rendering (PMS's default format). Empty item arrays are omitted. */
export function render(c: Container, json: boolean): EmulatorResponse {
  const items = c.items ?? [];
  const key = c.itemsKey ?? 'Metadata';
  if (json) {
    const attrs = JSON.stringify(c.attrs);
    if (items.length === 0) return jsonResponse(c, `{"MediaContainer":${attrs}}`);
    const pieces: Buffer[] = [Buffer.from(`{"MediaContainer":${attrs.slice(0, -1)}${attrs.length > 2 ? ',' : ''}"${key}":[`)];
    items.forEach((item, i) => {
      if (i > 0) pieces.push(COMMA);
      pieces.push(typeof item === 'string' ? Buffer.from(item) : item);
    });
    pieces.push(CLOSE);
    return jsonResponse(c, Buffer.concat(pieces));
  }
  const children = items.map((s) => xmlElement(key, JSON.parse(s.toString()) as JsonObject)).join('');
  return {
    status: 200,
    headers: { 'content-type': 'text/xml;charset=utf-8', ...PROTOCOL, ...c.headers },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n${xmlTag('MediaContainer', c.attrs, children)}\n`,
  };
}

const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']}}');

function jsonResponse(c: Container, body: string | Buffer): EmulatorResponse {
  return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', ...PROTOCOL, ...c.headers }, body };
}

const ELEMENT_BY_TYPE: Record<string, string> = { track: 'Track', album: 'Directory', artist: 'Directory', playlist: 'Playlist' };

function xmlElement(key: string, o: JsonObject): string {
  const name = key === 'Metadata' ? (ELEMENT_BY_TYPE[String(o.type)] ?? 'Video') : key;
  const children = Object.entries(o)
    .filter(([, v]) => Array.isArray(v))
    .map(([k, v]) => (v as JsonObject[]).map((child) => xmlElement(k, child)).join(''))
    .join('');
  return xmlTag(name, o, children);
}

function xmlTag(name: string, o: JsonObject, children: string): string {
  const attrs = Object.entries(o)
    .filter(([, v]) => !Array.isArray(v) && v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlEscape(typeof v === 'boolean' ? (v ? '1' : '0') : String(v))}"`)
    .join('');
  return children ? `<${name}${attrs}>${children}</${name}>` : `<${name}${attrs} />`;
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface PageRequest {
  start: number;
  size: number;
}

export interface PagingOptions {
  defaultPageSize: number;
  maxPageSize: number | undefined;
}

function readInt(req: EmulatorRequest, name: string): number | undefined {
  const fromQuery = req.query.get(name);
  const header = req.headers[name.toLowerCase()];
  const raw = fromQuery ?? (Array.isArray(header) ? header[0] : header);
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** Paging from the query or the headers (the query wins when both are sent). */
export function pageRequest(req: EmulatorRequest, o: PagingOptions): PageRequest {
  const start = readInt(req, 'X-Plex-Container-Start') ?? 0;
  let size = readInt(req, 'X-Plex-Container-Size') ?? o.defaultPageSize;
  if (o.maxPageSize !== undefined) size = Math.min(size, o.maxPageSize);
  return { start, size };
}

/**
 * One page of a list: the slice, the body's offset/size/totalSize and the paging response headers.
 * `limit` caps the collection itself, as PMS's `limit=` does ("the minimum of the limit and the actual total").
 */
export function pageOf<T>(all: readonly T[], page: PageRequest, limit?: number): { items: T[]; attrs: JsonObject; headers: Record<string, string> } {
  const total = limit !== undefined ? Math.min(limit, all.length) : all.length;
  const end = Math.min(total, page.start + page.size);
  const items = page.start < end ? all.slice(page.start, end) : [];
  return {
    items,
    attrs: { size: items.length, totalSize: total, offset: page.start },
    headers: { 'x-plex-container-start': String(page.start), 'x-plex-container-total-size': String(total) },
  };
}
