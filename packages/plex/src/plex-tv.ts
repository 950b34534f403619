import { HarmoniqError, type Http, type Logger } from '@harmoniq/core';
import type { XMLParser } from 'fast-xml-parser';
import { CLIENT_VERSION } from './query.js';

/** plex.tv, where the owner's account lists the server's other users and their server tokens (api facts §6.1). */
export const DEFAULT_PLEX_TV_URL = 'https://plex.tv';

export interface PlexTvOptions {
  /** Base URL; default https://plex.tv (PLEX_TV_URL points tests at an emulator). */
  url?: string;
  /** The owner's token: sent only as the X-Plex-Token header. */
  token: string;
  http: Http;
  logger: Logger;
  /** X-Plex-Client-Identifier: a stable per-install id (plex.tv may refuse calls without one). */
  clientIdentifier: string;
}

/** A friend or Plex Home member. Managed Home users have an empty username and email. */
export interface PlexTvUser {
  id: string;
  title: string;
  username: string;
  email: string;
  home: boolean;
  restricted: boolean;
  /** A PIN-protected Home member. */
  protected: boolean;
}

/** One user's share of one server: the server access token and whether the music section is in it. */
export interface SharedServer {
  userId: string;
  accessToken: string;
  sections: { key: string; title: string; type: string; shared: boolean }[];
}

export interface PlexTv {
  users(): Promise<PlexTvUser[]>;
  sharedServers(machineIdentifier: string): Promise<SharedServer[]>;
}

// Loaded by the first plex.tv answer: only a household run asks plex.tv, and every other run would pay for the
// parser's ~35 modules at start-up (40–80 ms on 2 cores) for nothing.
let parser: Promise<XMLParser> | undefined;
const xmlParser = (): Promise<XMLParser> =>
  (parser ??= import('fast-xml-parser').then(
    ({ XMLParser }) =>
      new XMLParser({
        ignoreAttributes: false,
        attributeNamePrefix: '',
        parseAttributeValue: false,
        isArray: (name) => ['User', 'Server', 'SharedServer', 'Section'].includes(name),
      }),
  ));

export function createPlexTv(options: PlexTvOptions): PlexTv {
  const base = new URL(options.url ?? DEFAULT_PLEX_TV_URL);
  const host = `${base.protocol}//${base.host}`;

  const get = async (path: string): Promise<Record<string, unknown>> => {
    const url = new URL(path.replace(/^\/+/, ''), base.href.endsWith('/') ? base : new URL(`${base.href}/`));
    let res;
    try {
      res = await options.http.request({
        url: url.toString(),
        headers: {
          Accept: 'application/xml',
          'X-Plex-Token': options.token,
          'X-Plex-Client-Identifier': options.clientIdentifier,
          'X-Plex-Product': 'Harmoniq',
          'X-Plex-Version': CLIENT_VERSION,
        },
      });
    } catch (error) {
      throw plexTvError(`plex.tv at ${host} did not answer GET ${path}.`, 'Check that this machine can reach plex.tv, or PLEX_TV_URL.', true, error);
    }
    options.logger.debug(`plex.tv GET ${path} → ${res.status}`);
    if (res.status === 401) {
      throw plexTvError(
        `plex.tv at ${host} rejected the owner's token (401), so the household users' tokens cannot be read.`,
        "PLEX_TOKEN must be the server owner's token; a managed or shared user's token cannot list users.",
        false,
      );
    }
    if (res.status !== 200) {
      const transient = res.status >= 500 || res.status === 429;
      throw plexTvError(`plex.tv at ${host} answered GET ${path} with HTTP ${res.status}.`, transient ? 'Try again later.' : 'Check PLEX_TV_URL.', transient);
    }
    const container = parseContainer(await xmlParser(), res.body);
    if (!container) throw plexTvError(`plex.tv at ${host} answered GET ${path} with something that is not a MediaContainer XML document.`, 'Check PLEX_TV_URL; a proxy may be answering instead of plex.tv.', true);
    return container;
  };

  return {
    users: async () => list(await get('/api/users/'), 'User').map(toUser),
    sharedServers: async (machineIdentifier) =>
      list(await get(`/api/servers/${encodeURIComponent(machineIdentifier)}/shared_servers`), 'SharedServer').flatMap(toShare),
  };
}

/**
 * The user a configured name means, as python-plexapi's `MyPlexAccount.user` finds one: by title first (managed
 * Home users have nothing else), then username, email or id, all case-insensitive.
 */
export function findUser(users: readonly PlexTvUser[], name: string): PlexTvUser | undefined {
  const wanted = name.trim().toLowerCase();
  return (
    users.find((u) => u.title.toLowerCase() === wanted) ??
    users.find((u) => [u.username, u.email, u.id].some((v) => v !== '' && v.toLowerCase() === wanted))
  );
}

function parseContainer(parser: XMLParser, text: string): Record<string, unknown> | undefined {
  if (!text.trimStart().startsWith('<')) return undefined;
  try {
    const doc: unknown = parser.parse(text);
    const mc = doc && typeof doc === 'object' ? (doc as Record<string, unknown>)['MediaContainer'] : undefined;
    if (mc === '') return {};
    return mc && typeof mc === 'object' ? (mc as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function list(container: Record<string, unknown>, name: string): Record<string, unknown>[] {
  const items = container[name];
  return Array.isArray(items) ? items.filter((i): i is Record<string, unknown> => !!i && typeof i === 'object') : [];
}

function text(item: Record<string, unknown>, key: string): string {
  const v = item[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

function flag(item: Record<string, unknown>, key: string): boolean {
  return text(item, key) === '1' || text(item, key) === 'true';
}

function toUser(item: Record<string, unknown>): PlexTvUser {
  return {
    id: text(item, 'id'),
    title: text(item, 'title'),
    username: text(item, 'username'),
    email: text(item, 'email'),
    home: flag(item, 'home'),
    restricted: flag(item, 'restricted'),
    protected: flag(item, 'protected'),
  };
}

function toShare(item: Record<string, unknown>): SharedServer[] {
  const userId = text(item, 'userID');
  const accessToken = text(item, 'accessToken');
  if (userId === '' || accessToken === '') return [];
  const sections = list(item, 'Section').map((s) => ({ key: text(s, 'key'), title: text(s, 'title'), type: text(s, 'type'), shared: flag(s, 'shared') }));
  return [{ userId, accessToken, sections }];
}

function plexTvError(message: string, hint: string, retryable: boolean, cause?: unknown): HarmoniqError {
  return new HarmoniqError({ code: 'EPLEXTV', message, hint, retryable, cause });
}
