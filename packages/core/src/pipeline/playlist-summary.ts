import { formatLocal, type Clock } from '../clock.js';

/** The text shown under the playlist in Plex: what it is, how many were found, and when. */
export function playlistSummary(options: { description?: string; found: number; wanted: number; clock: Clock }): string {
  const what = options.description?.trim() ? `${options.description.trim()} ` : '';
  return `${what}${options.found} of ${options.wanted} tracks found in your library. Updated ${formatLocal(options.clock)} by Harmoniq.`;
}
