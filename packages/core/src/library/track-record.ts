import type { LibraryTrack } from './types.js';

/** LibraryTrack's fields in one fixed order: the index cache's columns and the order of `TrackValues`. */
export const TRACK_FIELDS = [
  'ratingKey',
  'title',
  'artist',
  'viewCount',
  'albumArtist',
  'album',
  'durationMs',
  'trackNumber',
  'discNumber',
  'year',
  'albumRatingKey',
  'artistRatingKey',
  'genres',
  'albumGenres',
  'artistGenres',
  'userRating',
  'lastViewedAt',
  'addedAt',
  'updatedAt',
  'guids',
  'sonicAnalysis',
] as const satisfies readonly (keyof LibraryTrack)[];

// A field added to LibraryTrack and not here would be dropped from the cache and from new tracks: a compile error.
type Missing = Exclude<keyof LibraryTrack, (typeof TRACK_FIELDS)[number]>;
const everyField: [Missing] extends [never] ? true : Missing = true;
void everyField;

type Absent = undefined | null;

/** A track's values in TRACK_FIELDS order; undefined or null leaves the field out of the track. */
export type TrackValues = [
  ratingKey: string,
  title: string,
  artist: string,
  viewCount: number | Absent,
  albumArtist: string | Absent,
  album: string | Absent,
  durationMs: number | Absent,
  trackNumber: number | Absent,
  discNumber: number | Absent,
  year: number | Absent,
  albumRatingKey: string | Absent,
  artistRatingKey: string | Absent,
  genres: string[] | Absent,
  albumGenres: string[] | Absent,
  artistGenres: string[] | Absent,
  userRating: number | Absent,
  lastViewedAt: number | Absent,
  addedAt: number | Absent,
  updatedAt: number | Absent,
  guids: string[] | Absent,
  sonicAnalysis: boolean | Absent,
];

// TrackRecord reads values by position: a field added to one list and not the other fails to compile.
const sameLength: TrackValues['length'] extends (typeof TRACK_FIELDS)['length'] ? true : never = true;
void sameLength;

const present = <T>(v: T | Absent): v is T => v !== undefined && v !== null;

/**
 * Why a constructor and not an object literal grown field by field: V8 gives a constructor's objects room inside
 * them for every `this.field =` its body holds, so a track is one allocation (~190 bytes). A literal keeps only its
 * own fields inside; each field added later goes to a separate property array that is copied whenever it grows by
 * three, so a track listed or read back cost seven allocations, six of them garbage at once (~230 bytes kept, and
 * the young generation's collections copying the rest), 100k to 1M times a run. The prototype is Object's: to every
 * consumer the tracks are plain objects (`constructor === Object`), absent fields absent.
 */
function TrackRecord(this: Partial<LibraryTrack>, v: Readonly<TrackValues>): void {
  this.ratingKey = v[0];
  if (present(v[1])) this.title = v[1];
  if (present(v[2])) this.artist = v[2];
  if (present(v[3])) this.viewCount = v[3];
  if (present(v[4])) this.albumArtist = v[4];
  if (present(v[5])) this.album = v[5];
  if (present(v[6])) this.durationMs = v[6];
  if (present(v[7])) this.trackNumber = v[7];
  if (present(v[8])) this.discNumber = v[8];
  if (present(v[9])) this.year = v[9];
  if (present(v[10])) this.albumRatingKey = v[10];
  if (present(v[11])) this.artistRatingKey = v[11];
  if (present(v[12])) this.genres = v[12];
  if (present(v[13])) this.albumGenres = v[13];
  if (present(v[14])) this.artistGenres = v[14];
  if (present(v[15])) this.userRating = v[15];
  if (present(v[16])) this.lastViewedAt = v[16];
  if (present(v[17])) this.addedAt = v[17];
  if (present(v[18])) this.updatedAt = v[18];
  if (present(v[19])) this.guids = v[19];
  if (present(v[20])) this.sonicAnalysis = v[20];
}
TrackRecord.prototype = Object.prototype;

const Construct = TrackRecord as unknown as new (values: Readonly<TrackValues>) => LibraryTrack;

/** A LibraryTrack from its values in TRACK_FIELDS order (see TrackRecord for why it is made this way). */
export function trackFromValues(values: Readonly<TrackValues>): LibraryTrack {
  return new Construct(values);
}
