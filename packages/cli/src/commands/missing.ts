import Table from 'cli-table3';
import { ExitCode, filterMissing, missingPaths, readMissingReport } from '@harmoniq/core';
import type { Runtime } from '../runtime.js';

/** `harmoniq missing [--source X] [--json]`: the wanted tracks that are not in the library, most wanted first. */
export async function missingCommand(rt: Runtime, flags: { source?: string; user?: string; json?: boolean; limit?: string }): Promise<number> {
  const paths = missingPaths(rt.config.dataDir, rt.config.env.MISSING_TRACKS_PATH);
  const report = await readMissingReport(paths, rt.logger);
  const tracks = filterMissing(report, flags.source, flags.user);
  if (flags.json) {
    rt.io.stdout.write(`${JSON.stringify({ ...report, tracks }, null, 2)}\n`);
    return ExitCode.ok;
  }
  if (!tracks.length) {
    rt.io.stdout.write(report.tracks.length ? `No missing tracks for ${[flags.source && `source '${flags.source}'`, flags.user && `user '${flags.user}'`].filter(Boolean).join(' and ')}.\n` : 'No missing tracks recorded yet: run `harmoniq sync` first.\n');
    return ExitCode.ok;
  }
  const limit = Number(flags.limit ?? 50) > 0 ? Number(flags.limit ?? 50) : 50;
  const table = new Table({ head: ['Artist', 'Title', 'Why', 'Nearest in library', 'Wanted by', 'Times'], style: { head: [], border: [] } });
  for (const t of tracks.slice(0, limit)) {
    table.push([
      t.artist,
      t.title,
      t.reason,
      t.nearestMiss ? `${t.nearestMiss.artist} – ${t.nearestMiss.title} (${t.nearestMiss.score})` : '',
      t.wantedBy.map((w) => (w.user === undefined ? w.playlist : `${w.playlist} @${w.user}`)).join(', '),
      String(t.timesWanted),
    ]);
  }
  rt.io.stdout.write(`${table.toString()}\n`);
  rt.io.stdout.write(`${tracks.length} missing track${tracks.length === 1 ? '' : 's'}${tracks.length > limit ? ` (showing ${limit}; --limit N for more)` : ''}. Files: ${paths.json}, ${paths.csv}, ${paths.lidarr}\n`);
  return ExitCode.ok;
}
