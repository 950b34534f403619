import { type LastfmCatalogue, userTopList } from './catalogue.js';
import {
  lovedTrack,
  paginate,
  recentTrack,
  similarArtist,
  similarTrack,
  topArtist,
  topTrack,
  type JsonObject,
} from './format.js';
import type { LastfmPeriod, LastfmTrackFixture } from './types.js';

export type MethodResult = { body: JsonObject } | { error: number; message: string; status: number; links: boolean };

type Method = (params: URLSearchParams, catalogue: LastfmCatalogue) => MethodResult;

const PERIODS: readonly LastfmPeriod[] = ['overall', '7day', '1month', '3month', '6month', '12month'];
/** Loved and recent tracks get dates counting back from here, so fixtures stay deterministic. */
const NEWEST_UTS = 1_717_200_000;

const fail = (error: number, message: string, status = 200, links = false): MethodResult => ({ error, message, status, links });
const userNotFound = (): MethodResult => fail(6, 'User not found', 404);
const artistNotFound = (): MethodResult => fail(6, 'The artist you supplied could not be found', 200, true);
const loginRequired = (): MethodResult => fail(17, 'Login: User required to be logged in', 403);

interface Paging {
  page: number;
  limit: number;
}

function paging(params: URLSearchParams, defaultLimit: number): Paging | MethodResult {
  const rawLimit = params.get('limit');
  const limit = rawLimit === null || rawLimit === '' ? defaultLimit : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return fail(6, 'limit param out of bounds (1-1000)', 400);
  const rawPage = Number(params.get('page') ?? '1');
  const page = Number.isInteger(rawPage) && rawPage >= 1 ? rawPage : 1;
  return { page, limit };
}

function isPaging(p: Paging | MethodResult): p is Paging {
  return 'limit' in p;
}

function period(params: URLSearchParams): LastfmPeriod {
  const raw = params.get('period');
  return PERIODS.find((p) => p === raw) ?? 'overall';
}

function rankedTracks(list: LastfmTrackFixture[], p: Paging, fields: Parameters<typeof topTrack>[2]): { track: JsonObject[]; attr: JsonObject } {
  const page = paginate(list, p.page, p.limit);
  const offset = (p.page - 1) * p.limit;
  return { track: page.items.map((t, i) => topTrack(t, offset + i + 1, fields)), attr: page.attr };
}

const chartTopTracks: Method = (params, c) => {
  const p = paging(params, 50);
  if (!isPaging(p)) return p;
  const page = paginate(c.data.chart ?? [], p.page, p.limit);
  return { body: { tracks: { track: page.items.map((t) => topTrack(t, undefined, { listeners: true })), '@attr': page.attr } } };
};

const geoTopTracks: Method = (params, c) => {
  const p = paging(params, 50);
  if (!isPaging(p)) return p;
  const country = c.country(params.get('country') ?? '');
  if (!country) return fail(6, 'country param invalid');
  const { track, attr } = rankedTracks(country.value, p, { listeners: true, playcount: false });
  return { body: { tracks: { track, '@attr': { country: country.name, ...attr } } } };
};

const tagTopTracks: Method = (params, c) => {
  const p = paging(params, 50);
  if (!isPaging(p)) return p;
  const tag = params.get('tag');
  if (!tag) return fail(6, 'Invalid parameters - Your request is missing a required parameter', 400);
  const { track, attr } = rankedTracks(c.tag(tag), p, { playcount: false });
  return { body: { tracks: { track, '@attr': { tag, ...attr } } } };
};

const userTopTracks: Method = (params, c) => {
  const p = paging(params, 50);
  if (!isPaging(p)) return p;
  const user = c.user(params.get('user') ?? '');
  if (!user) return userNotFound();
  const { track, attr } = rankedTracks(userTopList(user.value.topTracks, period(params)), p, {});
  return { body: { toptracks: { track, '@attr': { user: user.name, ...attr } } } };
};

const userTopArtists: Method = (params, c) => {
  const p = paging(params, 50);
  if (!isPaging(p)) return p;
  const user = c.user(params.get('user') ?? '');
  if (!user) return userNotFound();
  const page = paginate(userTopList(user.value.topArtists, period(params)), p.page, p.limit);
  const offset = (p.page - 1) * p.limit;
  return { body: { topartists: { artist: page.items.map((a, i) => topArtist(a, offset + i + 1)), '@attr': { user: user.name, ...page.attr } } } };
};

