import type {
  LastfmArtistFixture,
  LastfmFixture,
  LastfmPeriod,
  LastfmSimilarArtistFixture,
  LastfmSimilarTracksFixture,
  LastfmTrackFixture,
  LastfmUserFixture,
} from './types.js';

/** Last.fm's lookups forgive case and spacing ("autocorrect-ish"); so do ours. */
export function fold(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function trackKey(artist: string, title: string): string {
  return `${fold(artist)}\u0000${fold(title)}`;
}

interface Named<T> {
  name: string;
  value: T;
}

function byFoldedKey<T>(record: Record<string, T> | undefined): Map<string, Named<T>> {
  const map = new Map<string, Named<T>>();
  for (const [name, value] of Object.entries(record ?? {})) map.set(fold(name), { name, value });
  return map;
}

/** Case-insensitive indexes over a fixture, rebuilt whenever the data is replaced. */
export class LastfmCatalogue {
  private readonly users: Map<string, Named<LastfmUserFixture>>;
  private readonly geo: Map<string, Named<LastfmTrackFixture[]>>;
  private readonly tags: Map<string, Named<LastfmTrackFixture[]>>;
  private readonly similarArtistsByName: Map<string, Named<LastfmSimilarArtistFixture[]>>;
  private readonly topTracksByArtist: Map<string, Named<LastfmTrackFixture[]>>;
  private readonly similarTracksByKey = new Map<string, LastfmSimilarTracksFixture>();
  private readonly trackByMbid = new Map<string, { artist: string; title: string }>();
  /** Every artist the fixture mentions: those are "known" to Last.fm even without their own lists. */
  private readonly artists = new Map<string, string>();
  private readonly artistByMbid = new Map<string, string>();

  constructor(readonly data: LastfmFixture) {
    this.users = byFoldedKey(data.users);
    this.geo = byFoldedKey(data.geo);
    this.tags = byFoldedKey(data.tags);
    this.similarArtistsByName = byFoldedKey(data.similarArtists);
    this.topTracksByArtist = byFoldedKey(data.artistTopTracks);
    for (const entry of data.similarTracks ?? []) {
      this.similarTracksByKey.set(trackKey(entry.artist, entry.title), entry);
      this.noteArtist(entry.artist);
      entry.similar.forEach((t) => this.noteTrack(t));
    }
    for (const { name, value } of this.similarArtistsByName.values()) {
      this.noteArtist(name);
      value.forEach((a) => this.noteArtist(a.name, a.mbid));
    }
    for (const { name, value } of this.topTracksByArtist.values()) {
      this.noteArtist(name);
      value.forEach((t) => this.noteTrack(t));
    }
    const lists: LastfmTrackFixture[][] = [data.chart ?? [], ...Object.values(data.geo ?? {}), ...Object.values(data.tags ?? {})];
    for (const user of Object.values(data.users ?? {})) {
      lists.push(...Object.values(user.topTracks ?? {}), user.loved ?? [], user.recent ?? []);
      for (const artists of Object.values(user.topArtists ?? {})) artists?.forEach((a: LastfmArtistFixture) => this.noteArtist(a.name, a.mbid));
    }
    for (const list of lists) list?.forEach((t) => this.noteTrack(t));
  }

  private noteArtist(name: string, mbid?: string): void {
    if (!this.artists.has(fold(name))) this.artists.set(fold(name), name);
    if (mbid && !this.artistByMbid.has(mbid.toLowerCase())) this.artistByMbid.set(mbid.toLowerCase(), name);
  }

  private noteTrack(t: LastfmTrackFixture): void {
    this.noteArtist(t.artist, t.artistMbid);
    if (t.mbid && !this.trackByMbid.has(t.mbid.toLowerCase())) this.trackByMbid.set(t.mbid.toLowerCase(), { artist: t.artist, title: t.title });
  }

  user(name: string): Named<LastfmUserFixture> | undefined {
    return this.users.get(fold(name));
  }

  country(name: string): Named<LastfmTrackFixture[]> | undefined {
    return this.geo.get(fold(name));
  }

  tag(name: string): LastfmTrackFixture[] {
    return this.tags.get(fold(name))?.value ?? [];
  }

  /** The canonical artist name for a name or MBID, or undefined when Last.fm would not know it. */
  artist(name: string | undefined, mbid: string | undefined): string | undefined {
    if (name) return this.artists.get(fold(name));
    if (mbid) return this.artistByMbid.get(mbid.toLowerCase());
    return undefined;
  }

  similarArtists(artist: string): LastfmSimilarArtistFixture[] {
    return this.similarArtistsByName.get(fold(artist))?.value ?? [];
  }

  artistTopTracks(artist: string): LastfmTrackFixture[] {
    return this.topTracksByArtist.get(fold(artist))?.value ?? [];
  }

  trackForMbid(mbid: string): { artist: string; title: string } | undefined {
    return this.trackByMbid.get(mbid.toLowerCase());
  }

  similarTracks(artist: string, title: string): LastfmSimilarTracksFixture | undefined {
    return this.similarTracksByKey.get(trackKey(artist, title));
  }
}

export function userTopList<T>(lists: Partial<Record<LastfmPeriod, T[]>> | undefined, period: LastfmPeriod): T[] {
  return lists?.[period] ?? lists?.overall ?? [];
}
