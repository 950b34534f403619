import { describe, expect, it } from '@jest/globals';
import type { HistoryRun } from '@harmoniq/core/pipeline';
import { createRunMetrics } from '../src/daemon/run-metrics.js';

function run(finishedAt: string, ok: boolean, plex: number): HistoryRun {
  return {
    startedAt: finishedAt,
    finishedAt,
    durationMs: 2500,
    trigger: 'every 60 min',
    ok,
    exitCode: ok ? 0 : 1,
    sources: [{ source: 'lastfm-charts', ok, durationMs: 1500, ...(ok ? {} : { error: { code: 'ELASTFMKEY', message: 'bad key' } }) }],
    playlists: [
      { source: 'lastfm-charts', key: 'default', title: 'Global Top 50', action: ok ? 'updated' : 'failed', found: 44, wanted: 50, size: 44, added: [], removed: [], kept: 44, misses: [], exclusions: [], durationMs: 5 },
    ],
    requests: { plex, total: plex + 3 },
  };
}

const value = (text: string, series: string) => Number(new RegExp(`^${series.replace(/[{}"()]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1]);

describe('the daemon metrics (Prometheus text format)', () => {
  it('counts runs by result and requests, and reports the last run per source and playlist', async () => {
    const metrics = createRunMetrics();
    metrics.observe(run('2026-01-01T10:00:00Z', true, 4));
    metrics.observe(run('2026-01-01T11:00:00Z', false, 2));
    const text = await metrics.registry.metrics();
    expect(value(text, 'harmoniq_runs_total{result="ok"}')).toBe(1);
    expect(value(text, 'harmoniq_runs_total{result="failed"}')).toBe(1);
    expect(value(text, 'harmoniq_plex_requests_total')).toBe(6);
    expect(value(text, 'harmoniq_http_requests_total')).toBe(12);
    expect(value(text, 'harmoniq_source_duration_seconds{source="lastfm-charts"}')).toBe(1.5);
    expect(value(text, 'harmoniq_source_ok{source="lastfm-charts"}')).toBe(0);
    expect(value(text, 'harmoniq_playlist_tracks_found{source="lastfm-charts",playlist="Global Top 50"}')).toBe(44);
    expect(value(text, 'harmoniq_playlist_tracks_wanted{source="lastfm-charts",playlist="Global Top 50"}')).toBe(50);
    // The failed run does not move the last success.
    expect(value(text, 'harmoniq_last_success_timestamp_seconds')).toBe(Date.parse('2026-01-01T10:00:00Z') / 1000);
    expect(value(text, 'harmoniq_last_run_timestamp_seconds')).toBe(Date.parse('2026-01-01T11:00:00Z') / 1000);
    expect(text).toContain('# TYPE harmoniq_runs_total counter');
    expect(text).toContain('# HELP harmoniq_last_success_timestamp_seconds');
  });

  it('starts from the recorded history without counting it, and keeps separate registries per daemon', async () => {
    const metrics = createRunMetrics();
    metrics.seed(run('2026-01-02T11:00:00Z', false, 2), run('2026-01-02T09:00:00Z', true, 2));
    const text = await metrics.registry.metrics();
    expect(value(text, 'harmoniq_runs_total{result="ok"}')).toBe(0);
    expect(value(text, 'harmoniq_runs_total{result="failed"}')).toBe(0);
    expect(value(text, 'harmoniq_last_success_timestamp_seconds')).toBe(Date.parse('2026-01-02T09:00:00Z') / 1000);
    const other = await createRunMetrics().registry.metrics();
    expect(value(other, 'harmoniq_last_success_timestamp_seconds')).toBe(0);
  });
});
