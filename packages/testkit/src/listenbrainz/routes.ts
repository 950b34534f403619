import { json, type EmulatorRequest, type EmulatorResponse } from '../common/server.js';
import type { JsonObject } from '../lastfm/format.js';
import { canonicalUuid, isValidUuid } from './ids.js';
import { playlistJspf } from './jspf.js';
import { artistMbidsOf, releaseMbidOf, splitCredit, type ListenBrainzStore } from './store.js';
import type { ListenBrainzRecording, ListenBrainzUserFixture } from './types.js';

export const apiError = (code: number, error: string): EmulatorResponse => json(code, { code, error });

/** Raised inside a route to answer an API error, as ListenBrainz's APIError does. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const DEFAULT_ITEMS_PER_GET = 25;
const MAX_ITEMS_PER_GET = 1000;
const LAST_UPDATED = 1_717_200_000;
const ALLOWED_INCS = ['artist', 'tag', 'release', 'recording', 'release_group'];

function nonNegative(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  // Python's int() accepts surrounding whitespace and a sign, nothing else.
  if (!/^\s*[+-]?\d+\s*$/.test(raw) || Number(raw) < 0) throw new ApiError(400, `'${name}' should be a non-negative integer`);
  return Number(raw);
}

function knownUser(store: ListenBrainzStore, name: string): { name: string; fixture: ListenBrainzUserFixture } {
  const user = store.user(name);
  if (!user) throw new ApiError(404, `Cannot find user: ${name}`);
  return user;
}

export function recommendations(store: ListenBrainzStore, userName: string, query: URLSearchParams): EmulatorResponse {
  const user = knownUser(store, userName);
  const offset = nonNegative(query, 'offset', 0);
  const count = Math.min(nonNegative(query, 'count', DEFAULT_ITEMS_PER_GET), MAX_ITEMS_PER_GET);
  const all = user.fixture.recommendations;
  if (!all || all.length === 0) return { status: 204, body: '' };
  const mbids = all.slice(offset, offset + count).map((r) => ({
    recording_mbid: r.mbid,
    score: r.score,
    latest_listened_at: r.latestListenedAt ?? null,
  }));
  return json(200, {
    payload: {
      model_id: 'listenbrainz-recommendation-recording-emulated',
      model_url: null,
      mbids,
      entity: 'recording',
      user_name: user.name,
      last_updated: LAST_UPDATED,
      count: mbids.length,
      total_mbid_count: all.length,
      offset,
    },
  });
}

export function createdFor(store: ListenBrainzStore, userName: string, query: URLSearchParams): EmulatorResponse {
  const user = knownUser(store, userName);
  const count = nonNegative(query, 'count', DEFAULT_ITEMS_PER_GET);
  const offset = nonNegative(query, 'offset', 0);
  const sorted = [...(user.fixture.playlists ?? [])].sort((a, b) => new Date(b.date).getTime() - new Date(a.date).getTime());
  const playlists = sorted
    .slice(offset, offset + count)
    .map((p) => ({ playlist: playlistJspf(store, p, user.name, { withTracks: false, metadata: false }) }));
  return json(200, { playlists, playlist_count: sorted.length, offset, count });
}

export function playlist(store: ListenBrainzStore, mbid: string, query: URLSearchParams): EmulatorResponse {
  if (!isValidUuid(mbid)) throw new ApiError(400, 'Provided playlist ID is invalid.');
  const found = store.playlist(mbid);
  if (!found) throw new ApiError(404, `Cannot find playlist: ${mbid}`);
  const metadata = (query.get('fetch_metadata') ?? 'true').toLowerCase() !== 'false';
  return json(200, { playlist: playlistJspf(store, found.playlist, found.user, { withTracks: true, metadata }) });
}

function parseIncs(raw: unknown): string[] {
  if (typeof raw !== 'string' || raw.trim() === '') return [];
  const incs = raw.split(/\s+/).filter(Boolean);
  for (const inc of incs) {
    if (!ALLOWED_INCS.includes(inc)) throw new ApiError(400, `invalid inc argument '${inc}'. Must be one of ${ALLOWED_INCS.join(', ')}.`);
  }
  return incs;
}

function creditId(artist: string): number {
  let h = 7;
  for (const ch of artist.toLowerCase()) h = (h * 31 + (ch.codePointAt(0) ?? 0)) % 2_000_000_011;
  return h;
}

function metadataEntry(rec: ListenBrainzRecording, incs: string[]): JsonObject {
  const recording: JsonObject = { name: rec.title, rels: [], isrcs: [] };
  if (rec.lengthMs) recording['length'] = rec.lengthMs;
  const entry: JsonObject = { recording };
  if (incs.includes('artist')) {
    const mbids = artistMbidsOf(rec);
    entry['artist'] = {
      name: rec.artist,
      artist_credit_id: creditId(rec.artist),
      artists: splitCredit(rec.artist).map((a, i) => ({ name: a.name, join_phrase: a.joinPhrase, artist_mbid: mbids[i] ?? mbids[0] ?? '', type: 'Person' })),
    };
  }
  if (incs.includes('tag')) entry['tag'] = { recording: [], artist: [], release_group: [] };
  if (incs.includes('release')) {
    const release = releaseMbidOf(rec);
    entry['release'] = release && rec.album
      ? { name: rec.album, mbid: release, release_group_mbid: release, album_artist_name: rec.artist, caa_id: null, caa_release_mbid: release }
      : {};
  }
  return entry;
}

function metadataFor(store: ListenBrainzStore, mbids: string[], incs: string[]): EmulatorResponse {
  const result: JsonObject = {};
  for (const mbid of mbids) {
    const rec = store.recording(mbid);
    if (rec) result[canonicalUuid(mbid)] = metadataEntry(rec, incs);
  }
  return json(200, result);
}

export function recordingMetadataGet(store: ListenBrainzStore, query: URLSearchParams): EmulatorResponse {
  const incs = parseIncs(query.get('inc'));
  const raw = query.get('recording_mbids');
  if (raw === null) {
    throw new ApiError(400, 'recording_mbids argument must be present and contain a comma separated list of recording_mbids');
  }
  const mbids = raw.split(',').map((mbid) => {
    if (!isValidUuid(mbid)) throw new ApiError(400, `Recording mbid ${mbid} is not valid.`);
    return mbid.trim();
  });
  return metadataFor(store, mbids, incs);
}

export function recordingMetadataPost(store: ListenBrainzStore, req: EmulatorRequest): EmulatorResponse {
  let data: unknown;
  try {
    data = JSON.parse(req.body);
  } catch {
    throw new ApiError(400, 'Invalid JSON document submitted.');
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new ApiError(400, 'Invalid JSON document submitted.');
  const body = data as { recording_mbids?: unknown; inc?: unknown };
  const incs = parseIncs(body.inc);
  if (!Array.isArray(body.recording_mbids)) {
    throw new ApiError(400, 'recording_mbids JSON element must be present and contain a list of recording_mbids');
  }
  const mbids: string[] = [];
  for (const mbid of body.recording_mbids) {
    if (typeof mbid !== 'string' || !isValidUuid(mbid)) throw new ApiError(400, `Recording mbid ${String(mbid)} is not valid.`);
    mbids.push(mbid);
  }
  if (mbids.length === 0) throw new ApiError(400, 'At least one valid recording_mbid must be present.');
  if (mbids.length > MAX_ITEMS_PER_GET) {
    throw new ApiError(400, `Maximum number of recordings_mbids that can be fetchs at once is ${MAX_ITEMS_PER_GET}`);
  }
  return metadataFor(store, mbids, incs);
}
