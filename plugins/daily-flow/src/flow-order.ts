import type { SourceContext } from '@harmoniq/core';
import type { SelectedTrack } from './select-tracks.js';
import { sonicOrder } from './sonic-order.js';

/**
 * TIME_PLAYLIST_ORDER=sonic: the window's selection reordered so that consecutive tracks sound alike. Whether Plex
 * analyses the library is read from the tracks' analysis marker, not from the neighbour answers (an unanalysed
 * server answers them with empty lists). Without analysis the selection keeps its order, with one INFO line.
 */
export async function applyFlowOrder(selected: readonly SelectedTrack[], ctx: SourceContext): Promise<readonly SelectedTrack[]> {
  const { sonic, tracks } = ctx.library;
  const analysedInLibrary = tracks.some((t) => t.sonicAnalysis === true);
  if (!sonic || !analysedInLibrary) {
    ctx.logger.info(
      'TIME_PLAYLIST_ORDER=sonic: the library has no sonically analysed tracks (sonic analysis needs Plex Pass and the library\'s "Perform sonic analysis for tracks" setting), so the playlist keeps its usual order.',
    );
    return selected;
  }
  const analysed = selected.filter((s) => s.track.sonicAnalysis === true).length;
  if (analysed < 2) {
    ctx.logger.info(`TIME_PLAYLIST_ORDER=sonic: ${analysed} of the ${selected.length} selected tracks are sonically analysed, too few to order; the playlist keeps its usual order.`);
    return selected;
  }
  const bySelection = new Map(selected.map((s) => [s.track.ratingKey, s]));
  const result = await sonicOrder({ tracks: selected.map((s) => s.track), sonic, limit: ctx.limit });
  const mean = result.meanStep === undefined ? 'unknown' : result.meanStep.toFixed(3);
  ctx.logger.info(
    `Sonic order: ${result.requests} neighbour requests, mean distance between consecutive tracks ${mean}` +
      (result.unanalysed > 0 ? `; ${result.unanalysed} unanalysed tracks go last` : ''),
  );
  return result.tracks.map((t) => bySelection.get(t.ratingKey)).filter((s): s is SelectedTrack => s !== undefined);
}
