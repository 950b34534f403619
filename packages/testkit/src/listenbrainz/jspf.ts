import type { JsonObject } from '../lastfm/format.js';
import { artistMbidsOf, pythonIso, releaseMbidOf, type ListenBrainzStore } from './store.js';
import type { ListenBrainzPlaylistFixture } from './types.js';

const PLAYLIST_EXT = 'https://musicbrainz.org/doc/jspf#playlist';
const TRACK_EXT = 'https://musicbrainz.org/doc/jspf#track';
const WEEK_MS = 7 * 24 * 3600 * 1000;

function annotation(p: ListenBrainzPlaylistFixture): string {
  if (p.sourcePatch === 'daily-jams') return 'Daily jams playlist!';
  return `<p>This playlist was made for you by ListenBrainz (${p.sourcePatch}).</p>`;
}

/** A playlist as `serialize_jspf` writes it; `withTracks` false for createdfor listings. */
export function playlistJspf(store: ListenBrainzStore, p: ListenBrainzPlaylistFixture, user: string, opts: { withTracks: boolean; metadata: boolean }): JsonObject {
  const date = pythonIso(p.date);
  const additional: JsonObject = { algorithm_metadata: { source_patch: p.sourcePatch } };
  if (p.sourcePatch.startsWith('weekly-')) {
    const created = new Date(p.date).getTime();
    if (!Number.isNaN(created)) additional['expires_at'] = pythonIso(new Date(created + 2 * WEEK_MS).toISOString());
  }
  return {
    title: p.title,
    creator: 'troi-bot',
    identifier: `https://listenbrainz.org/playlist/${p.mbid}`,
    date,
    annotation: annotation(p),
    extension: {
      [PLAYLIST_EXT]: {
        public: true,
        creator: 'troi-bot',
        created_for: user,
        collaborators: [],
        last_modified_at: date,
        additional_metadata: additional,
      },
    },
    track: opts.withTracks ? p.recordingMbids.map((mbid) => trackJspf(store, p, mbid, opts.metadata)) : [],
  };
}

function trackJspf(store: ListenBrainzStore, p: ListenBrainzPlaylistFixture, mbid: string, metadata: boolean): JsonObject {
  const uri = `https://musicbrainz.org/recording/${mbid}`;
  const track: JsonObject = { identifier: p.identifierAsString ? uri : [uri] };
  const ext: JsonObject = { added_by: 'troi-bot', added_at: pythonIso(p.date) };
  const rec = metadata ? store.recording(mbid) : undefined;
  if (rec) {
    track['title'] = rec.title;
    track['creator'] = rec.artist;
    if (rec.album) track['album'] = rec.album;
    if (rec.lengthMs) track['duration'] = rec.lengthMs;
    ext['artist_identifiers'] = artistMbidsOf(rec).map((a) => `https://musicbrainz.org/artist/${a}`);
    const release = releaseMbidOf(rec);
    if (release) {
      ext['release_identifier'] = `https://musicbrainz.org/release/${release}`;
      ext['additional_metadata'] = { caa_id: null, caa_release_mbid: release };
    }
  }
  track['extension'] = { [TRACK_EXT]: ext };
  return track;
}
