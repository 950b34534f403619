/**
 * One copy of each name and genre list while tracks are read. A library repeats its artist, album and genre names
 * across thousands of tracks; a listing page's JSON gives every track its own copy, and a 300k-track listing held
 * them all until the index was written (about twice the heap of the same tracks sharing their names). The listing
 * interns as it maps, so its tracks are as small as tracks decoded from the cache (index-codec.ts), and each
 * page's strings die young with the page.
 *
 * Shared lists are frozen, as decoded ones are: a consumer that sorted one in place would change every track's.
 */
export interface TrackInterner {
  /** The first instance of a string equal to `s`. */
  name(s: string): string;
  /** A frozen list equal to `items` (names interned), shared by every equal list; undefined for an empty one. */
  list(items: readonly string[] | undefined): string[] | undefined;
}

export function createTrackInterner(): TrackInterner {
  const names = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const name = (s: string): string => {
    const known = names.get(s);
    if (known !== undefined) return known;
    names.set(s, s);
    return s;
  };
  return {
    name,
    list(items) {
      if (!items || items.length === 0) return undefined;
      // JSON keeps the boundaries: ['a,b'] and ['a', 'b'] are different lists whatever the tags hold.
      const key = JSON.stringify(items);
      let shared = lists.get(key);
      if (shared === undefined) {
        shared = Object.freeze(items.map(name)) as string[];
        lists.set(key, shared);
      }
      return shared;
    },
  };
}
