export { createPlexClient, DEFAULT_PAGE_SIZE, type PlexClient, type PlexClientOptions } from './plex-client.js';
export type { Section } from './library.js';
export { createPlexTv, findUser, DEFAULT_PLEX_TV_URL, type PlexTv, type PlexTvOptions, type PlexTvUser, type SharedServer } from './plex-tv.js';
export { createHousehold, type Household, type HouseholdMember } from './household.js';
export type { PlaylistPosters, PosterSource } from './posters.js';
