import { HarmoniqError, type PlaylistSource, type CommonSourceOptions } from '@harmoniq/core';
import { configForUser, isSecretName, issueLine, resolveSourceStatuses, type HouseholdUser, type ResolvedSource, type SyncTarget } from '@harmoniq/core/pipeline';
import { createHousehold, createPlexClient, createPlexTv, type Household } from '@harmoniq/plex';
import { householdCache } from './household-cache.js';
import { installId } from './install-id.js';
import type { Runtime } from './runtime.js';

/** One household user's part of a run: the sources they get, with their own settings. */
export interface UserPlan {
  user: HouseholdUser;
  sources: ResolvedSource[];
}

/**
 * Which sources each household user gets, checked before anything is written: the sources named on the command
 * line or enabled (by the owner's settings or their own), narrowed by their `only:` list. Every problem of every
 * user comes back as one line naming the user, to be reported with the owner's.
 */
export function planHousehold(rt: Runtime, all: readonly PlaylistSource<unknown>[], names: readonly string[]): { plans: UserPlan[]; problems: string[] } {
  const plans: UserPlan[] = [];
  const problems: string[] = [];
  const known = new Set(all.map((s) => s.name));
  for (const user of rt.config.household.users) {
    for (const [k, v] of Object.entries(user.env)) if (isSecretName(k)) rt.redactor.add(v);
    const where = `users.${user.name}`;
    for (const n of user.only ?? []) if (!known.has(n)) problems.push(`${where}.only names no known source '${n}' (known: ${[...known].join(', ')})`);
    const statuses = resolveSourceStatuses(configForUser(rt.config, user), all).statuses;
    const wanted = (s: { source: PlaylistSource<unknown>; enabled: boolean }): boolean =>
      (names.length ? names.includes(s.source.name) : user.only ? true : s.enabled) && (!user.only || user.only.includes(s.source.name));
    const chosen = statuses.filter(wanted);
    const lines = chosen.flatMap((s) => s.problems.map((p) => `${where}: ${issueLine(p, s.source.name)}`));
    problems.push(...lines);
    if (lines.length === 0 && chosen.length > 0) {
      plans.push({ user, sources: chosen.map((s) => ({ source: s.source, options: s.options, common: s.common as CommonSourceOptions })) });
    }
  }
  return { plans, problems };
}

/**
 * The run's household targets. Each user's server token comes from plex.tv's answer, kept a day in the data dir
 * (so a warm run asks plex.tv nothing) and asked again when Plex refuses a token; every token is registered as a
 * secret before it is used.
 */
export async function householdTargets(rt: Runtime, plans: readonly UserPlan[]): Promise<SyncTarget[]> {
  if (plans.length === 0) return [];
  const { url, token } = rt.config.plex;
  if (!url || !token) return [];
  const clientIdentifier = await installId(rt.config.dataDir);
  const tv = createPlexTv({ url: rt.config.household.plexTvUrl, token, http: rt.http, logger: rt.logger.child('plex.tv'), clientIdentifier });
  let household: { mid: string; value: Household } | undefined;
  const forServer = (mid: string): Household => {
    if (household?.mid !== mid) {
      household = {
        mid,
        value: createHousehold(tv, mid, plans.map((p) => p.user.name), (t) => rt.redactor.add(t), { cache: householdCache(rt.config.dataDir, rt.logger), now: () => rt.clock.now().getTime() }),
      };
    }
    return household.value;
  };
  return plans.map(
    (plan): SyncTarget => ({
      user: plan.user.name,
      sources: plan.sources,
      open: async (server, fresh) => {
        const h = forServer(server.machineIdentifier);
        const member = fresh ? await h.refresh(plan.user.name) : (await h.members()).find((m) => m.name === plan.user.name);
        if (!member) return new HarmoniqError({ code: 'EPLEXUSER', message: `Household user '${plan.user.name}' was not resolved.` });
        if (!member.ok) return member.error;
        return createPlexClient({ url, token: member.token, http: rt.http, logger: rt.logger.child(`plex @${plan.user.name}`), pageSize: rt.config.plex.pageSize, maxItems: rt.config.limits.maxItems, clientIdentifier });
      },
    }),
  );
}

/**
 * The plans for a run of some of the sources (the daemon's Daily Flow boundary): each user keeps only those. A run
 * of every enabled source keeps each user's own extra sources too.
 */
export function narrowPlans(plans: readonly UserPlan[], run: readonly ResolvedSource[], all: readonly ResolvedSource[]): UserPlan[] {
  const names = new Set(run.map((s) => s.source.name));
  if (all.every((s) => names.has(s.source.name))) return [...plans];
  return plans.map((p) => ({ ...p, sources: p.sources.filter((s) => names.has(s.source.name)) })).filter((p) => p.sources.length > 0);
}
