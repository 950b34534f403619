export type { FaultRule } from './common/faults.js';
export type { Emulator, RecordedRequest, EmulatorRequest, EmulatorResponse, Handler, ServeOptions } from './common/server.js';
export { serve, json } from './common/server.js';
export type {
  LastfmPeriod, LastfmTrackFixture, LastfmArtistFixture, LastfmUserFixture, LastfmSimilarArtistFixture, LastfmSimilarTracksFixture,
  LastfmFixture, LastfmEmulatorOptions, LastfmEmulator,
} from './lastfm/types.js';
export { startLastfmEmulator } from './lastfm/emulator.js';
export type {
  ListenBrainzRecording, ListenBrainzPlaylistFixture, ListenBrainzRecommendationFixture, ListenBrainzUserFixture,
  ListenBrainzRateLimit, ListenBrainzEmulatorOptions, ListenBrainzEmulator,
} from './listenbrainz/types.js';
export { startListenBrainzEmulator } from './listenbrainz/emulator.js';
export { sampleLastfmData, type SampleOptions } from './fixtures/lastfm-sample.js';
export { sampleListenBrainzData, type ListenBrainzSample } from './fixtures/listenbrainz-sample.js';
export type { PlexFixtureTrack, PlexEmulatorOptions, PlexEmulator, EmulatedPlaylist, EmulatedPlaylistItem } from './plex/index.js';
export { startPlexEmulator, DEFAULT_PLEX_TOKEN, DEFAULT_PLEX_MACHINE_IDENTIFIER } from './plex/index.js';
export { sampleLibrary } from './fixtures/library-sample.js';
export { generateLibrary } from './fixtures/library-generate.js';
export type { PlexTvEmulator, PlexTvEmulatorOptions, PlexTvUserFixture } from './plextv/index.js';
export { startPlexTvEmulator, DEFAULT_PLEX_TV_OWNER_TOKEN } from './plextv/index.js';
export { startBystander, redirectTo, gzipBomb, startRewritingProxy, type RewriteRule, type RewritingProxy, type JsonRewrite } from './common/hostile.js';
