import type { PlexFixtureTrack } from './types.js';

/** Epoch seconds every emulator timestamp derives from, so that responses are deterministic. */
/** The updatedAt of a track added while `stampsUpdatedOnAdd` is off: 2000-01-01, older than any stamp a client holds. */
const UNSTAMPED_UPDATED_AT = 946_684_800;

export const BASE_TIME = 1714650000;

export interface GenreTag {
  id: number;
  tag: string;
}

export interface ArtistRecord {
  key: string;
  seq: number;
  title: string;
  genres: GenreTag[];
  albums: AlbumRecord[];
  addedAt: number;
}

export interface AlbumRecord {
  key: string;
  seq: number;
  title: string;
  artist: ArtistRecord;
  year: number | undefined;
  genres: GenreTag[];
  tracks: TrackRecord[];
  addedAt: number;
}

export interface TrackRecord {
  key: string;
  seq: number;
  fixture: PlexFixtureTrack;
  album: AlbumRecord;
  artist: ArtistRecord;
  genres: GenreTag[];
  addedAt: number;
  /** Sonically analysed: the server analyses and the fixture does not opt out (served as musicAnalysisVersion). */
  analysed: boolean;
  /** Moves forward on every edit of the track (and is its addedAt when it arrives), as PMS's `updatedAt` does. */
  updatedAt: number;
  /** Cached UTF-8 JSON of the list form (no librarySection fields), without and with Guid; cleared on every change. */
  json: Buffer | undefined;
  jsonWithGuid: Buffer | undefined;
}

/**
 * The music section's data: tracks in insertion order, the albums and artists derived from them, genre tags,
 * and the section's change counters. Metadata ids (tracks, albums, artists, playlists) share one id space,
 * as in PMS, handed out by `allocateKey`.
 */
export class LibraryStore {
  readonly tracks: TrackRecord[] = [];
  readonly byKey = new Map<string, TrackRecord>();
  readonly artists = new Map<string, ArtistRecord>();
  readonly albums = new Map<string, AlbumRecord>();
  /** Every artist/album by ratingKey. */
  readonly containers = new Map<string, ArtistRecord | AlbumRecord>();
  private readonly genreIds = new Map<string, number>();
  private readonly artistKeys = new Map<string, string>();
  private readonly albumKeys = new Map<string, string>();
  private readonly usedKeys = new Set<string>();
  private nextKey = 1000;
  private nextSeq = 1;
  private nextGenreId = 201;
  /** Bumped on every library or playlist change: drives updatedAt stamps and cache invalidation. */
  changeCount = 0;
  /** Bumped only when tracks change: the section's contentChangedAt. */
  contentChanges = 0;
  /** The section's updatedAt/scannedAt: moves only when tracks change, not when playlists do. */
  sectionUpdatedAt = BASE_TIME;
  version = 0;
  /** Set by a change; albums and artists are derived again on the next request (settle), so a change is O(1). */
  private dirty = false;
  /** True once the constructor's fixtures are in: later tracks arrive "now" (stamp()). */
  private started = false;
  private maxAddedAt = 0;
  private readonly parentAddedAt = new Map<string, number>();

  constructor(
    tracks: PlexFixtureTrack[],
    readonly trackGenres: boolean,
    /** The server's sonic analysis (Plex Pass and the library setting); off = no track is analysed. */
    readonly sonicAnalysis = true,
    /** A track added after start gets a new updatedAt (PlexEmulatorOptions.stampsUpdatedOnAdd). */
    private readonly stampsUpdatedOnAdd = true,
  ) {
    for (const t of tracks) if (t.ratingKey !== undefined) this.reserve(t.ratingKey);
    for (const t of tracks) this.insert(t);
    this.rebuild();
    this.started = true;
  }

  /** Derives albums, artists and genre unions again if tracks changed since the last request. */
  settle(): void {
    if (!this.dirty) return;
    this.dirty = false;
    this.rebuild();
  }

  /** A fresh, never-used ratingKey from the shared id space. */
  allocateKey(): string {
    for (;;) {
      const key = String(this.nextKey++);
      if (!this.usedKeys.has(key)) {
        this.usedKeys.add(key);
        return key;
      }
    }
  }

  /** A deterministic "now" that moves forward with every change. */
  stamp(): number {
    // Later than every track's addedAt, even in a library so large that generated addedAt pass BASE_TIME.
    return Math.max(BASE_TIME, this.maxAddedAt + 1) + this.changeCount;
  }

  touch(): void {
    this.changeCount += 1;
    this.version += 1;
  }

  add(tracks: PlexFixtureTrack[]): string[] {
    for (const t of tracks) {
      if (t.ratingKey !== undefined && this.usedKeys.has(t.ratingKey)) throw new Error(`ratingKey ${t.ratingKey} is already used`);
      if (t.ratingKey !== undefined) this.reserve(t.ratingKey);
    }
    const keys = tracks.map((t) => this.insert(t).key);
    this.contentChanged();
    return keys;
  }

  update(key: string, patch: Partial<PlexFixtureTrack>): void {
    const rec = this.mustGet(key);
    const { ratingKey: _ignored, ...rest } = patch;
    rec.fixture = { ...rec.fixture, ...rest };
    this.contentChanged();
    rec.updatedAt = this.stamp();
    rec.json = undefined;
    rec.jsonWithGuid = undefined;
  }

  remove(key: string): void {
    const rec = this.mustGet(key);
    this.byKey.delete(key);
    // Usually one of the last tracks or a random one: search from the end, where test changes tend to be.
    this.tracks.splice(this.tracks.lastIndexOf(rec), 1);
    this.contentChanged();
  }

  genreId(name: string): number {
    let id = this.genreIds.get(name);
    if (id === undefined) {
      id = this.nextGenreId++;
      this.genreIds.set(name, id);
    }
    return id;
  }

