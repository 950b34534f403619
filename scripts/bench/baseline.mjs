// What the common tools do: one Plex search per wanted track, then keep the results by the wanted artist.
// Sequential, as those tools run (one search, read it, next), over keep-alive HTTP.

/** python-plexapi's default X-Plex-Container-Size: the first page of a search is all a one-request search sees. */
export const BASELINE_PAGE_SIZE = 100;

const fold = (s) => s.normalize('NFKC').toLowerCase().trim();

/**
 * Candidates the sources produced, as the `--json` report lists them. Tracks that came from the library itself
 * (daily-flow; matched `via: 'rating-key'`) need no search by anyone, so they are left out.
 */
export function baselineCandidates(report) {
  const out = [];
  for (const source of report.sources ?? []) {
    for (const playlist of source.playlists ?? []) {
      for (const c of playlist.candidates ?? []) if (c.via !== 'rating-key') out.push({ artist: c.artist, title: c.title });
    }
  }
  return out;
}

/**
 * `GET /library/sections/{id}/all?type=10&title=<title>` per candidate (Plex's `title=` is a contains match),
 * then a result counts as found when its track artist or album artist equals the wanted artist, ignoring case.
 */
export async function runBaseline(plex, candidates) {
  let found = 0;
  let errors = 0;
  const started = performance.now();
  for (const c of candidates) {
    const url = new URL(`/library/sections/${plex.sectionId}/all`, plex.url);
    url.searchParams.set('type', '10');
    url.searchParams.set('title', c.title);
    const res = await fetch(url, {
      headers: {
        Accept: 'application/json',
        'X-Plex-Token': plex.token,
        'X-Plex-Container-Start': '0',
        'X-Plex-Container-Size': String(BASELINE_PAGE_SIZE),
      },
    });
    if (!res.ok) {
      errors++;
      await res.arrayBuffer();
      continue;
    }
    const body = await res.json();
    const items = body?.MediaContainer?.Metadata ?? [];
    const artist = fold(c.artist);
    if (items.some((t) => fold(t.originalTitle ?? '') === artist || fold(t.grandparentTitle ?? '') === artist)) found++;
  }
  const ms = performance.now() - started;
  return { candidates: candidates.length, found, missed: candidates.length - found - errors, errors, ms };
}
