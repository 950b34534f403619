import {
  sampleLastfmData,
  sampleLibrary,
  sampleListenBrainzData,
  startLastfmEmulator,
  startListenBrainzEmulator,
  startPlexEmulator,
  type PlexEmulator,
} from '@harmoniq/testkit';

/** The bundled emulators with the sample library, and the environment that points Harmoniq at them. */
export interface DemoWorld {
  plex: PlexEmulator;
  trackCount: number;
  /** PLEX_URL, tokens, API URLs and the enabled sources: everything but the data directory. */
  env: Record<string, string>;
  describe(): string;
  close(): Promise<void>;
}

export async function startDemoWorld(): Promise<DemoWorld> {
  const plex = await startPlexEmulator({ tracks: sampleLibrary() });
  const library = plex.tracks().map((t) => ({ artist: t.trackArtist ?? t.artist, title: t.title, album: t.album, durationMs: t.durationMs }));
  const lastfm = await startLastfmEmulator({ data: sampleLastfmData(library) });
  const lbData = sampleListenBrainzData(library);
  const lbToken = 'demo-listenbrainz-token';
  const listenbrainz = await startListenBrainzEmulator({ tokens: { [lbToken]: 'harmoniq-user' }, users: lbData.users, recordings: lbData.recordings });
  const env: Record<string, string> = {
    PLEX_URL: plex.url,
    PLEX_TOKEN: plex.token,
    PLEX_MUSIC_LIBRARY_NAME: 'Music',
    LASTFM_API_KEY: lastfm.apiKey,
    LASTFM_API_URL: `${lastfm.url}/2.0/`,
    LASTFM_USER: 'harmoniq-user',
    ENABLE_LASTFM_CHARTS: 'true',
    ENABLE_LASTFM_RECS: 'true',
    // Last.fm allows 5 requests a second and the recommendations keep to it, emulator or not: fewer seeds and
    // a shorter playlist cut the demo's wait (about 7 s instead of 11 s, measured), and the demo says why it waits.
    LASTFM_RECS_SEED_ARTISTS: '4',
    LASTFM_RECS_SEED_TRACKS: '4',
    PLAYLIST_SIZE_RECS: '25',
    ENABLE_TIME_PLAYLIST: 'true',
    ENABLE_LISTENBRAINZ_RECS: 'true',
    LISTENBRAINZ_USER_TOKEN: lbToken,
    LISTENBRAINZ_API_URL: listenbrainz.url,
  };
  return {
    plex,
    trackCount: library.length,
    env,
    describe: () => `emulated Plex at ${plex.url} with ${library.length} tracks, Last.fm at ${lastfm.url}, ListenBrainz at ${listenbrainz.url}`,
    close: async () => {
      await Promise.all([plex.close(), lastfm.close(), listenbrainz.close()]);
    },
  };
}
