export { createPlexClient, DEFAULT_PAGE_SIZE, type PlexClient, type PlexClientOptions } from './plex-client.js';
export type { Section } from './library.js';
export { createPlexTv, findUser, DEFAULT_PLEX_TV_URL, type PlexTv, type PlexTvOptions, type PlexTvUser, type SharedServer } from './plex-tv.js';
export { createHousehold, HOUSEHOLD_MAX_AGE_MS, type Household, type HouseholdMember, type HouseholdCache, type HouseholdSnapshot, type HouseholdOptions } from './household.js';
export type { PlaylistPosters, PosterSource } from './posters.js';