  private mustGet(key: string): TrackRecord {
    const rec = this.byKey.get(key);
    if (!rec) throw new Error(`no track with ratingKey ${key}`);
    return rec;
  }

  private reserve(key: string): void {
    this.usedKeys.add(key);
  }

  private contentChanged(): void {
    this.contentChanges += 1;
    this.touch();
    this.sectionUpdatedAt = this.stamp();
    this.dirty = true;
  }

  private insert(fixture: PlexFixtureTrack): TrackRecord {
    const own = { ...fixture };
    this.ensureParents(own);
    const key = own.ratingKey ?? this.allocateKey();
    const seq = this.nextSeq++;
    // Fixtures given at start get spread-out past dates; a track added later arrives now, as in PMS.
    const addedAt = own.addedAt ?? (this.started ? this.stamp() : BASE_TIME - 400 * 86400 + seq * 37);
    this.maxAddedAt = Math.max(this.maxAddedAt, addedAt);
    // album and artist are linked by rebuild(), which always runs right after inserting.
    const rec: TrackRecord = {
      key,
      seq,
      fixture: own,
      album: undefined as unknown as AlbumRecord,
      artist: undefined as unknown as ArtistRecord,
      genres: [],
      addedAt,
      // Scanned now, whatever addedAt a test gives: PMS stamps what it adds.
      analysed: false,
      updatedAt: !this.started ? addedAt : this.stampsUpdatedOnAdd ? Math.max(addedAt, this.stamp()) : UNSTAMPED_UPDATED_AT,
      json: undefined,
      jsonWithGuid: undefined,
    };
    this.tracks.push(rec);
    this.byKey.set(key, rec);
    return rec;
  }

  /** Artist and album ids are handed out when first seen, so they stay stable across changes. */
  private ensureParents(t: PlexFixtureTrack): void {
    if (!this.artistKeys.has(t.artist)) this.artistKeys.set(t.artist, this.newParent());
    const albumId = albumIdentity(t);
    if (!this.albumKeys.has(albumId)) this.albumKeys.set(albumId, this.newParent());
  }

  /** A new album or artist: one that appears after start is added "now", like the tracks that bring it. */
  private newParent(): string {
    const key = this.allocateKey();
    if (this.started) this.parentAddedAt.set(key, this.stamp());
    return key;
  }

  /** Recomputes albums, artists and genre unions from the tracks. O(n), only on changes. */
  private rebuild(): void {
    this.artists.clear();
    this.albums.clear();
    this.containers.clear();
    for (const rec of this.tracks) {
      const t = rec.fixture;
      this.ensureParents(t);
      let artist = this.artists.get(t.artist);
      if (!artist) {
        const key = this.artistKeys.get(t.artist) ?? this.allocateKey();
        artist = { key, seq: Number(key) || rec.seq, title: t.artist, genres: [], albums: [], addedAt: rec.addedAt };
        this.artists.set(t.artist, artist);
        this.containers.set(key, artist);
      }
      const albumId = albumIdentity(t);
      let album = this.albums.get(albumId);
      if (!album) {
        const key = this.albumKeys.get(albumId) ?? this.allocateKey();
        album = { key, seq: Number(key) || rec.seq, title: t.album, artist, year: t.year, genres: [], tracks: [], addedAt: rec.addedAt };
        this.albums.set(albumId, album);
        this.containers.set(key, album);
        artist.albums.push(album);
      }
      album.tracks.push(rec);
      if (album.year === undefined && t.year !== undefined) album.year = t.year;
      artist.addedAt = this.parentAddedAt.get(artist.key) ?? Math.min(artist.addedAt, rec.addedAt);
      album.addedAt = this.parentAddedAt.get(album.key) ?? Math.min(album.addedAt, rec.addedAt);
      addTags(artist.genres, t.artistGenres, this);
      addTags(album.genres, t.albumGenres, this);
      rec.album = album;
      rec.artist = artist;
      rec.genres = [];
      if (this.trackGenres) addTags(rec.genres, t.genres, this);
      rec.analysed = this.sonicAnalysis && t.sonicAnalysis !== false;
      rec.json = undefined;
      rec.jsonWithGuid = undefined;
    }
    for (const album of this.albums.values()) album.tracks.sort(byDiscAndIndex);
  }

  /** Tags used at one level (8 artist, 9 album, 10 track), sorted by name. */
  tagsAt(type: number): GenreTag[] {
    const seen = new Map<number, GenreTag>();
    const collect = (tags: GenreTag[]): void => {
      for (const g of tags) seen.set(g.id, g);
    };
    if (type === 8) for (const a of this.artists.values()) collect(a.genres);
    else if (type === 9) for (const a of this.albums.values()) collect(a.genres);
    else {
      for (const r of this.tracks) collect(r.genres);
      // Before PMS 1.40 tracks had no genres and filtering tracks by genre went through the album.
      for (const a of this.albums.values()) collect(a.genres);
    }
    return [...seen.values()].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  }
}

function albumIdentity(t: PlexFixtureTrack): string {
  return `${t.artist}\u0000${t.album}`;
}

function addTags(into: GenreTag[], names: string[] | undefined, store: LibraryStore): void {
  for (const name of names ?? []) {
    const id = store.genreId(name);
    if (!into.some((g) => g.id === id)) into.push({ id, tag: name });
  }
}

function byDiscAndIndex(a: TrackRecord, b: TrackRecord): number {
  const d = (a.fixture.disc ?? 1) - (b.fixture.disc ?? 1);
  if (d !== 0) return d;
  const i = (a.fixture.index ?? 0) - (b.fixture.index ?? 0);
  return i !== 0 ? i : a.seq - b.seq;
}
