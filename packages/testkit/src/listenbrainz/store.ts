import { canonicalUuid, uuidFrom } from './ids.js';
import type { ListenBrainzPlaylistFixture, ListenBrainzRecording, ListenBrainzUserFixture } from './types.js';

interface UserEntry {
  name: string;
  fixture: ListenBrainzUserFixture;
}

/** Case-insensitive user names and MBID lookups over the emulator's fixture; rebuilt on setUsers. */
export class ListenBrainzStore {
  private readonly users = new Map<string, UserEntry>();
  private readonly playlists = new Map<string, { playlist: ListenBrainzPlaylistFixture; user: string }>();
  private readonly recordings = new Map<string, ListenBrainzRecording>();

  constructor(users: Record<string, ListenBrainzUserFixture>, recordings: ListenBrainzRecording[], tokenUsers: string[]) {
    for (const name of tokenUsers) this.users.set(name.toLowerCase(), { name, fixture: {} });
    for (const [name, fixture] of Object.entries(users)) {
      this.users.set(name.toLowerCase(), { name, fixture });
      for (const playlist of fixture.playlists ?? []) this.playlists.set(canonicalUuid(playlist.mbid), { playlist, user: name });
    }
    for (const rec of recordings) this.recordings.set(canonicalUuid(rec.mbid), rec);
  }

  user(name: string): UserEntry | undefined {
    return this.users.get(name.toLowerCase());
  }

  playlist(mbid: string): { playlist: ListenBrainzPlaylistFixture; user: string } | undefined {
    return this.playlists.get(canonicalUuid(mbid));
  }

  recording(mbid: string): ListenBrainzRecording | undefined {
    return this.recordings.get(canonicalUuid(mbid));
  }
}

/** MusicBrainz knows a release for every album title; derive its MBID so playlist and metadata agree. */
export function releaseMbidOf(rec: ListenBrainzRecording): string | undefined {
  return rec.album ? uuidFrom(`release:${rec.artist.toLowerCase()}:${rec.album.toLowerCase()}`) : undefined;
}

const JOIN = /(\s+(?:feat\.?|ft\.?|featuring|with|&|x|vs\.?)\s+|\s*,\s*)/i;

/** Splits an artist-credit string ("A feat. B") into credited names and their join phrases. */
export function splitCredit(credit: string): { name: string; joinPhrase: string }[] {
  const parts = credit.split(JOIN);
  const out: { name: string; joinPhrase: string }[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const name = (parts[i] ?? '').trim();
    if (name) out.push({ name, joinPhrase: parts[i + 1] ?? '' });
  }
  return out.length > 0 ? out : [{ name: credit, joinPhrase: '' }];
}

export function artistMbidsOf(rec: ListenBrainzRecording): string[] {
  if (rec.artistMbids && rec.artistMbids.length > 0) return rec.artistMbids;
  return splitCredit(rec.artist).map((a) => uuidFrom(`artist:${a.name.toLowerCase()}`));
}

/** Python's datetime.isoformat() with microseconds and +00:00, as ListenBrainz serialises dates. */
export function pythonIso(date: string): string {
  const d = new Date(date);
  if (Number.isNaN(d.getTime())) return date;
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00');
}
