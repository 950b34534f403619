import { serve, type EmulatorRequest, type EmulatorResponse } from '../common/server.js';
import type { PlexContext } from './context.js';
import { LibraryStore } from './library-store.js';
import { PlaylistStore } from './playlist-store.js';
import { type Container, htmlError, noContent, render, wantsJson } from './responses.js';
import { children, identity, metadata, sectionAll, sectionGenres, sections, serverRoot } from './routes-library.js';
import * as pl from './routes-playlists.js';
import * as posters from './routes-posters.js';
import { computePath, nearest } from './sonic-routes.js';
import { SonicVectors } from './sonic-vectors.js';
import type { PlexEmulator, PlexEmulatorOptions, PlexFixtureTrack } from './types.js';

export const DEFAULT_TOKEN = 'plex-test-token';
export const DEFAULT_MACHINE_IDENTIFIER = 'c997cf82c4158cb986ccc0e8f829a6f5d5086a63';
const MUSIC_SECTION_ID = '3';

type Result = Container | EmulatorResponse | undefined;

function tokenOf(req: EmulatorRequest): string | undefined {
  const header = req.headers['x-plex-token'];
  if (typeof header === 'string' && header !== '') return header;
  for (const [k, v] of req.query) if (k.toLowerCase() === 'x-plex-token' && v !== '') return v;
  return undefined;
}

/** Dispatches on method and path segments; undefined means 404. */
function route(ctx: PlexContext, req: EmulatorRequest): Result {
  ctx.library.settle();
  const s = req.path.split('/').filter((x) => x !== '').map(safeDecode);
  if (s.includes('\u0000')) return htmlError(400);
  const m = req.method.toUpperCase();
  const path = s.join('/');
  if (m === 'GET' && path === '') return serverRoot(ctx);
  if (m === 'GET' && path === 'identity') return identity(ctx);
  if (s[0] === 'library') return libraryRoute(ctx, req, m, s);
  if (s[0] !== 'playlists') return undefined;
  const [, id, sub, itemId, action] = s;
  if (id === undefined || id === 'all') {
    if (m === 'GET') return pl.listPlaylists(ctx, req);
    if (m === 'POST' && id === undefined) return pl.createPlaylist(ctx, req);
    return undefined;
  }
  if (sub === undefined) {
    if (m === 'GET') return pl.getPlaylist(ctx, id);
    if (m === 'PUT') return pl.editPlaylist(ctx, req, id);
    if (m === 'DELETE') return pl.deletePlaylist(ctx, id);
    return undefined;
  }
  if (sub !== 'items') return undefined;
  if (itemId === undefined) {
    if (m === 'GET') return pl.playlistItems(ctx, req, id);
    if (m === 'PUT') return pl.addItems(ctx, req, id);
    if (m === 'DELETE') return pl.clearItems(ctx, id);
    return undefined;
  }
  if (action === undefined && m === 'DELETE') return pl.removeItem(ctx, id, itemId);
  if (action === 'move' && m === 'PUT') return pl.moveItem(ctx, req, id, itemId);
  return undefined;
}

