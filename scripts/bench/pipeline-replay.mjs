// Harmoniq's own work after the sources have answered, timed in-process so it compares with the baseline
// (which also starts from the candidates): library check (cached index), matching, planning and the playlist
// reads and writes. The sources' drafts are captured once by a dry run, then replayed without any fetching.
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttp, createMemoryLogger, createRedactor, loadConfig, resolveCommonOptions, runSync, sourceRawOptions, systemClock } from '@harmoniq/core/pipeline';
import { createPlexClient } from '@harmoniq/plex';

const PLUGINS = ['@harmoniq/plugin-lastfm-charts', '@harmoniq/plugin-lastfm-recs', '@harmoniq/plugin-daily-flow', '@harmoniq/plugin-listenbrainz'];

async function resolvedSources(env, cwd, names) {
  const loaded = await loadConfig({ cwd, env });
  if (!loaded.ok) throw new Error(`benchmark configuration is invalid: ${loaded.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  const config = loaded.config;
  const all = [];
  for (const name of PLUGINS) all.push(...((await import(name)).sources ?? []));
  const out = [];
  for (const source of all.filter((s) => names.includes(s.name))) {
    const common = resolveCommonOptions(source, config);
    const options = source.parseOptions(sourceRawOptions(source, config), config.env);
    if (!common.ok || !options.ok) throw new Error(`source ${source.name} is not configured: ${JSON.stringify([common.errors, options.errors])}`);
    out.push({ source, options: options.value, common: common.value });
  }
  return { config, sources: out };
}

function pipelineOptions(env, config, dataDir, sources) {
  const logger = createMemoryLogger('bench');
  const redactor = createRedactor([env.PLEX_TOKEN, env.LASTFM_API_KEY, env.LISTENBRAINZ_USER_TOKEN]);
  const http = createHttp({ userAgent: 'harmoniq-bench', redactor, logger });
  const plex = createPlexClient({ url: env.PLEX_URL, token: env.PLEX_TOKEN, http, logger });
  return { sources, reader: plex, store: plex, libraryName: config.plex.library, dataDir, logger, http, clock: systemClock(env.TIMEZONE ?? 'UTC') };
}

/**
 * Copies `dataDir` (so the spawned runs' state and history stay untouched), captures every source's drafts with
 * a dry run, then times a real run that replays them. `world` is reset before the timed run, so its request log
 * holds exactly the replay's requests afterwards.
 */
export async function replayPipeline({ env, dataDir, names, world }) {
  const copy = mkdtempSync(join(tmpdir(), 'harmoniq-bench-replay-'));
  try {
    cpSync(dataDir, copy, { recursive: true });
    const replayEnv = { ...env, HARMONIQ_DATA_DIR: copy };
    const { config, sources } = await resolvedSources(replayEnv, copy, names);
    const captured = new Map();
    const capturing = sources.map((r) => ({
      ...r,
      source: { ...r.source, fetch: async (o, ctx) => {
        const drafts = await r.source.fetch(o, ctx);
        captured.set(r.source.name, drafts);
        return drafts;
      } },
    }));
    await runSync({ ...pipelineOptions(replayEnv, config, copy, capturing), dryRun: true });
    const replaying = sources.map((r) => ({
      ...r,
      source: { ...r.source, fetch: async () => structuredClone(captured.get(r.source.name) ?? []) },
    }));
    // A second copy without the matcher's stored parses and results, replayed first (dry run: nothing written):
    // the decisions and planned playlists a fresh matcher makes, which the timed run must reproduce from its caches.
    const fresh = mkdtempSync(join(tmpdir(), 'harmoniq-bench-fresh-'));
    let freshReport;
    try {
      cpSync(copy, fresh, { recursive: true });
      for (const f of readdirSync(join(fresh, 'cache'))) if (f.startsWith('match-')) rmSync(join(fresh, 'cache', f));
      freshReport = await runSync({ ...pipelineOptions({ ...replayEnv, HARMONIQ_DATA_DIR: fresh }, config, fresh, replaying), dryRun: true });
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
    world.resetRequests();
    const started = performance.now();
    const report = await runSync(pipelineOptions(replayEnv, config, copy, replaying));
    const ms = performance.now() - started;
    return { ms, report, sameAsFresh: decisionsOf(report) === decisionsOf(freshReport) };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/** Every candidate's decision and every playlist's outcome (its tracks as planned), for comparing two runs. */
export function decisionsOf(report) {
  return JSON.stringify(
    (report.sources ?? []).map((s) => [
      s.source,
      s.ok,
      (s.playlists ?? []).map((p) => [p.title, p.counts.found, (p.candidates ?? []).map((c) => [c.status, c.ratingKey, c.via, c.score, c.reason, c.best?.ratingKey, c.used])]),
    ]),
  );
}
