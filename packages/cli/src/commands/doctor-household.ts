import { createHousehold, createPlexClient, createPlexTv } from '@harmoniq/plex';
import { installId } from '../install-id.js';
import type { Runtime } from '../runtime.js';

/** One check per household user: plex.tv knows them, the server is shared with them, their token sees the music library. */
export function householdChecks(rt: Runtime, machineIdentifier: () => Promise<string>): { name: string; run: () => Promise<string> }[] {
  const { users, plexTvUrl } = rt.config.household;
  const { url, token, library } = rt.config.plex;
  if (!users.length || !url || !token) return [];
  let household: ReturnType<typeof createHousehold> | undefined;
  const resolved = async () => {
    if (!household) {
      const clientIdentifier = await installId(rt.config.dataDir);
      const tv = createPlexTv({ url: plexTvUrl, token, http: rt.http, logger: rt.logger.child('plex.tv'), clientIdentifier });
      household = createHousehold(tv, await machineIdentifier(), users.map((u) => u.name), (t) => rt.redactor.add(t));
    }
    return household.members();
  };
  return users.map((u) => ({
    name: u.name,
    run: async () => {
      const member = (await resolved()).find((m) => m.name === u.name);
      if (!member) throw new Error(`'${u.name}' was not resolved.`);
      if (!member.ok) throw member.error;
      const client = createPlexClient({ url, token: member.token, http: rt.http, logger: rt.logger.child(`plex @${u.name}`), pageSize: rt.config.plex.pageSize });
      const section = await client.musicSection(library);
      const playlists = await client.list();
      return `${member.user.title || member.user.username}: their token sees '${section.title}'; ${playlists.length} playlist${playlists.length === 1 ? '' : 's'} in their account`;
    },
  }));
}
