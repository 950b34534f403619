import { ExitCode, HarmoniqError } from '@harmoniq/core';
import { filterMissing, missingPaths, readMissingReport, type MissingReport } from '@harmoniq/core/pipeline';
import { closestWord } from '../did-you-mean.js';
import { loadSources } from '../load-sources.js';
import { parseRowLimit } from '../render/row-limit.js';
import { outputWidth, renderTable } from '../render/table.js';
import type { Runtime } from '../runtime.js';

const DEFAULT_LIMIT = 50;

export interface MissingFlags {
  source?: string;
  /** A household user's name (docs/household.md). */
  user?: string;
  json?: boolean;
  limit?: string;
}

/** `harmoniq missing [--source X] [--user U] [--limit N] [--json]`: the wanted tracks that are not in the library, most wanted first. */
export async function missingCommand(rt: Runtime, flags: MissingFlags): Promise<number> {
  // Usage first: a bad flag is reported before any file is read.
  const limit = parseRowLimit(flags.limit, DEFAULT_LIMIT);
  const paths = missingPaths(rt.config.dataDir, rt.config.env.MISSING_TRACKS_PATH);
  const report = await readMissingReport(paths, rt.logger);
  if (flags.source !== undefined) await assertKnownSource(rt, report, flags.source);
  const tracks = filterMissing(report, flags.source, flags.user);
  if (flags.json) {
    rt.io.stdout.write(`${JSON.stringify({ ...report, tracks }, null, 2)}\n`);
    return ExitCode.ok;
  }
  if (!tracks.length) {
    rt.io.stdout.write(report.tracks.length ? `No missing tracks for ${[flags.source && `source '${flags.source}'`, flags.user && `user '${flags.user}'`].filter(Boolean).join(' and ')}.\n` : 'No missing tracks recorded yet: run `harmoniq sync` first.\n');
    return ExitCode.ok;
  }
  const rows = tracks.slice(0, limit).map((t) => [
    t.artist,
    t.title,
    t.reason,
    t.nearestMiss ? `${t.nearestMiss.artist} – ${t.nearestMiss.title} (${t.nearestMiss.score})` : '',
    t.wantedBy.map((w) => (w.user === undefined ? w.playlist : `${w.playlist} @${w.user}`)).join(', '),
    String(t.timesWanted),
  ]);
  const table = renderTable({ head: ['Artist', 'Title', 'Why', 'Nearest in library', 'Wanted by', 'Times'], rows, width: outputWidth(rt.io.stdout), fixed: [5] });
  rt.io.stdout.write(`${table}\n`);
  rt.io.stdout.write(`${tracks.length} missing track${tracks.length === 1 ? '' : 's'}${tracks.length > limit ? ` (showing ${limit}; --limit N for more)` : ''}. Files: ${paths.json}, ${paths.csv}, ${paths.lidarr}\n`);
  return ExitCode.ok;
}

/** A source that exists now, or one that wanted tracks in the past (a removed custom playlist). */
async function assertKnownSource(rt: Runtime, report: MissingReport, source: string): Promise<void> {
  const known = new Set([...(await loadSources(rt)).map((s) => s.name), ...report.tracks.flatMap((t) => t.wantedBy.map((w) => w.source))]);
  if (known.has(source)) return;
  const guess = closestWord(source, [...known]);
  throw new HarmoniqError({
    code: 'EUNKNOWNSOURCE',
    message: `Unknown source '${source}'.${guess ? ` Did you mean '${guess}'?` : ''}`,
    hint: `Known sources: ${[...known].join(', ')}. 'harmoniq sources' lists them.`,
  });
}
