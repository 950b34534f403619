/** A music track as the library index holds it. Field names are ours, not Plex's. */
export interface LibraryTrack {
  /** Plex ratingKey: an opaque string, never assumed numeric. */
  ratingKey: string;
  title: string;
  /** The performing (track) artist: Plex `originalTitle`, else the album artist. */
  artist: string;
  /** Plex `grandparentTitle`. */
  albumArtist?: string;
  /** Plex `parentTitle`. */
  album?: string;
  durationMs?: number;
  trackNumber?: number;
  discNumber?: number;
  year?: number;
  albumRatingKey?: string;
  artistRatingKey?: string;
  /** Genres on the track itself (PMS >= 1.40). */
  genres?: string[];
  /** Genres of its album and of its album artist (older PMS keeps genres only there). */
  albumGenres?: string[];
  artistGenres?: string[];
  /** 0–10 (5 stars = 10). Absent when unrated. */
  userRating?: number;
  viewCount?: number;
  /** Epoch milliseconds. */
  lastViewedAt?: number;
  /** Epoch milliseconds. */
  addedAt?: number;
  /** Epoch milliseconds: Plex moves it when the track's metadata is edited (not when it is played). */
  updatedAt?: number;
  /** Plex guids (plex://, mbid:// release-track ids, local://). Never recording MBIDs. */
  guids?: string[];
  /** True when Plex has sonically analysed the track (`musicAnalysisVersion`); absent otherwise. */
  sonicAnalysis?: boolean;
}

/** One answer of a sonic neighbour request: a library track and its distance from the seed (0.0–1.0). */
export interface SonicNeighbour {
  track: LibraryTrack;
  distance: number;
}

export interface NearestOptions {
  /** At most this many neighbours (Plex's default 50). */
  limit?: number;
  /** Only neighbours this close (0.0–1.0, Plex's default 0.25). */
  maxDistance?: number;
}

export interface SonicPathOptions {
  /** Tracks wanted between the two ends (Plex's default is unknown). */
  count?: number;
  maxDistance?: number;
}

/** What identifies a library's contents at one moment: when unchanged, the cached index is reused. */
export interface SectionInfo {
  id: string;
  title: string;
  /** Plex `contentChangedAt`, when the server reports it. */
  contentChangedAt?: number;
  updatedAt?: number;
  scannedAt?: number;
}

export interface ServerInfo {
  machineIdentifier: string;
  name?: string;
  version?: string;
}

export interface IndexProgress {
  done: number;
  total: number;
}

/**
 * The read side of a Plex server that the core needs. Implemented by @harmoniq/plex.
 * Every method talks to the network; the core calls them as little as possible.
 */
export interface LibraryReader {
  server(): Promise<ServerInfo>;
  /** The music section by (case-insensitive) title; throws EPLEXLIBRARY listing the sections that exist. */
  musicSection(title: string): Promise<SectionInfo>;
  /** Number of tracks in the section (one request, no items). */
  countTracks(sectionId: string): Promise<number>;
  /** Every track, paged, with guids and genres of the track, its album and its artist filled in. */
  listTracks(sectionId: string, onProgress?: (p: IndexProgress) => void): Promise<LibraryTrack[]>;
  /**
   * Tracks that sound closest to this one (Plex Pass sonic analysis), nearest first. An unanalysed track or server
   * answers an empty list, not an error: decide from `LibraryTrack.sonicAnalysis` whether analysis exists.
   */
  nearest?(ratingKey: string, options?: NearestOptions): Promise<SonicNeighbour[]>;
  /** A "sonic adventure": tracks leading from one track to another, as Plex computes it. */
  sonicPath?(sectionId: string, startRatingKey: string, endRatingKey: string, options?: SonicPathOptions): Promise<LibraryTrack[]>;
  /** Tracks per listing request, when the reader pages (the refresh weighs its requests against a full listing). */
  readonly pageSize?: number;
  /**
   * Optional, for refreshing a cached index incrementally (a reader without them always gets a full listing).
   * The tracks the filter selects, paged, their album and artist genres taken from `parents` (absent when unknown).
   */
  listTracksWhere?(sectionId: string, filter: TrackFilter, parents: ParentGenres): Promise<LibraryTrack[]>;
  /** How many tracks the filter selects (one request, no items). */
  countTracksWhere?(sectionId: string, filter: TrackFilter): Promise<number>;
  /**
   * Genres of these albums and artists (any mix), by ratingKey, in one request (the caller keeps the list to what
   * one URL holds: chunk-keys.ts); a key the server does not know is absent.
   */
  parentGenres?(ratingKeys: readonly string[]): Promise<Map<string, string[]>>;
}

/** A track filter in Plex's terms: epoch seconds, every bound exclusive (`>>=`, `<<=`). */
export interface TrackFilter {
  addedAfter?: number;
  addedBefore?: number;
  updatedAfter?: number;
}

/** Genres of albums and artists by ratingKey, as the index already knows them. */
export interface ParentGenres {
  albums: ReadonlyMap<string, readonly string[]>;
  artists: ReadonlyMap<string, readonly string[]>;
}

export interface PlaylistInfo {
  ratingKey: string;
  title: string;
  smart: boolean;
  playlistType: string;
  summary?: string;
  leafCount?: number;
  /** Plex's last-change stamp (epoch seconds); moves when anyone edits the playlist. */
  updatedAt?: number;
  /** The poster it shows (`/library/metadata/{id}/thumb/{ts}`); absent when it shows the composite of its tracks. */
  thumb?: string;
}

/** An image for a playlist's poster: bytes (a generated cover, the user's file) or a URL Plex fetches. */
export type PosterImage = { bytes: Uint8Array; mimeType: 'image/png' | 'image/jpeg' } | { url: string };

export interface PlaylistEntry {
  /** Identifies this entry of the playlist (one track may appear twice); used to remove and move. */
  playlistItemId: string;
  ratingKey: string;
}

/** The write side of Plex playlists. Implemented by @harmoniq/plex; only the applier calls it. */
export interface PlaylistStore {
  /** Audio playlists, dumb and smart. */
  list(): Promise<PlaylistInfo[]>;
  /** undefined when the playlist no longer exists (404). */
  get(ratingKey: string): Promise<PlaylistInfo | undefined>;
  /** Every entry, in order, paged. */
  items(ratingKey: string): Promise<PlaylistEntry[]>;
  /** Creates a dumb audio playlist holding these tracks (the caller keeps the list short enough for one URL). */
  create(title: string, ratingKeys: readonly string[]): Promise<PlaylistInfo>;
  /**
   * Appends tracks at the end. Not idempotent: never retried. This and the other item writes give the playlist as
   * Plex's answer showed it after the write, when the answer carried it (the applier then need not read its stamp).
   */
  add(playlistRatingKey: string, ratingKeys: readonly string[]): Promise<PlaylistInfo | void>;
  remove(playlistRatingKey: string, playlistItemId: string): Promise<PlaylistInfo | void>;
  /** Moves an entry after another one, or to the top when `afterItemId` is undefined. */
  move(playlistRatingKey: string, playlistItemId: string, afterItemId: string | undefined): Promise<PlaylistInfo | void>;
  editSummary(playlistRatingKey: string, summary: string): Promise<void>;
  /** Renames in place: same ratingKey, same items. */
  rename?(playlistRatingKey: string, title: string): Promise<void>;
  /** Uploads a poster and returns the `thumb` the playlist then shows (Harmoniq records it as its own). */
  uploadPoster?(playlistRatingKey: string, poster: PosterImage): Promise<string | undefined>;
}
