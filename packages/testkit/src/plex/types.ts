import type { Emulator } from '../common/server.js';

/** One track of an emulated library, as a test writes it. */
export interface PlexFixtureTrack {
  /** Opaque id; assigned (numeric-looking) when absent. */
  ratingKey?: string;
  title: string;
  /** Album artist (grandparentTitle). */
  artist: string;
  /** Track artist when it differs from the album artist (originalTitle). */
  trackArtist?: string;
  /** Album title (parentTitle). */
  album: string;
  year?: number;
  /** Track number. */
  index?: number;
  /** Disc number (parentIndex), default 1. */
  disc?: number;
  durationMs?: number;
  /** Track-level Genre tags (PMS >= 1.40). */
  genres?: string[];
  /** Genre tags of the album (type 9). */
  albumGenres?: string[];
  /** Genre tags of the album artist (type 8). */
  artistGenres?: string[];
  /** 0–10; omitted from responses when absent or 0. */
  userRating?: number;
  viewCount?: number;
  /** Epoch seconds. */
  lastViewedAt?: number;
  /** Epoch seconds. */
  addedAt?: number;
  /** Served as Guid `mbid://<uuid>`: a release-track id, not a recording id. */
  mbid?: string;
  /** false: not sonically analysed (no musicAnalysisVersion, no neighbours), as in a partly analysed library. */
  sonicAnalysis?: boolean;
}

export interface PlexEmulatorOptions {
  /** Default 'plex-test-token'. */
  token?: string;
  /** Default a fixed 40-hex string. */
  machineIdentifier?: string;
  /** Music section title, default 'Music' (a 'Movies' section also exists). */
  sectionTitle?: string;
  tracks?: PlexFixtureTrack[];
  /** 414 above this request-URL length (path + query), default 8192. */
  maxUrlLength?: number;
  /** `PUT /playlists/{id}/items` skips tracks already in the playlist; default false (duplicates allowed). */
  dedupeOnAppend?: boolean;
  /** Page size when the client sends no X-Plex-Container-Size; default 50. */
  defaultPageSize?: number;
  /** Server-side cap on a page; the client must cope with smaller pages. Default: no cap. */
  maxPageSize?: number;
  /** Serve track-level Genre (PMS >= 1.40); default true. */
  trackGenres?: boolean;
  /** An unqualified `genre=` filter on tracks also matches the album's genres; default true (unverified PMS behaviour). */
  genreFilterIncludesAlbum?: boolean;
  /**
   * Other accounts with a server token (household users): each lists and edits only its own playlists.
   * `musicAccess: false` is a share without the music section.
   */
  accounts?: { name: string; token: string; musicAccess?: boolean }[];
  /** Sonic analysis (Plex Pass + the library setting); default true. false: no track is analysed, `nearest` answers empty. */
  sonicAnalysis?: boolean;
  /**
   * A track added after start is stamped with a new `updatedAt` (default true, as the emulator has always done).
   * false models a PMS that leaves a new track's updatedAt at an older date (2000-01-01 here; which PMS does is
   * unverified): only an `addedAt>>=` filter finds such a track.
   */
  stampsUpdatedOnAdd?: boolean;
}

export interface EmulatedPlaylistItem {
  playlistItemID: number;
  ratingKey: string;
}

/** The poster a playlist shows, as the emulator holds it. */
export interface EmulatedPoster {
  /** `upload://posters/<sha1>` for uploaded bytes, the URL for `?url=` uploads. */
  ratingKey: string;
  provider: 'upload' | 'url';
  /** Who set it: a client through the API, or the user (`setPosterAsUser`). */
  setBy: 'client' | 'user';
  bytes?: Uint8Array;
  url?: string;
}

export interface EmulatedPlaylist {
  ratingKey: string;
  title: string;
  smart: boolean;
  summary: string;
  items: EmulatedPlaylistItem[];
  /** `/library/metadata/{id}/thumb/{ts}` once a poster was uploaded; absent before. */
  thumb?: string;
  poster?: EmulatedPoster;
  thumbLocked: boolean;
}

export interface PlexEmulator extends Emulator {
  readonly token: string;
  readonly machineIdentifier: string;
  /** The music section's key ("3"). */
  readonly sectionId: string;
  /** Deep copies, for assertions. */
  /** The owner's playlists, or those of the named account. */
  playlists(account?: string): EmulatedPlaylist[];
  playlist(ratingKeyOrTitle: string, account?: string): EmulatedPlaylist | undefined;
  /** Seeds a playlist (as if the user made it); returns its ratingKey. Throws on unknown track keys. */
  createPlaylist(title: string, trackRatingKeys: string[], opts?: { smart?: boolean; summary?: string; account?: string }): string;
  deletePlaylist(ratingKey: string, account?: string): void;
  /**
   * Sets a playlist's poster as the user would in Plex (an upload that becomes the selected poster), so a test
   * can check that Harmoniq leaves it alone. Default image: a tiny PNG.
   */
  setPosterAsUser(ratingKey: string, image?: Uint8Array, account?: string): void;
  /** Rotates (or, with undefined, revokes) an account's server token. */
  setAccountToken(account: string, token: string | undefined): void;
  tracks(): (PlexFixtureTrack & { ratingKey: string })[];
  /** ratingKey of the track with exactly this album artist (or track artist) and title. */
  findTrack(artist: string, title: string): string | undefined;
  /** Adds tracks and bumps the section's contentChangedAt/updatedAt/scannedAt; returns their ratingKeys. */
  addTracks(tracks: PlexFixtureTrack[]): string[];
  /** Changes a track (bumps the section). */
  updateTrack(ratingKey: string, patch: Partial<PlexFixtureTrack>): void;
  /** Removes a track from the library and from every playlist (bumps the section). */
  removeTrack(ratingKey: string): void;
  /** The emulated sonic distance between two tracks (0–1), for asserting how well a client ordered them. */
  sonicDistance(ratingKeyA: string, ratingKeyB: string): number;
}
