import type { Logger } from '@harmoniq/core';
import { incompleteError, listingLimitError, responseError } from './errors.js';
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
  /** Items this listing may hold at most (PLEX_MAX_ITEMS); it also bounds the pages, see pageBound. */
  maxItems?: number;
  /**
   * The listing must be complete: fewer distinct items (by this key) than Plex's own count is an error
   * (EPLEXINCOMPLETE), not a warning. Items without a key count as missing.
   */
  complete?: {
    key: (item: JsonObject) => string | undefined;
    /**
     * Map only the first item of each key (a listing that shifts while paged can repeat one). The set that counts
     * distinct keys serves for this too: a second set of a million keys would cost ~35 MB.
     */
    firstOnly?: boolean;
  };
}

/** Default for maxItems: five times a million-track library. */
export const DEFAULT_MAX_ITEMS = 5_000_000;

/**
 * Pages a listing may take: its count (bounded by maxItems) over the first page's length, plus two. A server
 * that caps pages is fine (the first page tells its cap); one that trickles a page at a time still ends.
 */
function pageBound(count: number, firstPage: number): number {
  return Math.ceil(count / Math.max(1, firstPage)) + 2;
}

/** How far a count may grow while it is read (a scan adding tracks): to double, or by 1,000, whichever is more. */
function growthBound(firstCount: number): number {
  return firstCount + Math.max(1000, firstCount);
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
  const maxItems = options.maxItems ?? DEFAULT_MAX_ITEMS;
  let pages = 0;
  let firstPage = 0;
  let firstTotal: number | undefined;
  const distinct = new Set<string>();

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
      firstTotal ??= total;
      if (total > maxItems) throw listingLimitError(options.path, `reports ${total} items, more than the bound of ${maxItems} (PLEX_MAX_ITEMS)`);
      if (total > growthBound(firstTotal)) throw listingLimitError(options.path, `grew from ${firstTotal} to ${total} items while it was being read`);
    }
    pages += 1;
    if (pages === 1) firstPage = received.length;
    if (pages > pageBound(firstTotal === undefined ? maxItems : growthBound(firstTotal), firstPage)) throw listingLimitError(options.path, `took more than ${pages - 1} pages for ${total ?? 'an unknown number of'} items`);

    let page = received;
    if (offset !== undefined && offset > start) {
      throw responseError('GET', options.path, `a page starting at item ${offset} when ${start} was asked for`, true);
    }
    if (offset !== undefined && offset < start) page = received.slice(start - offset);
    const first = received[0] === undefined ? undefined : JSON.stringify(received[0]);
    if (start > 0 && offset === undefined && first !== undefined && first === previousFirst) page = [];
    if (page.length === 0) {
      // A complete listing judges its shortfall below, as an error.
      if (total !== undefined && start < total && !options.complete) {
        logger.warn(`${options.path}: Plex reported ${total} items but sent ${start}; continuing with those.`);
      }
      break;
    }
    previousFirst = first;

    for (const item of page) {
      const itemKey = options.complete?.key(item);
      if (itemKey !== undefined) {
        if (options.complete?.firstOnly && distinct.has(itemKey)) continue;
        distinct.add(itemKey);
      }
      const mapped = options.map(item, mc);
      if (mapped !== undefined) out.push(mapped);
    }
    start += page.length;
    if (start > maxItems) throw listingLimitError(options.path, `sent more than ${maxItems} items (PLEX_MAX_ITEMS)`);
    options.onPage?.(start, total);

    if (total !== undefined && start >= total) break;
    // No total and a page other than the size asked for: the server is not paging, this was everything.
    if (total === undefined && received.length !== pageSize && (offset === undefined || received.length > pageSize)) break;
  }
  if (options.complete && total !== undefined && distinct.size < total) {
    const repeated = start - distinct.size;
    throw incompleteError(options.what ?? options.path, `Plex counts ${total} items but sent ${distinct.size} distinct ones${repeated > 0 ? ` (${repeated} repeated or unidentified)` : ''}`);
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
