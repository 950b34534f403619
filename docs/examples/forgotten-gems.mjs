/**
 * Forgotten gems: tracks you loved (played often, or rated highly) that you have not played for months.
 * A Harmoniq custom module: it picks tracks straight from your library, so nothing needs matching.
 *
 *   CUSTOM_1_MODULE=./forgotten-gems.mjs  PLAYLIST_NAME_CUSTOM_1="Forgotten Gems"  harmoniq sync custom-1
 *
 * or in harmoniq.yaml (relative paths resolve from the config file's folder):
 *
 *   custom:
 *     - name: forgotten-gems
 *       module: ./forgotten-gems.mjs
 *       playlist: Forgotten Gems
 *       size: 40
 *       months: 6       # not played for at least this many months (default 6)
 *       minPlays: 5     # played at least this often… (default 5)
 *       minRating: 8    # …or rated at least this (Plex rates 0–10, so 8 = four stars; default 8)
 *       perArtist: 2    # at most this many tracks per artist (default 2)
 *
 * It imports nothing, so it runs from any folder. The JSDoc types are for editors only.
 */

const DEFAULTS = { months: 6, minPlays: 5, minRating: 8, perArtist: 2 };

/**
 * @param {import('@harmoniq/core').SourceContext} ctx the same context built-in sources get
 * @param {Record<string, unknown>} options the extra keys of the custom: entry (or CUSTOM_<N>_OPTIONS as JSON)
 * @returns {import('@harmoniq/core').CandidateTrack[]} best first
 */
export default function forgottenGems(ctx, options = {}) {
  const o = readOptions(options);
  const now = ctx.clock.now();
  const cutoff = monthsBefore(now, o.months);

  const gems = ctx.library.tracks.filter((t) => {
    const loved = (t.viewCount ?? 0) >= o.minPlays || (t.userRating ?? 0) >= o.minRating;
    // Never played counts as forgotten only for a track you rated: you thought it good and never came back.
    const forgotten = t.lastViewedAt === undefined ? (t.userRating ?? 0) >= o.minRating : t.lastViewedAt < cutoff;
    return loved && forgotten;
  });

  gems.sort((a, b) => score(b) - score(a) || (a.lastViewedAt ?? 0) - (b.lastViewedAt ?? 0) || a.ratingKey.localeCompare(b.ratingKey));

  const perArtist = new Map();
  const picked = [];
  for (const t of gems) {
    const artist = t.artist.toLowerCase();
    const count = perArtist.get(artist) ?? 0;
    if (count >= o.perArtist) continue;
    perArtist.set(artist, count + 1);
    picked.push({
      artist: t.artist,
      title: t.title,
      album: t.album,
      ids: { plexRatingKey: t.ratingKey },
      note: describe(t, now),
    });
    // A few spares beyond the playlist size, in case some of them are filtered out later.
    if (picked.length >= ctx.common.size * 2) break;
  }
  ctx.logger.debug(`${gems.length} forgotten gems in ${ctx.library.size} tracks; picked ${picked.length}`);
  return picked;
}

/** Plays count once each; a rating above 2.5 stars adds the equivalent of five plays per half star. */
function score(t) {
  return (t.viewCount ?? 0) + 5 * Math.max(0, (t.userRating ?? 0) - 5);
}

function readOptions(options) {
  const o = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS)) {
    if (options[key] === undefined) continue;
    const value = Number(options[key]);
    if (!Number.isFinite(value) || value < 0) throw new Error(`forgotten-gems: '${key}' must be a number of 0 or more, got ${JSON.stringify(options[key])}`);
    o[key] = value;
  }
  return o;
}

/** Epoch milliseconds `months` calendar months before `now`. */
function monthsBefore(now, months) {
  const d = new Date(now.getTime());
  d.setUTCMonth(d.getUTCMonth() - Math.floor(months));
  return d.getTime() - Math.round((months % 1) * 30 * 86400000);
}

function describe(t, now) {
  const parts = [];
  if (t.viewCount) parts.push(`played ${t.viewCount} time${t.viewCount === 1 ? '' : 's'}`);
  if (t.userRating) parts.push(`rated ${t.userRating / 2}★`);
  if (t.lastViewedAt === undefined) parts.push('never played');
  else parts.push(`last played ${Math.round((now.getTime() - t.lastViewedAt) / (30 * 86400000))} months ago`);
  return parts.join(', ');
}
