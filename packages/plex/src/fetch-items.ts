import type { Logger } from '@harmoniq/core';
import { responseError } from './errors.js';
import { header, num, objects, type JsonObject } from './parse.js';
import type { Params, Query } from './query.js';

export interface FetchItemsOptions<T> {
  path: string;
  params?: Params;
  pageSize: number;
  /** Array of MediaContainer holding the items: media items are `Metadata`, sections `Directory`. */
  key?: 'Metadata' | 'Directory';
  /** Maps one item; the page's container is passed for fields Plex hoists onto it. undefined skips the item. */
  map: (item: JsonObject, container: JsonObject) => T | undefined;
  onPage?: (done: number, total: number | undefined) => void;
  /** A 404 answers undefined instead of throwing. */
  allowNotFound?: boolean;
  what?: string;
}

/**
 * Reads a whole listing page by page (python-plexapi's `fetchItems`). It asks for `pageSize` items at a time
 * and then believes the body: a server may send fewer than asked (a cap), more (it ignores paging), restart
 * at 0 (it ignores the start), or change its total as the library changes. Every page must advance, so this
 * ends even against a server that repeats itself.
 */
export async function fetchItems<T>(query: Query, logger: Logger, options: FetchItemsOptions<T>): Promise<T[] | undefined> {
  const key = options.key ?? 'Metadata';
  const pageSize = Math.max(1, Math.floor(options.pageSize));
  const out: T[] = [];
  let start = 0;
  let total: number | undefined;
  let previousFirst: string | undefined;

  for (;;) {
    const paging = { 'X-Plex-Container-Start': String(start), 'X-Plex-Container-Size': String(pageSize) };
    const res = await query.container({
      path: options.path,
      params: { ...options.params, ...paging },
      headers: paging,
      allowNotFound: options.allowNotFound,
      what: options.what,
    });
    if (!res) return undefined;
    const mc = res.container;
    const received = objects(mc[key]);
    const offset = num(mc['offset']) ?? num(header(res.headers, 'x-plex-container-start'));
    const reportedTotal = num(mc['totalSize']) ?? num(header(res.headers, 'x-plex-container-total-size'));
    if (reportedTotal !== undefined) {
      if (total !== undefined && reportedTotal !== total) {
        logger.warn(`${options.path} changed while it was being read (${total} → ${reportedTotal} items); the next run reads it again.`);
      }
      total = reportedTotal;
    }

    let page = received;
    if (offset !== undefined && offset > start) {
      throw responseError('GET', options.path, `a page starting at item ${offset} when ${start} was asked for`, true);
    }
    if (offset !== undefined && offset < start) page = received.slice(start - offset);
    const first = received[0] === undefined ? undefined : JSON.stringify(received[0]);
    if (start > 0 && offset === undefined && first !== undefined && first === previousFirst) page = [];
    if (page.length === 0) {
      if (total !== undefined && start < total) {
        logger.warn(`${options.path}: Plex reported ${total} items but sent ${start}; continuing with those.`);
      }
      break;
    }
    previousFirst = first;

    for (const item of page) {
      const mapped = options.map(item, mc);
      if (mapped !== undefined) out.push(mapped);
    }
    start += page.length;
    options.onPage?.(start, total);

    if (total !== undefined && start >= total) break;
    // No total and a page other than the size asked for: the server is not paging, this was everything.
    if (total === undefined && received.length !== pageSize && (offset === undefined || received.length > pageSize)) break;
  }
  return out;
}

/** The size of a listing without its items: Container-Size 0, then `totalSize` (or the header). */
export async function countItems(query: Query, path: string, params: Params): Promise<number | undefined> {
  const paging = { 'X-Plex-Container-Start': '0', 'X-Plex-Container-Size': '0' };
  const res = await query.container({ path, params: { ...params, ...paging }, headers: paging });
  if (!res) return undefined;
  const mc = res.container;
  const total = num(mc['totalSize']) ?? num(header(res.headers, 'x-plex-container-total-size'));
  if (total !== undefined) return total;
  // A server that ignores paging sent everything: its items are the count.
  const items = objects(mc['Metadata']);
  return items.length > 0 ? items.length : undefined;
}
