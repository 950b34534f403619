import type { LibraryTrack } from '@harmoniq/core';
import { expandGenres, genreFinder, type GenreAliases, type GenreLevel } from './genre-match.js';
import type { Preference } from './options.js';
import { seededUnit } from '@harmoniq/core';
import type { TimeWindow } from './time-window.js';

const DAY_MS = 86_400_000;

export interface SelectionInput {
  tracks: readonly LibraryTrack[];
  window: TimeWindow;
  aliases: GenreAliases;
  size: number;
  /** Same seed, same library → same selection. */
  seed: string;
  /** Tracks of the previous window: used only when nothing else fills the playlist. */
  avoid: ReadonlySet<string>;
  maxPerArtist: number;
  prefer: Preference;
  now: Date;
}

export interface SelectedTrack {
  track: LibraryTrack;
  /** The library genre that matched, and where it sits. */
  genre: string;
  level: GenreLevel;
}

export interface SelectionResult {
  /** Tracks with one of the window's genres (before exclusions, rating and recency filters). */
  genreMatches: number;
  /** Tracks that passed every filter. */
  eligible: number;
  selected: SelectedTrack[];
  /**
   * The next picks after `selected`, in the same order and under the same per-artist limit, at most `size` of them:
   * the core takes them only to replace selected tracks the user's exclusions keep out (PlaylistDraft.reserve).
   */
  reserve: SelectedTrack[];
  /** How many selected tracks were in the previous window's playlist (only when nothing else was left). */
  repeated: number;
}

/**
 * Picks a random sample, weighted by the preference, in a way that depends only on the seed and each
 * track's ratingKey: adding one album to the library does not reshuffle the rest of today's playlist.
 */
export function selectTracks(input: SelectionInput): SelectionResult {
  const { window, now } = input;
  const wanted = genreFinder(expandGenres(window.genres, input.aliases));
  const excludedKeys = expandGenres(window.exclude, input.aliases);
  const excluded = excludedKeys.size > 0 ? genreFinder(excludedKeys) : undefined;
  const playedSince = window.notPlayedDays === undefined ? undefined : now.getTime() - window.notPlayedDays * DAY_MS;
  let genreMatches = 0;
  const eligible: Ranked[] = [];
  for (const track of input.tracks) {
    const match = wanted(track);
    if (!match) continue;
    genreMatches++;
    if (excluded?.(track)) continue;
    if (window.minRating !== undefined && (track.userRating ?? -1) < window.minRating) continue;
    if (playedSince !== undefined && track.lastViewedAt !== undefined && track.lastViewedAt >= playedSince) continue;
    const u = seededUnit(`${input.seed}|${track.ratingKey}`);
    // Efraimidis–Spirakis: sorting by u^(1/w) descending is weighted sampling without replacement.
    eligible.push({ track, genre: match.genre, level: match.level, rank: Math.pow(u, 1 / weight(track, input.prefer)) });
  }
  const fresh = eligible.filter((e) => !input.avoid.has(e.track.ratingKey));
  const repeats = eligible.filter((e) => input.avoid.has(e.track.ratingKey));
  // The walk takes 2 × size entries, a few more when the per-artist limit skips some.
  const likely = 4 * input.size + 64;

  const perArtist = new Map<string, number>();
  const selected: SelectedTrack[] = [];
  const reserve: SelectedTrack[] = [];
  let repeated = 0;
  for (const entry of freshThenRepeats(fresh, repeats, likely)) {
    if (reserve.length >= input.size) break;
    const artist = artistKey(entry.track);
    const count = perArtist.get(artist) ?? 0;
    if (count >= input.maxPerArtist) continue;
    perArtist.set(artist, count + 1);
    const pick = { track: entry.track, genre: entry.genre, level: entry.level };
    if (selected.length >= input.size) {
      reserve.push(pick);
      continue;
    }
    selected.push(pick);
    if (input.avoid.has(entry.track.ratingKey)) repeated++;
  }
  return { genreMatches, eligible: eligible.length, selected, reserve, repeated };
}

export type Ranked = SelectedTrack & { rank: number };

const byRank = (a: Ranked, b: Ranked): number => b.rank - a.rank || (a.track.ratingKey < b.track.ratingKey ? -1 : 1);

function* freshThenRepeats(fresh: readonly Ranked[], repeats: readonly Ranked[], likely: number): Generator<Ranked> {
  yield* bestFirst(fresh, likely);
  yield* bestFirst(repeats, likely);
}

/**
 * `entries` best first, putting in order only the `likely` best unless the caller reads past them: a window of a
 * 300k library has ~90k eligible tracks, and sorting them all took ~150 ms of every run for the 60 it uses.
 */
export function* bestFirst(entries: readonly Ranked[], likely: number): Generator<Ranked> {
  const head = bestOf(entries, likely);
  yield* head;
  if (head.length === entries.length) return;
  // Past the head: the whole order, of which the head is exactly the start.
  yield* [...entries].sort(byRank).slice(head.length);
}

/** The start of `entries` in byRank order, at least `count` long: every entry ranked at or above the count-th best. */
function bestOf(entries: readonly Ranked[], count: number): Ranked[] {
  if (entries.length <= count) return [...entries].sort(byRank);
  const ranks = Float64Array.from(entries, (e) => e.rank).sort();
  const threshold = ranks[entries.length - count] ?? Number.NEGATIVE_INFINITY;
  return entries.filter((e) => e.rank >= threshold).sort(byRank);
}

function weight(track: LibraryTrack, prefer: Preference): number {
  if (prefer === 'rated') return 1 + Math.max(0, track.userRating ?? 0);
  if (prefer === 'rarely-played') return 1 / (1 + Math.max(0, track.viewCount ?? 0));
  return 1;
}

function artistKey(track: LibraryTrack): string {
  return track.artist.normalize('NFKC').trim().toLowerCase();
}
