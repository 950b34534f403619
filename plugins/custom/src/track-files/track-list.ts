import type { CandidateTrack } from '@harmoniq/core';

/** What a track list parser returns: the tracks in file order, and what it skipped and why. */
export interface TrackList {
  tracks: CandidateTrack[];
  warnings: string[];
}

/** A problem at one place in the file; the reader turns it into ECUSTOMFILE naming the file. */
export class TrackFileProblem extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'TrackFileProblem';
  }
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A candidate from text fields, or undefined when artist or title is blank. */
export function candidate(artist: unknown, title: unknown, album?: unknown): CandidateTrack | undefined {
  const a = typeof artist === 'string' ? artist.trim() : '';
  const t = typeof title === 'string' ? title.trim() : '';
  if (!a || !t) return undefined;
  const al = typeof album === 'string' ? album.trim() : '';
  return al ? { artist: a, title: t, album: al } : { artist: a, title: t };
}
