import type { ConfigFile } from './schema.js';

/** A household user: a Plex account whose own playlists Harmoniq keeps, with that person's overrides. */
export interface HouseholdUser {
  /** As configured: a Plex username or display title (case-insensitive). */
  name: string;
  /** Only these sources for this user; absent: every enabled source. */
  only?: string[];
  /** This user's settings by environment name (their user names, tokens, playlist titles); they beat the owner's. */
  env: Record<string, string>;
  /** This user's per-source sections, over the top-level `sources:`. */
  sources: NonNullable<ConfigFile['sources']>;
}

export interface HouseholdConfig {
  users: HouseholdUser[];
  /** PLEX_TV_URL, default https://plex.tv. */
  plexTvUrl: string;
}
