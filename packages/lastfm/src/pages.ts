import type { LastfmPage, ListOptions } from './types.js';

const DEFAULT_LIMIT = 50;
const MAX_PAGE_SIZE = 1000;
const DEFAULT_MAX_PAGE_SIZE = 200;
/** A guard against a server whose `@attr` never says the list ended. */
const MAX_PAGES = 50;

/**
 * Fetches pages 1, 2, … until `limit` items are collected or `@attr` says there are no more pages.
 * Without `@attr`, a short page means the end.
 */
export async function collectPages<T>(
  fetchPage: (page: number, pageSize: number) => Promise<LastfmPage<T>>,
  options: ListOptions = {},
): Promise<T[]> {
  const want = Math.max(1, Math.floor(options.limit ?? DEFAULT_LIMIT));
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(options.pageSize ?? Math.min(want, DEFAULT_MAX_PAGE_SIZE))));
  const items: T[] = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const result = await fetchPage(page, pageSize);
    items.push(...result.items);
    if (items.length >= want || result.items.length === 0) break;
    const last = result.totalPages !== undefined ? page >= result.totalPages : result.items.length < pageSize;
    if (last) break;
  }
  // Last.fm sometimes returns more than asked (recent tracks add the one playing now).
  return items.slice(0, want);
}