const userLovedTracks: Method = (params, c) => {
  const p = paging(params, 50);
  if (!isPaging(p)) return p;
  const user = c.user(params.get('user') ?? '');
  if (!user) return userNotFound();
  if (user.value.private) return loginRequired();
  const all = user.value.loved ?? [];
  const page = paginate(all, p.page, p.limit);
  const offset = (p.page - 1) * p.limit;
  const track = page.items.map((t, i) => lovedTrack(t, NEWEST_UTS - (offset + i) * 86_400));
  return { body: { lovedtracks: { track, '@attr': { user: user.name, ...page.attr } } } };
};

const userRecentTracks: Method = (params, c) => {
  const p = paging(params, 50);
  if (!isPaging(p)) return p;
  const user = c.user(params.get('user') ?? '');
  if (!user) return userNotFound();
  if (user.value.private) return loginRequired();
  const page = paginate(user.value.recent ?? [], p.page, p.limit);
  const offset = (p.page - 1) * p.limit;
  const track = page.items.map((t, i) => recentTrack(t, NEWEST_UTS - (offset + i) * 240));
  return { body: { recenttracks: { track, '@attr': { user: user.name, ...page.attr } } } };
};

const userInfo: Method = (params, c) => {
  const user = c.user(params.get('user') ?? '');
  if (!user) return userNotFound();
  const u = user.value;
  const artistCount = userTopList(u.topArtists, 'overall').length;
  const trackCount = userTopList(u.topTracks, 'overall').length;
  const playcount = userTopList(u.topTracks, 'overall').reduce((sum, t) => sum + (t.playcount ?? 0), 0);
  return {
    body: {
      user: {
        name: user.name, realname: '', age: '0', subscriber: '0', gender: 'n', bootstrap: '0', type: 'user',
        playcount: String(playcount), artist_count: String(artistCount), track_count: String(trackCount),
        album_count: '0', playlists: '0', country: 'None', url: `https://www.last.fm/user/${encodeURIComponent(user.name)}`,
        image: [], registered: { unixtime: '1262304000', '#text': 1262304000 },
      },
    },
  };
};

const artistSimilar: Method = (params, c) => {
  const p = paging(params, 30);
  if (!isPaging(p)) return p;
  const name = c.artist(params.get('artist') ?? undefined, params.get('mbid') ?? undefined);
  if (!name) return artistNotFound();
  const artist = c.similarArtists(name).slice(0, p.limit).map(similarArtist);
  return { body: { similarartists: { artist, '@attr': { artist: name } } } };
};

const artistTopTracks: Method = (params, c) => {
  const p = paging(params, 50);
  if (!isPaging(p)) return p;
  const name = c.artist(params.get('artist') ?? undefined, params.get('mbid') ?? undefined);
  if (!name) return artistNotFound();
  const { track, attr } = rankedTracks(c.artistTopTracks(name), p, { listeners: true, streamableObject: false });
  return { body: { toptracks: { track, '@attr': { artist: name, ...attr } } } };
};

const trackSimilar: Method = (params, c) => {
  const p = paging(params, 100);
  if (!isPaging(p)) return p;
  const mbid = params.get('mbid');
  const byMbid = mbid ? c.trackForMbid(mbid) : undefined;
  const artist = byMbid?.artist ?? params.get('artist');
  const title = byMbid?.title ?? params.get('track');
  if (!artist || !title) {
    if (mbid) return fail(6, 'Track not found');
    return fail(6, 'Invalid parameters - Your request is missing a required parameter', 400);
  }
  const entry = c.similarTracks(artist, title);
  const track = (entry?.similar ?? []).slice(0, p.limit).map(similarTrack);
  return { body: { similartracks: { track, '@attr': { artist: entry?.artist ?? artist } } } };
};

/** Method names are case-insensitive on Last.fm (clients send both `user.getTopTracks` and `user.gettoptracks`). */
export const METHODS: ReadonlyMap<string, Method> = new Map<string, Method>([
  ['chart.gettoptracks', chartTopTracks],
  ['geo.gettoptracks', geoTopTracks],
  ['tag.gettoptracks', tagTopTracks],
  ['user.gettoptracks', userTopTracks],
  ['user.gettopartists', userTopArtists],
  ['user.getlovedtracks', userLovedTracks],
  ['user.getrecenttracks', userRecentTracks],
  ['user.getinfo', userInfo],
  ['artist.getsimilar', artistSimilar],
  ['artist.gettoptracks', artistTopTracks],
  ['track.getsimilar', trackSimilar],
]);
