import type { PlaylistReport, SyncReport } from '../pipeline/report.js';
import type { HistoryMiss, HistoryPlaylist, HistoryRun, HistoryTrack, RunHistory } from './history-types.js';

/** Misses kept per playlist and run: enough to see what was wanted, small enough for 200 runs. */
export const MAX_MISSES_PER_PLAYLIST = 100;

export interface RunFacts {
  trigger: string;
  requests: { plex: number; total: number };
}

export interface HistoryLimits {
  maxRuns: number;
  maxDays: number;
}

const DAY_MS = 86_400_000;

/**
 * Pure: the history after `report`. Added and removed titles come from the playlist's tracks before and after
 * the run (a skipped or failed playlist keeps its previous tracks); the oldest runs beyond the limits are dropped.
 */
export function appendRun(history: RunHistory, report: SyncReport, facts: RunFacts, limits: HistoryLimits): RunHistory {
  const current = { ...history.current };
  const playlists: HistoryPlaylist[] = [];
  for (const source of report.sources) {
    for (const p of source.playlists) {
      const id = `${source.source}/${p.key}`;
      const before = current[id]?.tracks ?? [];
      const after = changed(p) ? tracksOf(p) : before;
      if (changed(p) || current[id]) {
        current[id] = { title: p.title, ...(p.ratingKey ? { ratingKey: p.ratingKey } : {}), updatedAt: report.finishedAt, tracks: after };
      }
      playlists.push(playlistRecord(source.source, p, before, after));
    }
  }
  const run: HistoryRun = {
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    durationMs: report.durationMs,
    trigger: facts.trigger,
    ok: report.ok,
    exitCode: report.exitCode,
    ...(report.error ? { error: { code: report.error.code, message: report.error.message } } : {}),
    sources: report.sources.map((s) => ({
      source: s.source,
      ok: s.ok,
      ...(s.error ? { error: { code: s.error.code, message: s.error.message } } : {}),
      durationMs: s.durationMs,
    })),
    playlists,
    requests: facts.requests,
  };
  return { version: 1, runs: bound([...history.runs, run], limits, Date.parse(report.finishedAt)), current };
}

/** At most maxRuns runs, none older than maxDays before `now`; the newest run is always kept. */
export function bound(runs: HistoryRun[], limits: HistoryLimits, now: number): HistoryRun[] {
  const oldest = now - limits.maxDays * DAY_MS;
  const recent = runs.filter((r, i) => i === runs.length - 1 || !(Date.parse(r.finishedAt) < oldest));
  return recent.slice(-Math.max(1, limits.maxRuns));
}

/** The playlist's content was (re)written, or confirmed, by this run. */
function changed(p: PlaylistReport): boolean {
  return p.action === 'created' || p.action === 'updated' || p.action === 'unchanged';
}

function tracksOf(p: PlaylistReport): HistoryTrack[] {
  return p.candidates.filter((c) => c.used).map((c) => ({ artist: c.artist, title: c.title, ...(c.ratingKey ? { ratingKey: c.ratingKey } : {}) }));
}

const identity = (t: HistoryTrack) => t.ratingKey ?? `${t.artist}\u0000${t.title}`;

function playlistRecord(source: string, p: PlaylistReport, before: HistoryTrack[], after: HistoryTrack[]): HistoryPlaylist {
  const had = new Set(before.map(identity));
  const has = new Set(after.map(identity));
  const misses: HistoryMiss[] = p.candidates
    .filter((c) => c.status === 'unmatched' && c.reason !== 'skipped')
    .map((c) => ({
      artist: c.artist,
      title: c.title,
      reason: c.reason ?? 'not-found',
      ...(c.best ? { nearest: { artist: c.best.artist, title: c.best.title, score: c.best.score } } : {}),
    }));
  return {
    source,
    key: p.key,
    title: p.title,
    ...(p.ratingKey ? { ratingKey: p.ratingKey } : {}),
    action: p.action,
    ...(p.reason ? { reason: p.reason } : {}),
    found: p.counts.found,
    wanted: p.counts.candidates,
    size: p.counts.size,
    added: after.filter((t) => !had.has(identity(t))),
    removed: before.filter((t) => !has.has(identity(t))),
    kept: after.filter((t) => had.has(identity(t))).length,
    misses: misses.slice(0, MAX_MISSES_PER_PLAYLIST),
    ...(misses.length > MAX_MISSES_PER_PLAYLIST ? { missesOmitted: misses.length - MAX_MISSES_PER_PLAYLIST } : {}),
    exclusions: p.candidates.filter((c) => c.status === 'excluded').map((c) => ({ artist: c.artist, title: c.title, rule: c.excluded ?? 'excluded' })),
    durationMs: p.durationMs,
  };
}

/** The runs that involved `source`, each narrowed to that source's part; every run when no source is given. Newest first. */
export function runsFor(history: RunHistory, source?: string): HistoryRun[] {
  const runs = [...history.runs].reverse();
  if (!source) return runs;
  return runs
    .filter((r) => r.sources.some((s) => s.source === source))
    .map((r) => ({ ...r, sources: r.sources.filter((s) => s.source === source), playlists: r.playlists.filter((p) => p.source === source) }));
}
