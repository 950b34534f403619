import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { HistoryRun } from '@harmoniq/core/pipeline';

export interface RunMetrics {
  registry: Registry;
  /** Counts a finished run and sets the gauges from it. */
  observe(run: HistoryRun): void;
  /** Sets the gauges from a run recorded before the daemon started, without counting it. */
  seed(run: HistoryRun, lastSuccess?: HistoryRun): void;
}

const seconds = (iso: string) => Date.parse(iso) / 1000;

/**
 * The daemon's Prometheus metrics, in a registry of its own (no global default registry). prom-client renders the
 * text format; the metrics are fed from the run history records, so /metrics and the report agree.
 */
export function createRunMetrics(): RunMetrics {
  const registry = new Registry();
  const m = {
    runs: new Counter({ name: 'harmoniq_runs_total', help: 'Runs finished by this daemon, by result (ok or failed).', labelNames: ['result'] as const, registers: [registry] }),
    runDuration: new Gauge({ name: 'harmoniq_run_duration_seconds', help: 'Duration of the last run.', registers: [registry] }),
    sourceDuration: new Gauge({ name: 'harmoniq_source_duration_seconds', help: "Duration of each source's part of the last run it was in.", labelNames: ['source'] as const, registers: [registry] }),
    sourceOk: new Gauge({ name: 'harmoniq_source_ok', help: 'Whether the source succeeded in the last run it was in (1) or failed (0).', labelNames: ['source'] as const, registers: [registry] }),
    found: new Gauge({ name: 'harmoniq_playlist_tracks_found', help: "Candidates found in the library for each playlist, last run.", labelNames: ['source', 'playlist'] as const, registers: [registry] }),
    wanted: new Gauge({ name: 'harmoniq_playlist_tracks_wanted', help: 'Candidates the source wanted for each playlist, last run.', labelNames: ['source', 'playlist'] as const, registers: [registry] }),
    plexRequests: new Counter({ name: 'harmoniq_plex_requests_total', help: 'HTTP requests sent to Plex by runs of this daemon.', registers: [registry] }),
    requests: new Counter({ name: 'harmoniq_http_requests_total', help: 'HTTP requests sent to every service by runs of this daemon.', registers: [registry] }),
    lastRun: new Gauge({ name: 'harmoniq_last_run_timestamp_seconds', help: 'When the last run finished (Unix time).', registers: [registry] }),
    lastSuccess: new Gauge({ name: 'harmoniq_last_success_timestamp_seconds', help: 'When the last successful run finished (Unix time); 0 when none is recorded.', registers: [registry] }),
  };
  collectDefaultMetrics({ register: registry, prefix: 'harmoniq_' });

  const setGauges = (run: HistoryRun) => {
    m.runDuration.set(run.durationMs / 1000);
    m.lastRun.set(seconds(run.finishedAt));
    for (const s of run.sources) {
      m.sourceDuration.set({ source: s.source }, s.durationMs / 1000);
      m.sourceOk.set({ source: s.source }, s.ok ? 1 : 0);
    }
    for (const p of run.playlists) {
      m.found.set({ source: p.source, playlist: p.title }, p.found);
      m.wanted.set({ source: p.source, playlist: p.title }, p.wanted);
    }
    if (run.ok) m.lastSuccess.set(seconds(run.finishedAt));
  };

  m.lastSuccess.set(0);
  m.runs.inc({ result: 'ok' }, 0);
  m.runs.inc({ result: 'failed' }, 0);
  return {
    registry,
    observe(run) {
      m.runs.inc({ result: run.ok ? 'ok' : 'failed' });
      m.plexRequests.inc(run.requests.plex);
      m.requests.inc(run.requests.total);
      setGauges(run);
    },
    seed(run, lastSuccess) {
      setGauges(run);
      if (lastSuccess) m.lastSuccess.set(seconds(lastSuccess.finishedAt));
    },
  };
}
