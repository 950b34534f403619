import type { MissingReport, MissingTrack } from './missing-report.js';

const CSV_COLUMNS = ['artist', 'title', 'album', 'reason', 'nearest_artist', 'nearest_title', 'nearest_score', 'wanted_by', 'times_wanted', 'first_seen', 'last_seen', 'recording_mbid', 'artist_mbids'] as const;

/** RFC 4180 CSV (quoted where needed), for spreadsheets. Cells starting with = + - @ are prefixed so spreadsheets never run them. */
export function missingToCsv(report: MissingReport): string {
  const rows = report.tracks.map((t) => [
    t.artist,
    t.title,
    t.album ?? '',
    t.reason,
    t.nearestMiss?.artist ?? '',
    t.nearestMiss?.title ?? '',
    t.nearestMiss ? String(t.nearestMiss.score) : '',
    t.wantedBy.map((w) => `${w.source}: ${w.playlist}`).join('; '),
    String(t.timesWanted),
    t.firstSeen,
    t.lastSeen,
    t.mbid ?? '',
    (t.artistMbids ?? []).join(' '),
  ]);
  return [[...CSV_COLUMNS], ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function csvCell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Lidarr's "Custom List" import list reads a JSON array of `{ "MusicBrainzId": "<artist MBID>" }`
 * (Lidarr's CustomImport maps `ArtistId ?? MusicBrainzId` to the artist). Only artists with a known MBID
 * can be listed; each appears once, most wanted first.
 */
export function missingToLidarr(report: MissingReport, minTimesWanted = 1): { MusicBrainzId: string }[] {
  const seen = new Set<string>();
  const out: { MusicBrainzId: string }[] = [];
  for (const t of report.tracks) {
    if (t.timesWanted < minTimesWanted || t.reason !== 'not-found') continue;
    for (const mbid of t.artistMbids ?? []) {
      if (!isMbid(mbid) || seen.has(mbid)) continue;
      seen.add(mbid);
      out.push({ MusicBrainzId: mbid });
    }
  }
  return out;
}

/** The tracks wanted by a source and/or for a household user (`owner` for the owner's own playlists), case-insensitive user. */
export function filterMissing(report: MissingReport, source?: string, user?: string): MissingTrack[] {
  const who = user?.toLowerCase();
  const forUser = (w: { user?: string }): boolean => who === undefined || (who === 'owner' ? w.user === undefined : w.user?.toLowerCase() === who);
  return report.tracks.filter((t) => t.wantedBy.some((w) => (source === undefined || w.source === source) && forUser(w)));
}

function isMbid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
