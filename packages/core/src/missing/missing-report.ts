import type { SyncReport } from '../pipeline/report.js';

/** One track some source wanted that the library does not have (or has tagged differently). */
export interface MissingTrack {
  artist: string;
  title: string;
  album?: string;
  /** MusicBrainz recording MBID, when the source knew it. */
  mbid?: string;
  artistMbids?: string[];
  /** Which sources and playlists wanted it (and for which household user, when not the owner). */
  wantedBy: { source: string; playlist: string; user?: string }[];
  /** Runs in which it was wanted and missing. */
  timesWanted: number;
  firstSeen: string;
  lastSeen: string;
  /** The matcher's verdict: 'not-found' (not in the library) vs 'below-threshold'/'ambiguous' (probably tagged differently). */
  reason: string;
  nearestMiss?: { artist: string; title: string; album?: string; ratingKey: string; score: number };
}

export interface MissingReport {
  version: 1;
  updatedAt: string;
  tracks: MissingTrack[];
}

export function emptyMissingReport(): MissingReport {
  return { version: 1, updatedAt: new Date(0).toISOString(), tracks: [] };
}

/** Identity of a wanted track across runs and sources: case, accents and punctuation do not matter. */
export function missingKey(artist: string, title: string): string {
  const fold = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  return `${fold(artist)}\u0000${fold(title)}`;
}

/**
 * Merges a run into the report: tracks missing now are added or refreshed, tracks found now are dropped,
 * and tracks of sources that did not run this time are kept as they were.
 */
export function mergeMissing(previous: MissingReport, run: SyncReport): MissingReport {
  const at = run.finishedAt;
  const byKey = new Map(previous.tracks.map((t) => [missingKey(t.artist, t.title), { ...t, wantedBy: [...t.wantedBy] }]));
  const seenThisRun = new Set<string>();
  for (const source of run.sources) {
    for (const playlist of source.playlists) {
      for (const c of playlist.candidates) {
        const key = missingKey(c.artist, c.title);
        // An excluded track is one the user does not want: never missing, even when the library lacks it.
        if (c.status === 'matched' || c.status === 'excluded') {
          byKey.delete(key);
          continue;
        }
        if (c.reason === 'skipped') continue;
        const existing = byKey.get(key);
        const wanted = { source: source.source, playlist: playlist.title, ...(source.user === undefined ? {} : { user: source.user }) };
        if (!existing) {
          byKey.set(key, {
            artist: c.artist,
            title: c.title,
            ...(c.album ? { album: c.album } : {}),
            ...(c.mbid ? { mbid: c.mbid } : {}),
            ...(c.artistMbids?.length ? { artistMbids: c.artistMbids } : {}),
            wantedBy: [wanted],
            timesWanted: 1,
            firstSeen: at,
            lastSeen: at,
            reason: c.reason ?? 'not-found',
            ...(c.best ? { nearestMiss: c.best } : {}),
          });
          seenThisRun.add(key);
          continue;
        }
        if (!existing.wantedBy.some((w) => w.source === wanted.source && w.playlist === wanted.playlist && w.user === wanted.user)) existing.wantedBy.push(wanted);
        if (!seenThisRun.has(key)) existing.timesWanted += 1;
        seenThisRun.add(key);
        existing.lastSeen = at;
        existing.reason = c.reason ?? existing.reason;
        existing.album ??= c.album;
        existing.mbid ??= c.mbid;
        if (c.artistMbids?.length) existing.artistMbids = [...new Set([...(existing.artistMbids ?? []), ...c.artistMbids])];
        if (c.best) existing.nearestMiss = c.best;
        else delete existing.nearestMiss;
      }
    }
  }
  return { version: 1, updatedAt: at, tracks: sortMissing([...byKey.values()]) };
}

/** Most wanted first: by how many playlists want it, then how often, then most recent. */
export function sortMissing(tracks: MissingTrack[]): MissingTrack[] {
  return [...tracks].sort(
    (a, b) =>
      b.wantedBy.length - a.wantedBy.length ||
      b.timesWanted - a.timesWanted ||
      b.lastSeen.localeCompare(a.lastSeen) ||
      a.artist.localeCompare(b.artist) ||
      a.title.localeCompare(b.title),
  );
}
