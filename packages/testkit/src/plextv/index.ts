export { startPlexTvEmulator, DEFAULT_PLEX_TV_OWNER_TOKEN } from './emulator.js';
export type { PlexTvEmulator, PlexTvEmulatorOptions, PlexTvUserFixture } from './types.js';
