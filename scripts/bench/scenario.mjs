// One library size, measured end to end: cold, warm and after-change syncs (spawned), the in-process replay of
// Harmoniq's pipeline, the per-candidate search baseline over the same candidates, and matcher throughput.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baselineCandidates, runBaseline } from './baseline.mjs';
import { startWorld, syncEnv } from './emulators.mjs';
import { changeLibrary } from './library-change.mjs';
import { measureMatcherApart, serviceCandidates } from './matcher-throughput.mjs';
import { replayPipeline } from './pipeline-replay.mjs';
import { summariseRequests } from './requests.mjs';
import { runHarmoniq } from './run-child.mjs';

const round = (n, digits = 0) => (n === undefined || Number.isNaN(n) ? undefined : Number(n.toFixed(digits)));

function reportCounts(report) {
  let candidates = 0;
  let found = 0;
  const failed = [];
  const actions = {};
  for (const s of report.sources ?? []) {
    if (!s.ok) failed.push(`${s.source}: ${s.error?.code ?? '?'}`);
    for (const p of s.playlists ?? []) {
      candidates += p.counts.candidates;
      found += p.counts.found;
      actions[p.action] = (actions[p.action] ?? 0) + 1;
    }
  }
  return { candidates, found, failed, actions };
}

async function spawnSync(label, world, env, dataDir, log) {
  world.resetRequests();
  const run = await runHarmoniq(['sync', '--all', '--json'], env, dataDir);
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    throw new Error(`${label} sync printed no JSON report (exit ${run.code}): ${run.stderr.slice(0, 2000)}`);
  }
  const requests = summariseRequests(world);
  const counts = reportCounts(report);
  log(`  ${label}: exit ${run.code}, ${Math.round(run.ms)} ms, ${requests.plex} Plex requests, fromCache=${report.library?.fromCache}, ${counts.found}/${counts.candidates} found${counts.failed.length ? `, failed: ${counts.failed.join(', ')}` : ''}`);
  return { run, report, requests, counts };
}

/**
 * @param {{ tracks: number, sources: string[], matchSeconds: number, skipMatcher?: boolean, log: (s: string) => void }} opts
 */
