export type { PlexFixtureTrack, PlexEmulatorOptions, PlexEmulator, EmulatedPlaylist, EmulatedPlaylistItem } from './types.js';
export { startPlexEmulator, DEFAULT_TOKEN as DEFAULT_PLEX_TOKEN, DEFAULT_MACHINE_IDENTIFIER as DEFAULT_PLEX_MACHINE_IDENTIFIER } from './emulator.js';
