import type { CandidateTrack } from '../contract.js';
import type { LibraryTrack } from '../library/types.js';
import type { Matcher } from '../match/index.js';
import type { CandidateReport } from './report.js';

/** Runs the matcher over a draft's candidates and turns each result into its report line. */
export function matchCandidates(matcher: Matcher, tracks: readonly CandidateTrack[]): CandidateReport[] {
  return tracks.map((candidate) => {
    const result = matcher.match(candidate);
    const base = {
      artist: candidate.artist,
      title: candidate.title,
      ...(candidate.album ? { album: candidate.album } : {}),
      ...(candidate.note ? { note: candidate.note } : {}),
      ...(candidate.ids?.mbid ? { mbid: candidate.ids.mbid } : {}),
      ...(candidate.ids?.artistMbids?.length ? { artistMbids: candidate.ids.artistMbids } : {}),
      used: false,
    };
    if (result.status === 'matched') {
      return { ...base, status: 'matched', ratingKey: result.track.ratingKey, via: result.via, score: round(result.score) };
    }
    const best = result.best
      ? { best: { artist: result.best.track.artist, title: result.best.track.title, ...(result.best.track.album ? { album: result.best.track.album } : {}), ratingKey: result.best.track.ratingKey, score: round(result.best.score) } }
      : {};
    return { ...base, status: 'unmatched', reason: result.reason, ...best };
  });
}

export function describeTrack(track: LibraryTrack | undefined, ratingKey: string): string {
  return track ? `${track.artist} – ${track.title}` : `ratingKey ${ratingKey}`;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