function libraryRoute(ctx: PlexContext, req: EmulatorRequest, m: string, s: string[]): Result {
  const [, kind, id, sub, extra] = s;
  if (kind === 'sections' && m === 'GET') {
    if (id === undefined || (id === 'all' && sub === undefined)) return sections(ctx);
    if (sub === 'all' && extra === undefined) return sectionAll(ctx, req, id);
    if (sub === 'genre' && extra === undefined) return sectionGenres(ctx, req, id);
    if (sub === 'computePath' && extra === undefined) return computePath(ctx, req, id);
    return undefined;
  }
  if (kind !== 'metadata' || id === undefined) return undefined;
  if (sub === 'thumb' && extra !== undefined && m === 'GET') return posters.posterImage(ctx, id);
  if (extra !== undefined) return undefined;
  if (m === 'GET' && sub === undefined) return metadata(ctx, req, id.split(','));
  if (m === 'GET' && sub === 'children') return children(ctx, req, id);
  if (m === 'GET' && sub === 'nearest') return nearest(ctx, req, id);
  const exists = ctx.library.byKey.has(id) || ctx.library.containers.has(id) || ctx.playlists.byKey.has(id);
  if (m === 'PUT' && sub === undefined) {
    // Playlists can also be edited through their metadata item; other edits are accepted and ignored.
    if (ctx.playlists.byKey.has(id)) return pl.editPlaylist(ctx, req, id);
    return exists ? noContent() : htmlError(404);
  }
  if ((m === 'POST' || m === 'PUT') && sub === 'posters') return posters.uploadPoster(ctx, req, id);
  if (m === 'GET' && sub === 'posters') return posters.listPosters(ctx, id);
  if (m === 'PUT' && sub === 'poster') return posters.selectPoster(ctx, req, id);
  if (m === 'DELETE' && sub === 'thumb') return posters.deletePoster(ctx, id);
  return undefined;
}