export async function measureSize(opts) {
  const { tracks, sources, log } = opts;
  const t0 = performance.now();
  const world = await startWorld({ tracks });
  log(`${tracks} tracks: emulators ready in ${Math.round(performance.now() - t0)} ms (Plex ${world.plex.url})`);
  const dataDir = mkdtempSync(join(tmpdir(), 'harmoniq-bench-'));
  const env = syncEnv(world, dataDir, sources);
  try {
    const cold = await spawnSync('cold', world, env, dataDir, log);
    const warm = await spawnSync('warm', world, env, dataDir, log);

    const replay = await replayPipeline({ env, dataDir, names: sources, world });
    const replayRequests = summariseRequests(world);
    log(`  pipeline replay (warm, in-process): ${Math.round(replay.ms)} ms, ${replayRequests.plex} Plex requests, ${replay.sameAsFresh ? 'same decisions and playlists as a fresh matcher' : 'DECISIONS DIFFER FROM A FRESH MATCHER'}`);

    const candidates = baselineCandidates(warm.report);
    world.resetRequests();
    const baseline = await runBaseline(world.plex, candidates);
    const baselineRequests = summariseRequests(world);
    log(`  baseline: ${baseline.candidates} searches in ${Math.round(baseline.ms)} ms, found ${baseline.found}, missed ${baseline.missed}`);

    let matcher;
    if (!opts.skipMatcher) {
      matcher = await measureMatcherApart(dataDir, serviceCandidates(world), { minSeconds: opts.matchSeconds });
      log(`  matcher: ${Math.round(matcher.perSecond)} candidates/s over ${matcher.candidates} distinct candidates (index built in ${Math.round(matcher.buildMs)} ms)`);
    }

    const changed = changeLibrary(world.plex);
    const change = await spawnSync(`change (+${changed.added} ~${changed.updated} -${changed.removed})`, world, env, dataDir, log);

    const rss = [cold, warm, change].map((r) => r.run.peakRssMb).filter((x) => x !== undefined);
    return {
      tracks,
      sources,
      cold_plex_requests: cold.requests.plex,
      cold_plex_writes: cold.requests.plexWrites,
      cold_track_pages: cold.requests.trackPages,
      cold_listing_pages: cold.requests.listingPages,
      cold_tracks_per_request: round(tracks / Math.max(1, cold.requests.trackPages)),
      cold_lastfm_requests: cold.requests.lastfm,
      cold_listenbrainz_requests: cold.requests.listenbrainz,
      cold_ms: round(cold.run.ms),
      cold_peak_rss_mb: round(cold.run.peakRssMb, 1),
      cold_exit_code: cold.run.code,
      warm_plex_requests: warm.requests.plex,
      warm_plex_reads: warm.requests.plexReads,
      warm_plex_writes: warm.requests.plexWrites,
      warm_track_pages: warm.requests.trackPages,
      warm_from_cache: warm.report.library?.fromCache === true,
      warm_lastfm_requests: warm.requests.lastfm,
      warm_listenbrainz_requests: warm.requests.listenbrainz,
      warm_ms: round(warm.run.ms),
      warm_peak_rss_mb: round(warm.run.peakRssMb, 1),
      warm_exit_code: warm.run.code,
      warm_candidates: warm.counts.candidates,
      warm_found: warm.counts.found,
      warm_failed_sources: warm.counts.failed,
      warm_pipeline_ms: round(replay.ms),
      warm_pipeline_plex_requests: replayRequests.plex,
      warm_pipeline_same_as_fresh_matcher: replay.sameAsFresh,
      change_tracks_added: changed.added,
      change_tracks_updated: changed.updated,
      change_tracks_removed: changed.removed,
      change_plex_requests: change.requests.plex,
      change_plex_writes: change.requests.plexWrites,
      change_track_pages: change.requests.trackPages,
      change_ms: round(change.run.ms),
      change_peak_rss_mb: round(change.run.peakRssMb, 1),
      change_exit_code: change.run.code,
      baseline_candidates: baseline.candidates,
      baseline_found: baseline.found,
      baseline_missed: baseline.missed,
      baseline_errors: baseline.errors,
      baseline_plex_requests: baselineRequests.plex,
      baseline_ms: round(baseline.ms),
      harmoniq_found_of_baseline_candidates: foundAmong(warm.report),
      request_ratio: round(baselineRequests.plex / Math.max(1, warm.requests.plex), 1),
      time_ratio: round(baseline.ms / Math.max(1, replay.ms), 1),
      match_per_s: matcher ? round(matcher.perSecond) : undefined,
      match_candidates: matcher?.candidates,
      match_matched_share: matcher ? round(matcher.matchedShare, 3) : undefined,
      matcher_build_ms: matcher ? round(matcher.buildMs) : undefined,
      peak_rss_mb: rss.length ? round(Math.max(...rss), 1) : undefined,
      routes: {
        cold_plex: cold.requests.plexByRoute,
        warm_plex: warm.requests.plexByRoute,
        change_plex: change.requests.plexByRoute,
        replay_plex: replayRequests.plexByRoute,
        baseline_plex: baselineRequests.plexByRoute,
        warm_lastfm: warm.requests.lastfmByMethod,
        warm_listenbrainz: warm.requests.listenbrainzByRoute,
      },
    };
  } finally {
    await world.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Harmoniq's matches among the candidates the baseline searched for (same set, for a like-for-like count). */
function foundAmong(report) {
  let n = 0;
  for (const s of report.sources ?? []) for (const p of s.playlists ?? []) for (const c of p.candidates ?? []) if (c.via !== 'rating-key' && c.status === 'matched') n++;
  return n;
}
