import { formatLocal, type CandidateTrack, type PlaylistDraft, type SourceContext } from '@harmoniq/core';
import type { ListenBrainzClient } from './client.js';
import { resolveRecordings } from './resolve-recordings.js';
import type { Recommendation } from './responses.js';

/** Recommendations to ask for per playlist slot: many will not be in the library. */
export const OVERFETCH_FACTOR = 4;
/** The endpoint clamps `count` to 1000. */
export const MAX_RECOMMENDATIONS = 1000;

export function recommendationCount(size: number): number {
  return Math.min(MAX_RECOMMENDATIONS, Math.max(25, size * OVERFETCH_FACTOR));
}

/** The `recommendations` mode: the user's collaborative-filtering recordings, best score first. */
export async function recommendationsDraft(client: ListenBrainzClient, user: string, ctx: SourceContext): Promise<PlaylistDraft> {
  const base = { key: 'recommendations', title: ctx.common.playlist };
  const page = await ctx.limit(() => client.recommendations(user, recommendationCount(ctx.common.size)));
  if (!page || page.items.length === 0) {
    const reason = `ListenBrainz has no recommendations for ${user} yet (they are generated periodically once there are enough listens)`;
    ctx.logger.warn(`${reason}; keeping the existing playlist`);
    return { ...base, tracks: [], keepExisting: { reason } };
  }

  const { found, unknown } = await resolveRecordings(client, page.items.map((i) => i.mbid), ctx.limit, ctx.logger);
  const tracks: CandidateTrack[] = [];
  for (const item of page.items) {
    const meta = found.get(item.mbid);
    if (!meta) continue;
    tracks.push({
      artist: meta.artist,
      title: meta.title,
      ...(meta.lengthMs !== undefined ? { durationMs: meta.lengthMs } : {}),
      ids: { mbid: item.mbid, ...(meta.artistMbids.length > 0 ? { artistMbids: meta.artistMbids } : {}) },
      note: noteFor(item),
    });
  }
  ctx.logger.info(`${tracks.length} recommendations for ${user}${unknown.length > 0 ? ` (${unknown.length} without a name skipped)` : ''}`);

  const updated = page.lastUpdated !== undefined ? `, updated ${formatLocal(ctx.clock, new Date(page.lastUpdated * 1000))}` : '';
  const summary = `ListenBrainz recommendations for ${user}${updated}.`;
  if (tracks.length === 0) {
    const reason = `none of the ${page.items.length} recordings ListenBrainz recommended has a name in its metadata`;
    ctx.logger.warn(`${reason}; keeping the existing playlist`);
    return { ...base, summary, tracks, keepExisting: { reason } };
  }
  return { ...base, summary, tracks };
}

function noteFor(item: Recommendation): string {
  const score = `ListenBrainz recommendation, score ${item.score.toFixed(2)}`;
  return item.latestListenedAt ? `${score}, last listened ${item.latestListenedAt.slice(0, 10)}` : `${score}, new to you`;
}
