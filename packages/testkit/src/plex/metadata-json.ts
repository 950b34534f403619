import type { AlbumRecord, ArtistRecord, GenreTag, TrackRecord } from './library-store.js';

/** Keys whose value is undefined are left out when serialised. */
export type JsonObject = Record<string, unknown>;

/** A guid-like hex id derived from a number, stable across runs. */
function hex24(kind: number, n: number): string {
  return (kind.toString(16).padStart(4, '0') + n.toString(16).padStart(20, '0')).slice(-24);
}

/** PMS sorts titles without a leading article. */
export function sortTitle(title: string): string {
  return title.replace(/^(the|a|an)\s+/i, '');
}

/** Undefined (so JSON.stringify leaves the key out, as PMS does) when there are no tags. */
function genreJson(tags: GenreTag[]): JsonObject[] | undefined {
  return tags.length > 0 ? tags.map((g) => ({ id: g.id, filter: `genre=${g.id}`, tag: g.tag })) : undefined;
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
  return {
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
    updatedAt: rec.updatedAt,
    // A string in PMS JSON captures (python-plexapi reads it as an int); absent on unanalysed tracks.
    musicAnalysisVersion: rec.analysed ? '1' : undefined,
    Media: [
      {
        id: rec.seq,
        duration,
        bitrate: 320,
        audioChannels: 2,
        audioCodec: ext,
        container: ext,
        Part: [{ id: rec.seq, key: `/library/parts/${rec.seq}/${rec.addedAt}/file.${ext}`, duration, container: ext }],
      },
    ],
    Genre: genreJson(rec.genres),
  };
}

/**
 * The list form of a track as UTF-8 JSON, serialised once and reused until the library changes, so that a page
 * of a 100k-track library costs one Buffer.concat.
 */
export function trackBuffer(rec: TrackRecord, withGuid: boolean): Buffer {
  rec.json ??= Buffer.from(JSON.stringify(trackObject(rec)));
  if (!withGuid || !rec.fixture.mbid) return rec.json;
  rec.jsonWithGuid ??= Buffer.from(extendJson(rec.json.toString(), [guidJson(rec)]));
  return rec.jsonWithGuid;
}

export function trackJson(rec: TrackRecord, withGuid = false): string {
  return trackBuffer(rec, withGuid).toString();
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
  return {
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
  };
}

export function artistObject(artist: ArtistRecord): JsonObject {
  return {
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
  };
}
