import { randomBytes } from 'node:crypto';
import { chmod, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@harmoniq/core';
import type { HouseholdCache, HouseholdSnapshot } from '@harmoniq/plex';

/**
 * plex.tv's last answer in `<data dir>/household.json`, readable by the owner only (0600): it holds the users' server
 * tokens, which never go into reports or logs. A file that cannot be read as one is ignored with a warning; plex.tv is
 * then asked and the file written anew.
 */
export function householdCache(dataDir: string, logger: Logger): HouseholdCache {
  const path = join(dataDir, 'household.json');
  return {
    load: async () => {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch {
        return undefined;
      }
      const snapshot = parse(text);
      if (!snapshot) logger.warn(`${path} is not a household answer Harmoniq wrote; plex.tv is asked again.`);
      return snapshot;
    },
    save: async (snapshot) => {
      const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await writeFile(temp, JSON.stringify(snapshot), { mode: 0o600, flag: 'wx' });
        await chmod(temp, 0o600);
        await rename(temp, path);
      } catch (error) {
        await rm(temp, { force: true });
        logger.debug(`The household answer could not be kept (${(error as Error).message}); plex.tv is asked next run.`);
      }
    },
  };
}

function parse(text: string): HouseholdSnapshot | undefined {
  try {
    const v = JSON.parse(text) as Partial<HouseholdSnapshot>;
    const ok =
      typeof v.machineIdentifier === 'string' &&
      typeof v.at === 'number' &&
      Array.isArray(v.users) &&
      Array.isArray(v.shares) &&
      v.users.every((u) => u && typeof u.id === 'string' && typeof u.title === 'string' && typeof u.username === 'string' && typeof u.email === 'string') &&
      v.shares.every((s) => s && typeof s.userId === 'string' && typeof s.accessToken === 'string' && Array.isArray(s.sections));
    return ok ? (v as HouseholdSnapshot) : undefined;
  } catch {
    return undefined;
  }
}
