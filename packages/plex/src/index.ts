export { createPlexClient, DEFAULT_PAGE_SIZE, type PlexClient, type PlexClientOptions } from './plex-client.js';
export type { Section } from './library.js';
