import type { ExcludedTrack } from './exclusion-rules.js';

export interface ExcludedTracksFile {
  tracks: ExcludedTrack[];
  ratingKeys: string[];
  /** One line per problem, with its line number and how to fix it. */
  problems: string[];
}

// The separators people type between artist and title: en dash, em dash, or a hyphen with spaces around it.
const SEPARATOR_RE = /\s*[\u2013\u2014]\s*|\s+-\s+/;

/**
 * The `EXCLUDE_TRACKS_FILE`: one track per line, `Artist – Title` (en dash, em dash or ` - `), or a Plex
 * ratingKey (digits) for exactly one library track. Blank lines and `#` comments are skipped. Every bad line
 * is reported at once; `where` names the file in the messages.
 */
export function parseExcludedTracksFile(text: string, where: string): ExcludedTracksFile {
  const out: ExcludedTracksFile = { tracks: [], ratingKeys: [], problems: [] };
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (/^\d+$/.test(line)) {
      if (!out.ratingKeys.includes(line)) out.ratingKeys.push(line);
      return;
    }
    const sep = SEPARATOR_RE.exec(line);
    const artist = sep ? line.slice(0, sep.index).trim() : '';
    const title = sep ? line.slice(sep.index + sep[0].length).trim() : '';
    if (!sep || artist === '' || title === '') {
      out.problems.push(
        `${where} line ${index + 1}: '${line.length > 80 ? `${line.slice(0, 77)}...` : line}' is neither 'Artist – Title' nor a ratingKey; write one track per line as 'Artist – Title' (or 'Artist - Title'), or the track's ratingKey`,
      );
      return;
    }
    if (!out.tracks.some((t) => t.artist === artist && t.title === title)) out.tracks.push({ artist, title });
  });
  return out;
}
