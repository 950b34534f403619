import { HarmoniqError, isHarmoniqError } from '@harmoniq/core';
import { findUser, type PlexTv, type PlexTvUser, type SharedServer } from './plex-tv.js';

/** A configured household user as plex.tv resolves them: a server token to write their playlists with, or why not. */
export type HouseholdMember =
  | { name: string; user: PlexTvUser; token: string; ok: true }
  | { name: string; user?: PlexTvUser; ok: false; error: HarmoniqError };

/**
 * Asks plex.tv at most twice per run (the users and the server's shares, once each) and resolves every configured
 * name. One user's problem is that user's alone; a plex.tv failure is every household user's, never the owner's.
 */
export interface Household {
  members(): Promise<HouseholdMember[]>;
  /**
   * A fresh token for a user whose token was refused: plex.tv is asked again once per run; after that the user
   * fails alone.
   */
  refresh(name: string): Promise<HouseholdMember>;
}

export function createHousehold(tv: PlexTv, machineIdentifier: string, names: readonly string[], onToken: (token: string) => void): Household {
  let answer: Promise<{ users: PlexTvUser[]; shares: SharedServer[] }> | undefined;
  let refreshed = false;
  const ask = (): Promise<{ users: PlexTvUser[]; shares: SharedServer[] }> =>
    (answer ??= Promise.all([tv.users(), tv.sharedServers(machineIdentifier)]).then(([users, shares]) => ({ users, shares })));

  const resolveAll = async (): Promise<HouseholdMember[]> => {
    try {
      const { users, shares } = await ask();
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
    members: resolveAll,
    refresh: async (name) => {
      if (refreshed) return { name, ok: false, error: userError(name, 'their server token was refused again after it was refreshed from plex.tv', 'Check in Plex (Settings → Users & Sharing) that the share still exists.') };
      refreshed = true;
      answer = undefined;
      const members = await resolveAll();
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
