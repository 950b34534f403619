/** What a user asked to keep out of every playlist (or one source's), as written. */
export interface ExclusionRules {
  /** Genre names, matched at track, album and artist level. */
  genres: string[];
  /** Artist names, matched against every credited name of a track. */
  artists: string[];
  /** `Artist – Title` pairs: every version of that song by that artist. */
  tracks: ExcludedTrack[];
  /** Plex ratingKeys: exactly these library tracks. */
  ratingKeys: string[];
}

export interface ExcludedTrack {
  artist: string;
  title: string;
}

export const NO_EXCLUSIONS: ExclusionRules = Object.freeze({ genres: [], artists: [], tracks: [], ratingKeys: [] }) as ExclusionRules;

/**
 * A comma list as environment variables carry it (`EXCLUDE_GENRES=Christmas, Audiobook`), or a list as a
 * config file does: trimmed, blanks dropped, duplicates kept once. Names with a comma cannot be written in
 * the env form; the file's list form takes them.
 */
export function parseNameList(raw: string | readonly string[] | undefined): string[] {
  if (raw === undefined) return [];
  const items = typeof raw === 'string' ? raw.split(',') : raw;
  const out: string[] = [];
  for (const item of items) {
    const name = item.trim();
    if (name !== '' && !out.includes(name)) out.push(name);
  }
  return out;
}

/** Global rules plus a source's own: a source adds to the global exclusions, it cannot lift them. */
export function mergeExclusions(...rules: readonly ExclusionRules[]): ExclusionRules {
  const merged: ExclusionRules = { genres: [], artists: [], tracks: [], ratingKeys: [] };
  for (const r of rules) {
    merged.genres = parseNameList([...merged.genres, ...r.genres]);
    merged.artists = parseNameList([...merged.artists, ...r.artists]);
    merged.ratingKeys = parseNameList([...merged.ratingKeys, ...r.ratingKeys]);
    for (const t of r.tracks) {
      if (!merged.tracks.some((m) => m.artist === t.artist && m.title === t.title)) merged.tracks.push({ ...t });
    }
  }
  return merged;
}

export function hasExclusions(rules: ExclusionRules): boolean {
  return rules.genres.length + rules.artists.length + rules.tracks.length + rules.ratingKeys.length > 0;
}
