/**
 * Parsers from ListenBrainz JSON (unknown) to the few fields this source uses. They are lenient about extra or
 * missing optional fields and return undefined when the shape is not what the API documents.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RECORDING_PREFIX = /^https?:\/\/musicbrainz\.org\/recording\//i;
const ARTIST_PREFIX = /^https?:\/\/musicbrainz\.org\/artist\//i;
const PLAYLIST_EXT = 'https://musicbrainz.org/doc/jspf#playlist';
const TRACK_EXT = 'https://musicbrainz.org/doc/jspf#track';

export function isMbid(value: string): boolean {
  return UUID.test(value);
}

export interface TokenStatus {
  valid: boolean;
  userName?: string;
}

export interface Recommendation {
  mbid: string;
  score: number;
  /** ISO date of the user's latest listen; null when never listened ("discovery"). */
  latestListenedAt: string | null;
}

export interface RecommendationPage {
  items: Recommendation[];
  modelId?: string;
  /** Epoch seconds. */
  lastUpdated?: number;
  totalCount?: number;
}

export interface PlaylistSummary {
  mbid: string;
  title: string;
  date: string;
  sourcePatch?: string;
}

export interface PlaylistPage {
  playlists: PlaylistSummary[];
  /** Total playlists for the user, when sent. */
  total?: number;
}

export interface PlaylistTrack {
  /** Recording MBID; undefined when no identifier names a recording. */
  mbid?: string;
  title?: string;
  artist?: string;
  album?: string;
  durationMs?: number;
  artistMbids: string[];
}

export interface PlaylistDetail {
  title: string;
  annotation?: string;
  tracks: PlaylistTrack[];
}

export interface RecordingMetadata {
  title: string;
  artist: string;
  lengthMs?: number;
  artistMbids: string[];
}

export function parseTokenStatus(body: unknown): TokenStatus | undefined {
  if (!isRecord(body) || typeof body.valid !== 'boolean') return undefined;
  return { valid: body.valid, ...(typeof body.user_name === 'string' ? { userName: body.user_name } : {}) };
}

export function parseRecommendations(body: unknown): RecommendationPage | undefined {
  const payload = isRecord(body) ? body.payload : undefined;
  if (!isRecord(payload) || !Array.isArray(payload.mbids)) return undefined;
  const items: Recommendation[] = [];
  for (const item of payload.mbids) {
    if (!isRecord(item) || typeof item.recording_mbid !== 'string') continue;
    const score = typeof item.score === 'number' ? item.score : Number(item.score);
    items.push({
      mbid: item.recording_mbid.toLowerCase(),
      score: Number.isFinite(score) ? score : 0,
      latestListenedAt: typeof item.latest_listened_at === 'string' ? item.latest_listened_at : null,
    });
  }
  return {
    items,
    ...(typeof payload.model_id === 'string' ? { modelId: payload.model_id } : {}),
    ...(typeof payload.last_updated === 'number' ? { lastUpdated: payload.last_updated } : {}),
    ...(typeof payload.total_mbid_count === 'number' ? { totalCount: payload.total_mbid_count } : {}),
  };
}

export function parsePlaylistPage(body: unknown): PlaylistPage | undefined {
  if (!isRecord(body) || !Array.isArray(body.playlists)) return undefined;
  const playlists: PlaylistSummary[] = [];
  for (const entry of body.playlists) {
    const jspf = isRecord(entry) ? entry.playlist : undefined;
    if (!isRecord(jspf) || typeof jspf.identifier !== 'string') continue;
    const mbid = lastSegment(jspf.identifier);
    if (!mbid || !isMbid(mbid)) continue;
    const sourcePatch = sourcePatchOf(jspf);
    playlists.push({
      mbid: mbid.toLowerCase(),
      title: typeof jspf.title === 'string' ? jspf.title : '',
      date: typeof jspf.date === 'string' ? jspf.date : '',
      ...(sourcePatch !== undefined ? { sourcePatch } : {}),
    });
  }
  return { playlists, ...(typeof body.playlist_count === 'number' ? { total: body.playlist_count } : {}) };
}