/** Starts a Plex Media Server emulator on 127.0.0.1 (see the testkit README for what it implements). */
export async function startPlexEmulator(options: PlexEmulatorOptions = {}): Promise<PlexEmulator> {
  const token = options.token ?? DEFAULT_TOKEN;
  const library = new LibraryStore(options.tracks ?? [], options.trackGenres ?? true, options.sonicAnalysis ?? true, options.stampsUpdatedOnAdd ?? true);
  const playlists = new PlaylistStore(library);
  // "Playlists are owned by the account associated with the request" (api facts §6.1): each account sees
  // and edits only its own store; ratingKeys stay unique because every store allocates from the library.
  const accounts = new Map<string, Account>([[token, { name: OWNER, playlists, musicAccess: true }]]);
  for (const a of options.accounts ?? []) {
    accounts.set(a.token, { name: a.name, playlists: new PlaylistStore(library), musicAccess: a.musicAccess ?? true });
  }
  const accountNamed = (name: string | undefined): Account => {
    if (name === undefined || name === OWNER) return accounts.get(token) as Account;
    const found = [...accounts.values()].find((a) => a.name === name);
    if (!found) throw new Error(`no account named ${name}`);
    return found;
  };
  const ctx: PlexContext = {
    library,
    playlists,
    machineIdentifier: options.machineIdentifier ?? DEFAULT_MACHINE_IDENTIFIER,
    sectionId: MUSIC_SECTION_ID,
    sectionTitle: options.sectionTitle ?? 'Music',
    paging: { defaultPageSize: options.defaultPageSize ?? 50, maxPageSize: options.maxPageSize },
    dedupeOnAppend: options.dedupeOnAppend ?? false,
    genreIncludesAlbum: options.genreFilterIncludesAlbum ?? true,
    queryCache: new Map(),
    sonic: new SonicVectors(),
  };

  const handler = (req: EmulatorRequest): EmulatorResponse => {
    const isRoot = req.path === '/' || req.path === '';
    const account = accounts.get(tokenOf(req) ?? '');
    // /identity answers without a token on real servers (clients use it to probe reachability).
    if (req.path !== '/identity' && account === undefined) {
      return htmlError(401, isRoot ? "<script>window.location = window.location.href.match(/(^.+\\/)[^\\/]*$/)[1] + 'web/index.html';</script>" : '');
    }
    const scoped = account === undefined || account.playlists === playlists ? ctx : { ...ctx, playlists: account.playlists };
    if (account && !account.musicAccess && blockedWithoutMusic(req.path, ctx.sectionId)) return htmlError(403);
    const result = withoutMusicSection(route(scoped, req), account, req.path);
    if (result === undefined) return htmlError(404);
    return 'status' in result ? result : render(result, wantsJson(req));
  };

  const base = await serve(handler, {
    maxUrlLength: options.maxUrlLength ?? 8192,
    urlTooLong: () => htmlError414(),
  });

  const knownTrack = (k: string): void => {
    if (!library.byKey.has(k)) throw new Error(`no track with ratingKey ${k}`);
  };
  const fixtureOf = (k: string): PlexFixtureTrack => {
    const rec = library.byKey.get(k);
    if (!rec) throw new Error(`no track with ratingKey ${k}`);
    return rec.fixture;
  };
  return {
    ...base,
    token,
    machineIdentifier: ctx.machineIdentifier,
    sectionId: ctx.sectionId,
    playlists: (accountName) => {
      const store = accountNamed(accountName).playlists;
      return [...store.byKey.values()].map((p) => store.snapshot(p));
    },
    playlist: (keyOrTitle, accountName) => {
      const store = accountNamed(accountName).playlists;
      const p = store.find(keyOrTitle);
      return p ? store.snapshot(p) : undefined;
    },
    createPlaylist: (title, keys, opts = {}) => {
      keys.forEach(knownTrack);
      return accountNamed(opts.account).playlists.create(title, keys, opts).key;
    },
    deletePlaylist: (key, accountName) => {
      if (!accountNamed(accountName).playlists.delete(key)) throw new Error(`no playlist with ratingKey ${key}`);
    },
    setPosterAsUser: (key, image = TINY_PNG, accountName) => {
      const store = accountNamed(accountName).playlists;
      const p = store.byKey.get(key);
      if (!p) throw new Error(`no playlist with ratingKey ${key}`);
      store.addPoster(p, { bytes: Buffer.from(image), setBy: 'user' });
    },
    setAccountToken: (name, nextToken) => {
      const [oldToken, a] = [...accounts.entries()].find(([, x]) => x.name === name) ?? [];
      if (!a || oldToken === undefined || name === OWNER) throw new Error(`no user account named ${name}`);
      accounts.delete(oldToken);
      if (nextToken !== undefined) accounts.set(nextToken, a);
    },
    tracks: () => library.tracks.map((t) => structuredClone({ ...t.fixture, ratingKey: t.key })),
    findTrack: (artist, title) =>
      library.tracks.find((t) => t.fixture.title === title && (t.fixture.artist === artist || t.fixture.trackArtist === artist))?.key,
    addTracks: (tracks: PlexFixtureTrack[]) => library.add(tracks),
    updateTrack: (key, patch) => library.update(key, patch),
    sonicDistance: (a, b) => ctx.sonic.distance(fixtureOf(a), fixtureOf(b)),
    removeTrack: (key) => {
      library.remove(key);
      for (const a of accounts.values()) a.playlists.dropTrack(key);
    },
  };
}

const OWNER = 'owner';

/** A 1x1 PNG: the poster a user "uploads" when a test names none. */
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

interface Account {
  name: string;
  playlists: PlaylistStore;
  musicAccess: boolean;
}

/** A user whose share leaves out the music section does not see it (listed) or reach it (403). */
function blockedWithoutMusic(path: string, sectionId: string): boolean {
  return path.startsWith(`/library/sections/${sectionId}/`) || path === `/library/sections/${sectionId}`;
}

function withoutMusicSection(result: Result, account: Account | undefined, path: string): Result {
  if (!result || !account || account.musicAccess || 'status' in result) return result;
  if (path.replace(/\/+$/, '') !== '/library/sections' || !result.items) return result;
  const items = result.items.filter((i) => !String(i).includes('"type":"artist"'));
  return { ...result, attrs: { ...result.attrs, size: items.length }, items };
}

/** A malformed escape becomes a NUL segment, answered 400 like any bad request. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '\u0000';
  }
}

function htmlError414(): EmulatorResponse {
  return {
    status: 414,
    headers: { 'content-type': 'text/html', 'x-plex-protocol': '1.0' },
    body: '<html><head><title>Request-URI Too Long</title></head><body><h1>414 Request-URI Too Long</h1></body></html>',
  };
}
