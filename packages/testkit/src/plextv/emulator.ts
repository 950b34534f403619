import { json, serve, type EmulatorRequest, type EmulatorResponse } from '../common/server.js';
import type { PlexTvEmulator, PlexTvEmulatorOptions, PlexTvUserFixture } from './types.js';
import { document, element } from './xml.js';

export const DEFAULT_PLEX_TV_OWNER_TOKEN = 'plextv-owner-token';
const SERVER_ID = 9001;

/**
 * plex.tv's user routes (api facts §6.1): `GET /api/users/` lists friends and Home members (not the owner),
 * `GET /api/servers/{machineIdentifier}/shared_servers` carries each user's server access token. XML only.
 */
export async function startPlexTvEmulator(options: PlexTvEmulatorOptions): Promise<PlexTvEmulator> {
  const ownerToken = options.ownerToken ?? DEFAULT_PLEX_TV_OWNER_TOKEN;
  const requireClientId = options.requireClientIdentifier ?? true;
  let users: PlexTvUserFixture[] = structuredClone(options.users ?? []);
  const view: View = { ...options, list: () => users };

  const handler = (req: EmulatorRequest): EmulatorResponse => {
    if (requireClientId && !header(req, 'x-plex-client-identifier')) {
      return json(400, { errors: [{ code: 1000, message: 'X-Plex-Client-Identifier is missing.', status: 400 }] });
    }
    if (tokenOf(req) !== ownerToken) {
      return json(401, { errors: [{ code: 1001, message: 'User could not be authenticated', status: 401 }] });
    }
    if (req.method !== 'GET') return notFound();
    const path = req.path.replace(/\/+$/, '');
    if (path === '/api/users') return xml(usersXml(view));
    const shared = /^\/api\/servers\/([^/]+)\/shared_servers$/.exec(path);
    if (shared) return shared[1] === options.machineIdentifier ? xml(sharedServersXml(view)) : notFound();
    return notFound();
  };

  const base = await serve(handler);
  return {
    ...base,
    ownerToken,
    setUsers: (next) => {
      users = structuredClone(next);
    },
  };
}

interface View extends PlexTvEmulatorOptions {
  list(): PlexTvUserFixture[];
}

function usersXml(v: View): string {
  const list = v.list();
  const userElements = list.map((u) =>
    element(
      'User',
      {
        id: u.id,
        title: u.title,
        username: u.username ?? '',
        email: u.email ?? '',
        recommendationsPlaylistId: '',
        thumb: `https://plex.tv/users/${u.id.toString(16)}/avatar`,
        protected: u.protected ?? false,
        home: u.home ?? false,
        allowTuners: 0,
        allowSync: 1,
        allowCameraUpload: 0,
        allowChannels: 0,
        allowSubtitleAdmin: 0,
        filterAll: '',
        filterMovies: '',
        filterMusic: '',
        filterPhotos: '',
        filterTelevision: '',
        restricted: u.restricted ?? false,
      },
      u.serverToken === undefined
        ? []
        : [
            element('Server', {
              id: SERVER_ID + u.id,
              serverId: SERVER_ID,
              machineIdentifier: v.machineIdentifier,
              name: v.serverName ?? 'Emulated Plex',
              lastSeenAt: 1733500000,
              numLibraries: 1,
              allLibraries: 0,
              owned: 0,
              pending: 0,
            }),
          ],
    ),
  );
  return document(
    element(
      'MediaContainer',
      { friendlyName: 'myPlex', identifier: 'com.plexapp.plugins.myplex', machineIdentifier: 'plextv', totalSize: list.length, size: list.length },
      userElements,
    ),
  );
}

function sharedServersXml(v: View): string {
  const shared = v.list().filter((u) => u.serverToken !== undefined);
  const sectionKey = v.musicSectionKey ?? '3';
  const elements = shared.map((u) =>
    element(
      'SharedServer',
      {
        id: SERVER_ID + u.id,
        username: u.username ?? '',
        email: u.email ?? '',
        userID: u.id,
        accessToken: u.serverToken,
        name: v.serverName ?? 'Emulated Plex',
        acceptedAt: 1733400000,
        invitedAt: 1733300000,
        allowSync: 1,
        allowCameraUpload: 0,
        allowChannels: 0,
        allLibraries: 0,
        owned: 0,
      },
      [
        element('Section', { id: 101, key: '1', title: 'Movies', type: 'movie', shared: 0 }),
        element('Section', { id: 103, key: sectionKey, title: 'Music', type: 'artist', shared: u.musicShared ?? true }),
      ],
    ),
  );
  return document(
    element(
      'MediaContainer',
      { friendlyName: 'myPlex', identifier: 'com.plexapp.plugins.myplex', machineIdentifier: v.machineIdentifier, size: shared.length },
      elements,
    ),
  );
}

function header(req: EmulatorRequest, name: string): string | undefined {
  const v = req.headers[name];
  if (typeof v === 'string' && v !== '') return v;
  for (const [k, value] of req.query) if (k.toLowerCase() === name && value !== '') return value;
  return undefined;
}

function tokenOf(req: EmulatorRequest): string | undefined {
  return header(req, 'x-plex-token');
}

function xml(body: string): EmulatorResponse {
  return { status: 200, headers: { 'content-type': 'application/xml; charset=utf-8' }, body };
}

function notFound(): EmulatorResponse {
  return { status: 404, headers: { 'content-type': 'text/html' }, body: '<html><head><title>Not Found</title></head><body><h1>404 Not Found</h1></body></html>' };
}
