import type { Emulator } from '../common/server.js';

/** A friend or Plex Home member as plex.tv lists them for the owner (api facts §6.1). */
export interface PlexTvUserFixture {
  id: number;
  /** Display title; a managed Home user has only this. */
  title: string;
  /** Empty for managed Home users. */
  username?: string;
  email?: string;
  home?: boolean;
  restricted?: boolean;
  /** A PIN-protected Home member. */
  protected?: boolean;
  /**
   * The user's server access token for the emulated server, as `shared_servers` carries it. Absent: the
   * server is not shared with this user (no SharedServer element).
   */
  serverToken?: string;
  /** Whether the share includes the music section (its `Section shared` flag); default true. */
  musicShared?: boolean;
}

export interface PlexTvEmulatorOptions {
  /** The owner's plex.tv account token; default 'plextv-owner-token'. */
  ownerToken?: string;
  /** The machineIdentifier of the owner's server, as the Plex emulator reports it. */
  machineIdentifier: string;
  serverName?: string;
  /** The music section's key on that server, for `Section` children; default '3'. */
  musicSectionKey?: string;
  users?: PlexTvUserFixture[];
  /** Answer 400 (code 1000) to calls without X-Plex-Client-Identifier; default true (the case hardest on a client). */
  requireClientIdentifier?: boolean;
}

export interface PlexTvEmulator extends Emulator {
  readonly ownerToken: string;
  /** Replaces the users plex.tv knows (e.g. a share revoked or a user added between runs). */
  setUsers(users: PlexTvUserFixture[]): void;
}
