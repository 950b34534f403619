import type { CandidateTrack } from '@harmoniq/core';
import { candidate, stripBom, TrackFileProblem, type TrackList } from './track-list.js';

/** " - ", " – " (en dash) or " — " (em dash) between artist and title; the first one splits. */
const SEPARATOR = /\s+[-–—]\s+/;

/**
 * An M3U/M3U8 playlist. Tracks come from `#EXTINF:<seconds>,Artist - Title` lines (the file path lines that
 * follow are ignored: they point into someone else's disk). `#EXTALB:` sets the album of the next track.
 */
export function parseM3uTrackList(text: string): TrackList {
  const lines = stripBom(text).split(/\r?\n/);
  const tracks: CandidateTrack[] = [];
  const warnings: string[] = [];
  let album: string | undefined;
  let extinf = 0;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (/^#EXTALB:/i.test(line)) album = line.slice('#EXTALB:'.length).trim() || undefined;
    if (!/^#EXTINF:/i.test(line)) return;
    extinf++;
    const comma = line.indexOf(',');
    const info = comma >= 0 ? line.slice(comma + 1).trim() : '';
    const seconds = Number.parseFloat(line.slice('#EXTINF:'.length, comma >= 0 ? comma : undefined));
    const match = SEPARATOR.exec(info);
    const track = match ? candidate(info.slice(0, match.index), info.slice(match.index + match[0].length), album) : undefined;
    album = undefined;
    if (!track) {
      warnings.push(`line ${i + 1}: expected "Artist - Title" after the comma, got ${JSON.stringify(info)}, skipped`);
      return;
    }
    tracks.push(seconds > 0 ? { ...track, durationMs: Math.round(seconds * 1000) } : track);
  });
  if (extinf === 0) {
    throw new TrackFileProblem(
      'has no #EXTINF lines, so it names no artists or titles',
      'Export the playlist as an extended M3U (#EXTINF:<seconds>,Artist - Title before each path), or use CSV or JSON.',
    );
  }
  return { tracks, warnings };
}
