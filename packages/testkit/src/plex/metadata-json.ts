import type { AlbumRecord, ArtistRecord, GenreTag, TrackRecord } from './library-store.js';

export type JsonObject = Record<string, unknown>;

/** A guid-like hex id derived from a number, stable across runs. */
function hex24(kind: number, n: number): string {
  return (kind.toString(16).padStart(4, '0') + n.toString(16).padStart(20, '0')).slice(-24);
}

/** PMS sorts titles without a leading article. */
export function sortTitle(title: string): string {
  return title.replace(/^(the|a|an)\s+/i, '');
}

function genreJson(tags: GenreTag[]): JsonObject[] {
  return tags.map((g) => ({ id: g.id, filter: `genre=${g.id}`, tag: g.tag }));
}

function omitEmpty(o: JsonObject): JsonObject {
  for (const [k, v] of Object.entries(o)) if (v === undefined || (Array.isArray(v) && v.length === 0)) delete o[k];
  return o;
}

/** Plays and ratings are omitted when absent or 0, as PMS does. */
function positive(n: number | undefined): number | undefined {
  return n !== undefined && n > 0 ? n : undefined;
}

export function trackObject(rec: TrackRecord): JsonObject {
  const t = rec.fixture;
  const album = rec.album;
  const artist = rec.artist;
  const duration = t.durationMs;
  const ext = 'mp3';
  const file = `/data/Music/${artist.title}/${album.title}/${String(t.index ?? 0).padStart(2, '0')} - ${t.title}.${ext}`;
  return omitEmpty({
    ratingKey: rec.key,
    key: `/library/metadata/${rec.key}`,
    parentRatingKey: album.key,
    grandparentRatingKey: artist.key,
    guid: `plex://track/${hex24(10, rec.seq)}`,
    parentGuid: `plex://album/${hex24(9, album.seq)}`,
    grandparentGuid: `plex://artist/${hex24(8, artist.seq)}`,
    type: 'track',
    title: t.title,
    titleSort: sortTitle(t.title) !== t.title ? sortTitle(t.title) : undefined,
    grandparentKey: `/library/metadata/${artist.key}`,
    parentKey: `/library/metadata/${album.key}`,
    grandparentTitle: artist.title,
    parentTitle: album.title,
    originalTitle: t.trackArtist !== undefined && t.trackArtist !== artist.title ? t.trackArtist : undefined,
    summary: '',
    index: t.index,
    parentIndex: t.disc ?? 1,
    parentYear: album.year,
    userRating: positive(t.userRating),
    viewCount: positive(t.viewCount),
    lastViewedAt: positive(t.lastViewedAt),
    thumb: `/library/metadata/${album.key}/thumb/${album.addedAt}`,
    parentThumb: `/library/metadata/${album.key}/thumb/${album.addedAt}`,
    grandparentThumb: `/library/metadata/${artist.key}/thumb/${artist.addedAt}`,
    duration,
    addedAt: rec.addedAt,
    updatedAt: rec.addedAt,
    Media: [
      {
        id: rec.seq,
        duration,
        bitrate: 320,
        audioChannels: 2,
        audioCodec: ext,
        container: ext,
        Part: [{ id: rec.seq, key: `/library/parts/${rec.seq}/${rec.addedAt}/file.${ext}`, duration, file, container: ext }],
      },
    ],
    Genre: genreJson(rec.genres),
  });
}

/** The list form of a track, serialised once and reused until the library changes. */
export function trackJson(rec: TrackRecord): string {
  rec.json ??= JSON.stringify(trackObject(rec));
  return rec.json;
}

export function guidJson(rec: TrackRecord): string | undefined {
  return rec.fixture.mbid ? `"Guid":[${JSON.stringify({ id: `mbid://${rec.fixture.mbid}` })}]` : undefined;
}

/** Appends serialised members to a serialised object: `{"a":1}` + `"b":2` → `{"a":1,"b":2}`. */
export function extendJson(objectJson: string, members: (string | undefined)[]): string {
  const extra = members.filter((m): m is string => m !== undefined);
  return extra.length === 0 ? objectJson : `${objectJson.slice(0, -1)},${extra.join(',')}}`;
}

/** Prepends members, for fields PMS puts first (playlistItemID). */
export function prependJson(objectJson: string, member: string): string {
  return `{${member},${objectJson.slice(1)}`;
}

export function albumObject(album: AlbumRecord): JsonObject {
  const artist = album.artist;
  const viewed = album.tracks.filter((t) => (t.fixture.viewCount ?? 0) > 0).length;
  return omitEmpty({
    ratingKey: album.key,
    key: `/library/metadata/${album.key}/children`,
    parentRatingKey: artist.key,
    guid: `plex://album/${hex24(9, album.seq)}`,
    parentGuid: `plex://artist/${hex24(8, artist.seq)}`,
    type: 'album',
    title: album.title,
    titleSort: sortTitle(album.title) !== album.title ? sortTitle(album.title) : undefined,
    parentKey: `/library/metadata/${artist.key}`,
    parentTitle: artist.title,
    summary: '',
    index: 1,
    year: album.year,
    thumb: `/library/metadata/${album.key}/thumb/${album.addedAt}`,
    parentThumb: `/library/metadata/${artist.key}/thumb/${artist.addedAt}`,
    leafCount: album.tracks.length,
    viewedLeafCount: viewed,
    addedAt: album.addedAt,
    updatedAt: album.addedAt,
    Genre: genreJson(album.genres),
  });
}

export function artistObject(artist: ArtistRecord): JsonObject {
  return omitEmpty({
    ratingKey: artist.key,
    key: `/library/metadata/${artist.key}/children`,
    guid: `plex://artist/${hex24(8, artist.seq)}`,
    type: 'artist',
    title: artist.title,
    titleSort: sortTitle(artist.title) !== artist.title ? sortTitle(artist.title) : undefined,
    summary: '',
    index: 1,
    childCount: artist.albums.length,
    thumb: `/library/metadata/${artist.key}/thumb/${artist.addedAt}`,
    addedAt: artist.addedAt,
    updatedAt: artist.addedAt,
    Genre: genreJson(artist.genres),
  });
}
