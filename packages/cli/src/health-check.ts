import { join } from 'node:path';
import { formatLocal, readJsonFile } from '@harmoniq/core';
import { type RunRecord } from '@harmoniq/core/pipeline';
import { longestGapMinutes } from './daemon/schedule.js';
import type { Runtime } from './runtime.js';

/** Slack on top of twice the schedule's gap: one missed or slow run is not yet unhealthy. */
const GRACE_MINUTES = 10;
const DAY_MINUTES = 24 * 60;

export interface HealthVerdict {
  healthy: boolean;
  /** One line: `healthy: …` or `unhealthy: …`. */
  line: string;
}

/**
 * The rules of `harmoniq health` and the daemon's /healthz: healthy when the last run succeeded recently enough.
 * Reads only the state file (no network), and never changes it.
 */
export async function checkHealth(rt: Runtime, maxAgeMinutes?: number): Promise<HealthVerdict> {
  const now = rt.clock.now();
  const maxAge = maxAgeMinutes ?? defaultMaxAge(rt, now);
  const path = join(rt.config.dataDir, 'state.json');
  const read = await readJsonFile<unknown>(path);
  const unhealthy = (why: string): HealthVerdict => ({ healthy: false, line: rt.redactor.redact(`unhealthy: ${why}`) });
  // Read-only on purpose: the state store would move a corrupt file aside, which is the daemon's business.
  if (read.status === 'corrupt') return unhealthy(`the state file ${path} cannot be read: ${read.error}`);
  const last = read.status === 'ok' ? lastRunOf(read.value) : undefined;
  if (!last) return unhealthy(`no run recorded yet in ${rt.config.dataDir}`);
  const finished = new Date(last.finishedAt);
  const when = Number.isNaN(finished.getTime()) ? last.finishedAt : formatLocal(rt.clock, finished);
  if (!last.ok) {
    const why = (last.summary ?? '').replace(/^failed: /, '');
    return unhealthy(`the last run (${when}) failed with exit code ${last.exitCode}${why ? `: ${why}` : ''}`);
  }
  const ageMinutes = (now.getTime() - finished.getTime()) / 60_000;
  if (!(ageMinutes <= maxAge)) {
    return unhealthy(`the last successful run finished ${Math.round(ageMinutes)} min ago (${when}), more than ${maxAge} min`);
  }
  return { healthy: true, line: rt.redactor.redact(`healthy: the last run (${when}) succeeded${last.summary ? `: ${last.summary}` : ''}`) };
}

function lastRunOf(state: unknown): RunRecord | undefined {
  const run = state && typeof state === 'object' ? (state as { lastRun?: unknown }).lastRun : undefined;
  if (!run || typeof run !== 'object') return undefined;
  const r = run as Partial<RunRecord>;
  if (typeof r.finishedAt !== 'string' || typeof r.ok !== 'boolean') return undefined;
  return { startedAt: String(r.startedAt ?? ''), finishedAt: r.finishedAt, ok: r.ok, exitCode: Number(r.exitCode ?? 0), summary: typeof r.summary === 'string' ? r.summary : undefined };
}

/** Twice the longest gap of the schedule plus a grace period; a day and the grace without a schedule. */
function defaultMaxAge(rt: Runtime, now: Date): number {
  const { intervalMinutes, cron } = rt.config.schedule;
  let gap: number | undefined;
  try {
    gap = longestGapMinutes({ intervalMinutes, cron, zone: rt.clock.zone }, now);
  } catch {
    gap = undefined; // an invalid SCHEDULE_CRON is the daemon's error to report, not the health check's
  }
  return Math.round((gap ? gap * 2 : DAY_MINUTES) + GRACE_MINUTES);
}
