import { HarmoniqError, isHarmoniqError } from '@harmoniq/core';
import { findUser, type PlexTv, type PlexTvUser, type SharedServer } from './plex-tv.js';

/** A configured household user as plex.tv resolves them: a server token to write their playlists with, or why not. */
export type HouseholdMember =
  | { name: string; user: PlexTvUser; token: string; ok: true }
  | { name: string; user?: PlexTvUser; ok: false; error: HarmoniqError };

/**
 * Asks plex.tv (the users and the server's shares, once each) only when no young answer is kept, and resolves every
 * configured name. One user's problem is that user's alone; a plex.tv failure is every household user's, never the owner's.
 */
export interface Household {
  members(): Promise<HouseholdMember[]>;
  /**
   * A fresh token for a user whose token was refused: plex.tv is asked again once per run; after that the user
   * fails alone.
   */
  refresh(name: string): Promise<HouseholdMember>;
}

/** What plex.tv said, kept between runs (the data dir, owner-only) so a warm run need not ask it at all. */
export interface HouseholdSnapshot {
  machineIdentifier: string;
  /** Epoch ms of the answer. */
  at: number;
  users: PlexTvUser[];
  shares: SharedServer[];
}

export interface HouseholdCache {
  load(): Promise<HouseholdSnapshot | undefined>;
  save(snapshot: HouseholdSnapshot): Promise<void>;
}

export interface HouseholdOptions {
  cache?: HouseholdCache;
  /** A kept answer older than this is asked again; default a day (new shares show up within a day). */
  maxAgeMs?: number;
  now?: () => number;
}

export const HOUSEHOLD_MAX_AGE_MS = 24 * 3_600_000;

export function createHousehold(
  tv: PlexTv,
  machineIdentifier: string,
  names: readonly string[],
  onToken: (token: string) => void,
  options: HouseholdOptions = {},
): Household {
  const now = options.now ?? Date.now;
  const maxAge = options.maxAgeMs ?? HOUSEHOLD_MAX_AGE_MS;
  let answer: Promise<{ users: PlexTvUser[]; shares: SharedServer[] }> | undefined;
  let refreshed = false;
  const fromPlexTv = async (): Promise<{ users: PlexTvUser[]; shares: SharedServer[] }> => {
    const [users, shares] = await Promise.all([tv.users(), tv.sharedServers(machineIdentifier)]);
    await options.cache?.save({ machineIdentifier, at: now(), users, shares }).catch(() => undefined);
    return { users, shares };
  };
  // A kept answer serves while it is young, for this server, and knows every configured name; else plex.tv is asked.
  const fromCache = async (): Promise<{ users: PlexTvUser[]; shares: SharedServer[] } | undefined> => {
    const kept = await options.cache?.load().catch(() => undefined);
    if (!kept || kept.machineIdentifier !== machineIdentifier || !(now() - kept.at < maxAge && kept.at <= now())) return undefined;
    return names.every((n) => findUser(kept.users, n)) ? { users: kept.users, shares: kept.shares } : undefined;
  };
  const ask = (forced = false): Promise<{ users: PlexTvUser[]; shares: SharedServer[] }> =>
    (answer ??= (forced ? Promise.resolve(undefined) : fromCache()).then((kept) => kept ?? fromPlexTv()));

  const resolveAll = async (forced = false): Promise<HouseholdMember[]> => {
    try {
      const { users, shares } = await ask(forced);
      return names.map((name) => {
        const member = resolveMember(name, users, shares);
        if (member.ok) onToken(member.token);
        return member;
      });
    } catch (error) {
      answer = undefined;
      const e = isHarmoniqError(error) ? error : new HarmoniqError({ code: 'EPLEXTV', message: String(error) });
      return names.map((name) => ({ name, ok: false as const, error: e }));
    }
  };

  return {
    members: () => resolveAll(),
    refresh: async (name) => {
      if (refreshed) return { name, ok: false, error: userError(name, 'their server token was refused again after it was refreshed from plex.tv', 'Check in Plex (Settings → Users & Sharing) that the share still exists.') };
      refreshed = true;
      answer = undefined;
      const members = await resolveAll(true);
      return members.find((m) => m.name === name) ?? { name, ok: false, error: userError(name, 'it is not configured', '') };
    },
  };
}

function resolveMember(name: string, users: PlexTvUser[], shares: SharedServer[]): HouseholdMember {
  const user = findUser(users, name);
  if (!user) {
    const known = users.map((u) => u.title || u.username).filter(Boolean).join(', ') || 'none';
    return { name, ok: false, error: userError(name, `no Plex user has that name or title (users of this server: ${known})`, 'Fix the name in PLEX_USERS or users: (a title or username, case does not matter).') };
  }
  const share = shares.find((s) => s.userId === user.id);
  if (!share) {
    return { name, user, ok: false, error: userError(name, 'this server is not shared with them', 'Share the server and its music library with them in Plex (Settings → Users & Sharing).') };
  }
  const music = share.sections.filter((s) => s.type === 'artist');
  if (music.length > 0 && !music.some((s) => s.shared)) {
    return { name, user, ok: false, error: userError(name, 'their share leaves out the music library', 'Add the music library to their share in Plex (Settings → Users & Sharing).') };
  }
  return { name, user, token: share.accessToken, ok: true };
}

function userError(name: string, why: string, hint: string): HarmoniqError {
  return new HarmoniqError({ code: 'EPLEXUSER', message: `Household user '${name}': ${why}.`, hint: hint || undefined });
}
