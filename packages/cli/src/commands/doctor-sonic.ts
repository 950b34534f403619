import type { PlexClient } from '@harmoniq/plex';

/** Tracks looked at: one request, enough to tell an analysed library from an unanalysed one. */
const SAMPLE = 200;

/**
 * The doctor's sonic analysis line. Informational: a server without Plex Pass is not a failed check, but Sonic Mix
 * and TIME_PLAYLIST_ORDER=sonic need the analysis, so doctor says whether it is there and how to turn it on.
 */
export async function describeSonicAnalysis(plex: PlexClient, sectionId: string): Promise<string> {
  const { checked, analysed } = await plex.sonicSample(sectionId, SAMPLE);
  if (checked === 0) return 'no tracks to check';
  if (analysed === checked) return `available (all ${checked} tracks checked are analysed): Sonic Mix and TIME_PLAYLIST_ORDER=sonic can use it`;
  if (analysed > 0) return `partly available (${analysed} of ${checked} tracks checked are analysed; Plex analyses the rest during maintenance)`;
  return (
    `not available (none of ${checked} tracks checked is analysed): Sonic Mix keeps its playlist and TIME_PLAYLIST_ORDER=sonic ` +
    'falls back to the usual order. It needs Plex Pass and the library\'s "Perform sonic analysis for tracks" setting (Manage Library → Edit → Advanced)'
  );
}
