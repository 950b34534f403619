import { dirname, join, relative } from 'node:path';
import { readJsonFile } from '@harmoniq/core';
import { missingPaths, readHistory, readMissingReport, type RunHistory } from '@harmoniq/core/pipeline';
import type { Runtime } from '../runtime.js';
import { loadCovers } from '../covers/load-covers.js';
import type { ReportInput, SourceHealth } from './report-input.js';

/** Covers already drawn, by `<source>/<key>` and title: drawing one costs tens of milliseconds, a page has several. */
export type CoverCache = Map<string, string | undefined>;

/**
 * Reads what the page shows from the data dir (history, missing tracks, state, Lidarr list) and draws the covers.
 * Reads only; a damaged file reads as empty (the next run repairs it). `outFile` makes the Lidarr link relative to it.
 */
export async function loadReportInput(rt: Runtime, options: { outFile?: string; live?: boolean; covers?: CoverCache } = {}): Promise<ReportInput> {
  const { dataDir } = rt.config;
  const paths = missingPaths(dataDir, rt.config.env.MISSING_TRACKS_PATH);
  const [history, missing, state, lidarr] = await Promise.all([
    readHistory(dataDir, rt.logger),
    readMissingReport(paths, rt.logger),
    readJsonFile<unknown>(join(dataDir, 'state.json')),
    readJsonFile<unknown>(paths.lidarr),
  ]);
  return {
    now: rt.clock.now(),
    zone: rt.clock.zone,
    version: rt.version,
    history,
    missing,
    sources: sourceHealth(state.status === 'ok' ? state.value : undefined, history),
    lidarr: {
      path: paths.lidarr,
      // Live, the daemon serves the list itself (Lidarr can import it from that URL); a file links to it relatively.
      ...(options.live ? { href: 'lidarr.json' } : options.outFile ? { href: relative(dirname(options.outFile), paths.lidarr).split('\\').join('/') } : {}),
      artists: lidarr.status === 'ok' && Array.isArray(lidarr.value) ? lidarr.value.length : 0,
    },
    covers: await drawCovers(history, options.covers ?? new Map(), rt),
    ...(options.live ? { live: true } : {}),
  };
}

/** Each source's last outcome from the state file, plus sources the history knows that the state does not. */
function sourceHealth(state: unknown, history: RunHistory): SourceHealth[] {
  const recorded = state && typeof state === 'object' ? (state as { sources?: unknown }).sources : undefined;
  const out = new Map<string, SourceHealth>();
  if (recorded && typeof recorded === 'object') {
    for (const [source, run] of Object.entries(recorded as Record<string, { at?: unknown; ok?: unknown; error?: { code?: unknown; message?: unknown } }>)) {
      out.set(source, {
        source,
        ...(typeof run?.at === 'string' ? { at: run.at } : {}),
        ...(typeof run?.ok === 'boolean' ? { ok: run.ok } : {}),
        ...(run?.error ? { error: { code: String(run.error.code ?? ''), message: String(run.error.message ?? '') } } : {}),
      });
    }
  }
  for (const run of history.runs) for (const s of run.sources) if (!out.has(s.source)) out.set(s.source, { source: s.source, at: run.finishedAt, ok: s.ok, ...(s.error ? { error: s.error } : {}) });
  return [...out.values()].sort((a, b) => a.source.localeCompare(b.source));
}

/** Generated covers (the optional @harmoniq/covers package) as JPEG data: URIs; none when it cannot load. */
async function drawCovers(history: RunHistory, cache: CoverCache, rt: Runtime): Promise<Record<string, string | undefined>> {
  const out: Record<string, string | undefined> = {};
  for (const [id, p] of Object.entries(history.current)) {
    const key = `${id}\u0000${p.title}`;
    if (!cache.has(key)) {
      try {
        const { renderCover } = await loadCovers();
        const image = await renderCover({ title: p.title, source: id.slice(0, id.indexOf('/')), format: 'jpeg' });
        cache.set(key, `data:${image.mimeType};base64,${image.bytes.toString('base64')}`);
      } catch (error) {
        rt.logger.debug(`No cover for '${p.title}' (${(error as Error).message}); the page shows a placeholder.`);
        cache.set(key, undefined);
      }
    }
    out[id] = cache.get(key);
  }
  return out;
}
