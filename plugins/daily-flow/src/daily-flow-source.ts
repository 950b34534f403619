import {
  HarmoniqError,
  defineSource,
  formatInZone,
  isValidZone,
  type CandidateTrack,
  type PlaylistDraft,
  type PlaylistSource,
  type SourceContext,
} from '@harmoniq/core';
import { closestGenres } from './genre-match.js';
import { dailyFlowOptions, refineDailyFlow } from './options.js';
import type { DailyFlowRunOptions } from './order-option.js';
import { selectTracks, type SelectedTrack } from './select-tracks.js';
import { applyFlowOrder } from './flow-order.js';
import { readHistory, writeHistory } from './selection-history.js';
import { windowLabel } from './time-window.js';
import { activeOccurrence, nextBoundary, nextOccurrence, type WindowOccurrence } from './window-clock.js';

const DRAFT_KEY = 'default';

export const dailyFlowSource: PlaylistSource<DailyFlowRunOptions> = defineSource({
  apiVersion: 1,
  name: 'daily-flow',
  description: 'Tracks from your own library whose genres fit the time of day (TIME_WINDOWS)',
  defaults: { playlist: 'Daily Flow', size: 30, enabled: false },
  env: { enabled: 'ENABLE_TIME_PLAYLIST', playlist: 'PLAYLIST_NAME_TIME', size: 'PLAYLIST_SIZE_TIME' },
  // Its drafts name their window: a title may say `Daily Flow ({window})`, and the cover follows the hour.
  timeWindows: true,
  options: dailyFlowOptions,
  refineOptions: refineDailyFlow,
  fetch: fetchDailyFlow,
  // The playlist changes by itself at every window boundary: the daemon runs it then.
  nextChange: (options, now, zone) => nextBoundary(options.windows, now, zone),
});

async function fetchDailyFlow(options: DailyFlowRunOptions, ctx: SourceContext): Promise<PlaylistDraft[]> {
  const { zone } = ctx.clock;
  if (!isValidZone(zone)) {
    throw new HarmoniqError({
      code: 'ECONFIG',
      message: `'${zone}' is not an IANA time zone, so Daily Flow windows cannot be placed`,
      hint: 'Set TIMEZONE to a zone such as Europe/Berlin or America/New_York',
    });
  }
  if (ctx.signal.aborted) throw new HarmoniqError({ code: 'EABORTED', message: 'Daily Flow was stopped before it started' });
  const now = ctx.clock.now();
  const title = ctx.common.playlist;
  const active = activeOccurrence(options.windows, now, zone);
  if (!active) return [leaveAsIs(options, ctx, now, title)];

  const { window } = active;
  const label = windowLabel(window);
  ctx.logger.info(`Active window: ${label} (genres: ${window.genres.join(', ')})`);
  const size = window.size ?? ctx.common.size;
  const occurrence = `${active.date} ${label}`;
  const history = await readHistory(ctx.dataDir, ctx.logger);
  const rerun = history.current?.occurrence === occurrence;
  const before = rerun ? history.previous : history.current;
  const result = selectTracks({
    tracks: ctx.library.tracks,
    window,
    aliases: options.aliases,
    size,
    seed: `${occurrence}|${window.genres.join(',')}`,
    avoid: new Set(before?.ratingKeys ?? []),
    maxPerArtist: options.maxPerArtist,
    prefer: options.prefer,
    now,
  });
  const draft: PlaylistDraft = { key: DRAFT_KEY, title, size, summary: summary(active, zone), window: label, tracks: [] };
  if (result.eligible === 0) {
    warnNothingMatches(active, result.genreMatches, ctx);
    return [draft];
  }
  ctx.logger.info(`Found ${result.eligible} matching tracks, selecting ${result.selected.length} for '${title}'`);
  if (result.repeated > 0) {
    ctx.logger.info(`${result.repeated} of them were in the previous window's playlist too: too few other tracks match`);
  }
  if (result.selected.length < Math.min(size, result.eligible)) {
    ctx.logger.info(`At most ${options.maxPerArtist} tracks per artist: the playlist has ${result.selected.length} tracks instead of ${size}`);
  }
  const ratingKeys = result.selected.map((s) => s.track.ratingKey);
  // A dry run shows what a real run would pick; recording it would make the real run avoid those very tracks.
  if (!ctx.dryRun) await writeHistory(ctx.dataDir, { previous: before, current: { occurrence, ratingKeys } }, ctx.logger);
  const ordered = options.order === 'sonic' ? await applyFlowOrder(result.selected, ctx) : result.selected;
  // The reserve only replaces picks the user's exclusions keep out, so the playlist keeps its size.
  return [{ ...draft, tracks: ordered.map((s) => candidate(s, label)), reserve: result.reserve.map((s) => candidate(s, label)) }];
}

/** In a gap between windows the core keeps the playlist of the last window. */
function leaveAsIs(options: DailyFlowRunOptions, ctx: SourceContext, now: Date, title: string): PlaylistDraft {
  const at = formatInZone(now, ctx.clock.zone, 'HH:mm');
  const next = nextOccurrence(options.windows, now, ctx.clock.zone);
  const nextText = next ? ` Next window: ${windowLabel(next.window)}` : '';
  ctx.logger.info(`No Daily Flow window is active at ${at}; the playlist is left as it is.${nextText}`);
  return { key: DRAFT_KEY, title, tracks: [], keepExisting: { reason: `no Daily Flow window is active at ${at}` } };
}

function warnNothingMatches(active: WindowOccurrence, genreMatches: number, ctx: SourceContext): void {
  const { window } = active;
  const label = `${windowLabel(window)} (genres: ${window.genres.join(', ')})`;
  if (genreMatches > 0) {
    ctx.logger.warn(
      `${genreMatches} tracks have the genres of window ${label}, but none passes its filters (exclude, minRating, notPlayedDays); the playlist is left as it is`,
    );
    return;
  }
  const available = ctx.library.genres();
  const closest = closestGenres(window.genres, available);
  ctx.logger.warn(
    available.length === 0
      ? `No tracks match window ${label}: the library has no genres at all (Plex fills them from its agents; refresh the metadata)`
      : `No tracks match window ${label}. Closest genres in your library: ${closest.join(', ')}`,
  );
}

function candidate(selected: SelectedTrack, label: string): CandidateTrack {
  const { track, genre, level } = selected;
  return {
    artist: track.artist,
    title: track.title,
    ...(track.album !== undefined ? { album: track.album } : {}),
    ...(track.durationMs !== undefined ? { durationMs: track.durationMs } : {}),
    ids: { plexRatingKey: track.ratingKey },
    note: `${genre}${level === 'track' ? '' : ` (${level} genre)`}, window ${label}`,
  };
}

/** The core appends counts and the update time; this says what the playlist is for. */
function summary(active: WindowOccurrence, zone: string): string {
  const { window } = active;
  return `Daily Flow: ${window.genres.join(', ')} for ${windowLabel(window)} on ${active.date} (${zone}).`;
}
