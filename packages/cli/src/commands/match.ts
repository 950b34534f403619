import { ExitCode } from '@harmoniq/core';
import { createMatcher, ensureWritableDir, loadLibrary, neutraliseControls, type ExplainedCandidate } from '@harmoniq/core/pipeline';
import { plexClient, type Runtime } from '../runtime.js';
import { progressReporter } from '../render/progress.js';

/** Exit code when the track is not in the library (docs/cli.md); 2 and 3 keep their usual meanings. */
const NOT_FOUND = 1;

export interface MatchFlags {
  artist: string;
  title: string;
  album?: string;
  refreshLibrary?: boolean;
}

/** `harmoniq match <artist> <title>`: the matcher's decision and its nearest candidates, with reasons. */
export async function matchCommand(rt: Runtime, flags: MatchFlags): Promise<number> {
  const plex = plexClient(rt);
  await ensureWritableDir(rt.config.dataDir);
  const library = await loadLibrary({
    reader: plex,
    sectionTitle: rt.config.plex.library,
    dataDir: rt.config.dataDir,
    logger: rt.logger,
    refresh: flags.refreshLibrary,
    maxAgeMs: rt.config.plex.indexMaxAgeHours * 3_600_000,
    onProgress: progressReporter(rt),
  });
  const matcher = createMatcher(library.tracks, { overrides: rt.config.matching.overrides });
  const candidate = { artist: flags.artist, title: flags.title, ...(flags.album ? { album: flags.album } : {}) };
  const explanation = matcher.explain(candidate, 5);
  // Names come from Plex and the command line: each line is written with its control characters shown escaped.
  const out = (line: string) => rt.io.stdout.write(`${neutraliseControls(line)}\n`);
  const { result } = explanation;
  out(`Query: ${candidate.artist} – ${candidate.title}${candidate.album ? ` (${candidate.album})` : ''}`);
  if (result.status === 'matched') {
    out(`Result: found → ${result.track.artist} – ${result.track.title}${result.track.album ? ` (${result.track.album})` : ''}, ratingKey ${result.track.ratingKey} (via ${result.via}, score ${result.score.toFixed(3)})`);
  } else {
    out(`Result: not found (${result.reason})${result.best ? `; nearest: ${result.best.track.artist} – ${result.best.track.title} (score ${result.best.score.toFixed(3)}): ${result.best.why}` : ''}`);
  }
  if (explanation.candidates.length) {
    out('');
    out('Nearest library tracks:');
  }
  explanation.candidates.forEach((c, i) => describe(c, i + 1).forEach(out));
  // Like grep: scripts can test `harmoniq match … && …` without parsing the text.
  return result.status === 'matched' ? ExitCode.ok : NOT_FOUND;
}

function describe(c: ExplainedCandidate, rank: number): [string, string] {
  const t = c.track;
  const parts = Object.entries(c.components)
    .filter(([, v]) => v.score !== undefined)
    .map(([name, v]) => `${name} ${v.score!.toFixed(2)}${v.pass ? '' : '✗'}`)
    .join(', ');
  return [`  ${rank}. ${c.pass ? '✓' : '✗'} ${t.artist} – ${t.title}${t.album ? ` (${t.album})` : ''} [ratingKey ${t.ratingKey}] score ${c.score.toFixed(3)}: ${parts}`, `     ${c.reasons.join('; ')}`];
}