export function parsePlaylist(body: unknown): PlaylistDetail | undefined {
  const jspf = isRecord(body) ? body.playlist : undefined;
  if (!isRecord(jspf) || !Array.isArray(jspf.track)) return undefined;
  const tracks = jspf.track.filter(isRecord).map((t): PlaylistTrack => {
    const ext = isRecord(t.extension) ? t.extension[TRACK_EXT] : undefined;
    const artistIds = isRecord(ext) && Array.isArray(ext.artist_identifiers) ? ext.artist_identifiers : [];
    return {
      ...optional('mbid', recordingMbidOf(t.identifier)),
      ...optional('title', nonEmpty(t.title)),
      ...optional('artist', nonEmpty(t.creator)),
      ...optional('album', nonEmpty(t.album)),
      ...optional('durationMs', typeof t.duration === 'number' && t.duration > 0 ? t.duration : undefined),
      artistMbids: mbidsAfter(artistIds, ARTIST_PREFIX),
    };
  });
  return {
    title: typeof jspf.title === 'string' ? jspf.title : '',
    ...optional('annotation', nonEmpty(jspf.annotation)),
    tracks,
  };
}

/** The metadata endpoint answers an object keyed by recording MBID; unknown MBIDs are simply absent. */
export function parseRecordingMetadata(body: unknown): Map<string, RecordingMetadata> | undefined {
  if (!isRecord(body)) return undefined;
  const out = new Map<string, RecordingMetadata>();
  for (const [mbid, value] of Object.entries(body)) {
    if (!isRecord(value)) continue;
    const recording = isRecord(value.recording) ? value.recording : undefined;
    const artist = isRecord(value.artist) ? value.artist : undefined;
    const title = nonEmpty(recording?.name);
    const artistName = nonEmpty(artist?.name);
    if (title === undefined || artistName === undefined) continue;
    const artists = Array.isArray(artist?.artists) ? artist.artists : [];
    const artistMbids = artists.flatMap((a) => (isRecord(a) && typeof a.artist_mbid === 'string' && isMbid(a.artist_mbid) ? [a.artist_mbid.toLowerCase()] : []));
    const length = recording?.length;
    out.set(mbid.toLowerCase(), {
      title,
      artist: artistName,
      ...optional('lengthMs', typeof length === 'number' && length > 0 ? length : undefined),
      artistMbids,
    });
  }
  return out;
}

/** A JSON error body's `error` text (`{"code":404,"error":"Cannot find user: bob"}`), if any. */
export function errorText(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (isRecord(parsed) && typeof parsed.error === 'string') return parsed.error.slice(0, 200);
  } catch {
    // Not JSON (a 429's plain text, a proxy's HTML page): callers describe the status instead.
  }
  return undefined;
}

/** `identifier` is an array of URIs since 2024-05; older data has a single string. */
function recordingMbidOf(identifier: unknown): string | undefined {
  const list = typeof identifier === 'string' ? [identifier] : Array.isArray(identifier) ? identifier : [];
  return mbidsAfter(list, RECORDING_PREFIX)[0];
}

function mbidsAfter(values: unknown[], prefix: RegExp): string[] {
  const out: string[] = [];
  for (const v of values) {
    if (typeof v !== 'string' || !prefix.test(v)) continue;
    const mbid = lastSegment(v);
    if (mbid && isMbid(mbid)) out.push(mbid.toLowerCase());
  }
  return out;
}

function sourcePatchOf(jspf: Record<string, unknown>): string | undefined {
  const ext = isRecord(jspf.extension) ? jspf.extension[PLAYLIST_EXT] : undefined;
  const meta = isRecord(ext) ? ext.additional_metadata : undefined;
  const algo = isRecord(meta) ? meta.algorithm_metadata : undefined;
  return isRecord(algo) && typeof algo.source_patch === 'string' ? algo.source_patch : undefined;
}

function lastSegment(uri: string): string | undefined {
  return uri.replace(/[?#].*$/, '').replace(/\/+$/, '').split('/').pop();
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
