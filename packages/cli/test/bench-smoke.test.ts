import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';

// The benchmark (`npm run bench`) in miniature: 1,000 tracks, the cheap sources, the same script. It asserts the
// request counts that define the design, never times, so the benchmark cannot rot between the runs that use it.
const BENCH = fileURLToPath(new URL('../../../scripts/bench.mjs', import.meta.url));

interface SizeResult {
  tracks: number;
  cold_exit_code: number;
  warm_exit_code: number;
  change_exit_code: number;
  cold_track_pages: number;
  cold_tracks_per_request: number;
  cold_plex_writes: number;
  warm_track_pages: number;
  warm_from_cache: boolean;
  warm_plex_requests: number;
  warm_plex_writes: number;
  warm_failed_sources: string[];
  warm_candidates: number;
  warm_found: number;
  warm_pipeline_plex_requests: number;
  warm_pipeline_same_as_fresh_matcher: boolean;
  change_track_pages: number;
  baseline_candidates: number;
  baseline_plex_requests: number;
  baseline_found: number;
  baseline_missed: number;
  request_ratio: number;
  match_per_s: number;
  peak_rss_mb: number;
  routes: { warm_plex: Record<string, number> };
}

interface BenchDocument {
  benchmark: string;
  help_ms: number;
  results: SizeResult[];
  targets: { name: string; met: boolean }[];
}

function runBench(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BENCH, ...args], { env: { PATH: process.env.PATH } as NodeJS.ProcessEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

let doc: BenchDocument;
let r: SizeResult;

beforeAll(async () => {
  const run = await runBench(['--smoke', '--json']);
  expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
  doc = JSON.parse(run.stdout) as BenchDocument;
  r = doc.results[0]!;
}, 120_000);

describe('npm run bench (smoke: 1,000 tracks)', () => {
  it('prints one JSON document with a result for the library size it measured', () => {
    expect(doc.benchmark).toBe('harmoniq');
    expect(doc.results).toHaveLength(1);
    expect(r.tracks).toBe(1000);
    expect(doc.help_ms).toBeGreaterThan(0);
    expect(doc.targets.map((t) => t.name)).toEqual(expect.arrayContaining(['warm_no_track_listing', 'request_ratio', 'match_per_s', 'peak_rss_mb']));
  });

  it('runs every sync to a clean exit with every source working', () => {
    expect([r.cold_exit_code, r.warm_exit_code, r.change_exit_code]).toEqual([0, 0, 0]);
    expect(r.warm_failed_sources).toEqual([]);
    expect(r.warm_found).toBeGreaterThan(0);
  });

  it('lists the library in pages of at least 1,000 tracks on the first run', () => {
    expect(r.cold_track_pages).toBeGreaterThan(0);
    expect(r.cold_tracks_per_request).toBeGreaterThanOrEqual(1000);
    expect(r.cold_plex_writes).toBeGreaterThan(0);
  });

  it('lists no tracks and writes nothing on a second run with nothing changed', () => {
    expect(r.warm_from_cache).toBe(true);
    expect(r.warm_track_pages).toBe(0);
    expect(r.warm_plex_writes).toBe(0);
    expect(Object.keys(r.routes.warm_plex).some((route) => route.includes('type=10') && !route.startsWith('GET'))).toBe(false);
  });

  it('reads the library again once it changed (the changed tracks, or all of them)', () => {
    expect(r.change_track_pages).toBeGreaterThan(0);
  });

  it('sends fewer Plex requests than one search per candidate', () => {
    expect(r.baseline_plex_requests).toBe(r.baseline_candidates);
    expect(r.baseline_found + r.baseline_missed).toBe(r.baseline_candidates);
    expect(r.warm_plex_requests).toBeLessThan(r.baseline_plex_requests);
    expect(r.request_ratio).toBeGreaterThan(1);
  });

  it('replays the warm pipeline in-process with the same Plex requests as the spawned warm run', () => {
    expect(r.warm_pipeline_plex_requests).toBe(r.warm_plex_requests);
    // Stored parses and results give the decisions and playlists a fresh matcher gives.
    expect(r.warm_pipeline_same_as_fresh_matcher).toBe(true);
  });

  it('measures matcher throughput and the peak memory of the sync process', () => {
    expect(r.match_per_s).toBeGreaterThan(0);
    expect(r.peak_rss_mb).toBeGreaterThan(0);
  });
});
