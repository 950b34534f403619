import type { CandidateTrack, PlaylistDraft, SourceContext } from '@harmoniq/core';
import type { ListenBrainzClient } from './client.js';
import type { GeneratedMode } from './options.js';
import { resolveRecordings } from './resolve-recordings.js';
import type { PlaylistSummary, PlaylistTrack } from './responses.js';

/** Playlists per createdfor page, and how many pages to read at most while looking for every wanted kind. */
const PAGE_SIZE = 100;
const MAX_PAGES = 5;

const LABELS: Record<GeneratedMode, string> = {
  'weekly-jams': 'Weekly Jams',
  'weekly-exploration': 'Weekly Exploration',
  'daily-jams': 'Daily Jams',
};

/**
 * The newest playlist of each wanted kind, told apart by `source_patch`. createdfor lists newest first, so the
 * listing stops as soon as every kind has been seen.
 */
export async function findNewestPlaylists(
  client: ListenBrainzClient,
  user: string,
  modes: readonly GeneratedMode[],
  ctx: SourceContext,
): Promise<Map<GeneratedMode, PlaylistSummary>> {
  const newest = new Map<GeneratedMode, PlaylistSummary>();
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const offset = page * PAGE_SIZE;
    const { playlists, total } = await ctx.limit(() => client.createdFor(user, PAGE_SIZE, offset));
    for (const p of playlists) {
      const mode = modes.find((m) => m === p.sourcePatch);
      if (!mode) continue;
      const seen = newest.get(mode);
      if (!seen || Date.parse(p.date) > Date.parse(seen.date)) newest.set(mode, p);
    }
    const exhausted = playlists.length < PAGE_SIZE || (total !== undefined && offset + playlists.length >= total);
    if (newest.size === modes.length || exhausted) break;
  }
  return newest;
}

/** One generated-playlist mode: its newest playlist's tracks, in ListenBrainz's order. */
export async function generatedDraft(
  client: ListenBrainzClient,
  user: string,
  mode: GeneratedMode,
  title: string,
  found: PlaylistSummary | undefined,
  ctx: SourceContext,
): Promise<PlaylistDraft> {
  const base = { key: mode, title };
  if (!found) {
    const reason = `ListenBrainz has no ${LABELS[mode]} playlist for ${user} yet`;
    ctx.logger.warn(`${reason}; keeping the existing playlist`);
    return { ...base, tracks: [], keepExisting: { reason } };
  }
  const playlist = await ctx.limit(() => client.playlist(found.mbid));
  const tracks = await toCandidates(client, playlist.tracks, playlist.title || found.title, ctx);
  ctx.logger.info(`${tracks.length} tracks from "${playlist.title || found.title}"`);
  const summary = `${playlist.title || found.title}, from ListenBrainz`;
  if (tracks.length === 0) {
    const reason = `the newest ${LABELS[mode]} playlist (${found.mbid}) has no usable tracks`;
    ctx.logger.warn(`${reason}; keeping the existing playlist`);
    return { ...base, summary, tracks, keepExisting: { reason } };
  }
  return { ...base, summary, tracks };
}

/** Tracks that arrive without a name (fetch_metadata found none) are named through the metadata endpoint. */
async function toCandidates(
  client: ListenBrainzClient,
  tracks: readonly PlaylistTrack[],
  playlistTitle: string,
  ctx: SourceContext,
): Promise<CandidateTrack[]> {
  const nameless = tracks.filter((t) => (t.title === undefined || t.artist === undefined) && t.mbid !== undefined);
  const { found } = nameless.length > 0
    ? await resolveRecordings(client, nameless.map((t) => t.mbid as string), ctx.limit, ctx.logger)
    : { found: new Map() };

  const out: CandidateTrack[] = [];
  tracks.forEach((t, i) => {
    const meta = t.mbid !== undefined ? found.get(t.mbid) : undefined;
    const artist = t.artist ?? meta?.artist;
    const title = t.title ?? meta?.title;
    if (artist === undefined || title === undefined) return;
    const durationMs = t.durationMs ?? meta?.lengthMs;
    const artistMbids = t.artistMbids.length > 0 ? t.artistMbids : (meta?.artistMbids ?? []);
    const ids = {
      ...(t.mbid !== undefined ? { mbid: t.mbid } : {}),
      ...(artistMbids.length > 0 ? { artistMbids } : {}),
    };
    out.push({
      artist,
      title,
      ...(t.album !== undefined ? { album: t.album } : {}),
      ...(durationMs !== undefined ? { durationMs } : {}),
      ...(Object.keys(ids).length > 0 ? { ids } : {}),
      note: `#${i + 1} in ${playlistTitle}`,
    });
  });
  const dropped = tracks.length - out.length;
  if (dropped > 0) ctx.logger.info(`Skipped ${dropped} tracks of "${playlistTitle}" without an artist or title`);
  return out;
}

export function labelOf(mode: GeneratedMode): string {
  return LABELS[mode];
}
