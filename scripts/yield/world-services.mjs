// How services name a yield world's recordings, and the truth behind every name they serve: which library
// tracks (ratingKeys) are that recording, none when the library lacks it. Realistic service data: lengths of
// other releases (a radio edit, a longer fade), 0 and missing lengths, a featured artist on one side only,
// "The" and "&"/"and" variants, stripped accents, remaster and live suffixes, lowercased names, live versions
// and remixes of owned songs, the same title by another artist, songs the library lacks.
import { createHash } from 'node:crypto';
import { between, chance, pick } from './world-library.mjs';

const FEATURED = ['Lil Nova', 'Maya Frost', 'DJ Kestrel', 'Rico Vance', 'Saint Juno', 'Tavi Blue'];
const REMIXERS = ['Kygo', 'Tiësto', 'Robin Schulz', 'Armand Van Helden', 'Purple Disco Machine'];
const STRANGERS = ['Quinn Harbour', 'Marlow Vance', 'Oda Rhee', 'Los Cerros', 'Saint Ivory', 'Kasimir Vale', 'The Lumen Drift'];
const REMASTERS = [' - Remastered 2011', ' (2015 Remaster)', ' - 2009 Remaster', ' (Remastered)'];

export function uuidOf(text) {
  const h = createHash('sha1').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The key a candidate is looked up by: its names exactly as served. */
export const truthKey = (artist, title, album) => `${artist}\u0000${title}\u0000${album ?? ''}`;

/** A service's length for a recording: the same (±2 s), another release's, 0, or none. */
function serviceLength(rng, rec, mustAgree) {
  const r = rng();
  if (mustAgree || r < 0.55) return Math.max(30_000, rec.lengthMs + between(rng, -2000, 2000));
  if (r < 0.7) {
    // Another release: a radio edit well shorter, or a remaster/album version with a longer fade.
    return chance(rng, 0.6) ? Math.max(120_000, rec.lengthMs - between(rng, 60, 150) * 1000) : rec.lengthMs + between(rng, 45, 100) * 1000;
  }
  if (r < 0.8) return 0;
  return undefined;
}

function artistSpelling(rng, artist) {
  const s = chance(rng, 0.75) ? artist.spellings[0] : pick(rng, artist.spellings);
  return chance(rng, 0.04) ? s.toLowerCase() : s;
}

export function createWorldServices(rng, library) {
  const truth = new Map();
  const conflicts = new Set();
  // Services that drop the album (Last.fm lists) are judged by artist and title, when those name one truth.
  const byName = new Map();
  const record = (entry, keys) => {
    const nameKey = truthKey(entry.artist, entry.title, undefined);
    const value = [...keys].sort().join(',');
    const known = byName.get(nameKey);
    byName.set(nameKey, known === undefined || known === value ? value : null);
    const k = truthKey(entry.artist, entry.title, entry.album);
    const seen = truth.get(k);
    if (seen !== undefined && seen.join(',') !== value) conflicts.add(k);
    truth.set(k, [...keys]);
    return entry;
  };
  const liveOf = new Map(library.recordings.filter((r) => r.live).map((r) => [`${r.artist.library}\u0000${r.title}`, r]));
  const studio = library.recordings.filter((r) => !r.live);

  /** An owned recording as a service names it. `albums`: the service gives album names. */
  function owned(rec, { albums = 0.4 } = {}) {
    let artist = artistSpelling(rng, rec.artist);
    let title = rec.title;
    let mustAgree = false;
    if (rec.live) {
      title = chance(rng, 0.5) ? `${rec.title} - Live` : `${rec.title} (${rec.album})`;
    } else if (rec.featured) {
      const r = rng();
      if (r < 0.25) title = `${rec.title} (feat. ${rec.featured})`;
      else if (r < 0.5) artist = `${artist} feat. ${rec.featured}`;
    } else if (rec.remasterTag) {
      if (chance(rng, 0.3)) title = `${rec.title}${pick(rng, REMASTERS)}`;
    } else {
      const r = rng();
      if (r < 0.12) title = `${rec.title}${pick(rng, REMASTERS)}`;
      else if (r < 0.18) {
        // A feature only the service names: the same release, so its length agrees.
        title = `${rec.title} (feat. ${pick(rng, FEATURED)})`;
        mustAgree = true;
      } else if (r < 0.28 && rec.title.includes("'")) title = rec.title.replace(/'/g, '\u2019');
      else if (r < 0.31) title = rec.title.toLowerCase();
    }
    const entry = { artist, title };
    if (chance(rng, albums) || (rec.live && !title.includes('Live') && !title.includes(rec.album))) {
      entry.album = chance(rng, 0.2) && !rec.live ? `${rec.album} (Deluxe Edition)` : rec.album;
    }
    const lengthMs = serviceLength(rng, rec, mustAgree);
    if (lengthMs !== undefined) entry.durationMs = lengthMs;
    return record(entry, rec.ratingKeys);
  }

  /** Something the library does not hold, often close to something it does. */
  function notOwned() {
    const rec = pick(rng, studio);
    const r = rng();
    let entry;
    if (r < 0.25) {
      // The same song name by another artist.
      entry = { artist: pick(rng, STRANGERS), title: rec.title };
    } else if (r < 0.45) {
      const live = liveOf.get(`${rec.artist.library}\u0000${rec.title}`);
      if (live) return owned(live);
      entry = { artist: rec.artist.spellings[0], title: chance(rng, 0.5) ? `${rec.title} - Live` : `${rec.title} (Live in ${pick(rng, ['Berlin', 'Tokyo', 'Chicago'])})` };
    } else if (r < 0.6) {
      entry = { artist: rec.artist.spellings[0], title: `${rec.title} (${pick(rng, REMIXERS)} Remix)` };
    } else if (r < 0.68) {
      entry = { artist: rec.artist.spellings[0], title: `${rec.title} - Acoustic` };
    } else if (r < 0.85) {
      entry = { artist: rec.artist.spellings[0], title: `${rec.title.split(' ')[0]} ${pick(rng, ['Harbour', 'Lanterns', 'Satellites', 'Orchard'])} ${between(rng, 2, 9)}` };
    } else {
      entry = { artist: pick(rng, STRANGERS), title: `${pick(rng, ['Paper', 'Neon', 'Velvet'])} ${pick(rng, ['Motel', 'Static', 'Gardens'])}` };
    }
    const lengthMs = between(rng, 150, 400) * 1000;
    if (chance(rng, 0.7)) entry.durationMs = lengthMs;
    return record(entry, []);
  }

  /** A list of `size` entries, `ownedShare` of them owned recordings in random order. */
  function list(size, ownedShare = 0.75, opts = {}) {
    const out = [];
    const used = new Set();
    while (out.length < size) {
      if (chance(rng, ownedShare)) {
        const rec = pick(rng, library.recordings);
        if (used.has(rec)) continue;
        used.add(rec);
        out.push(owned(rec, opts));
      } else {
        out.push(notOwned());
      }
    }
    return out;
  }

  /** The truth for a candidate as the report lists it: ratingKeys, [] when not owned, undefined when unknown. */
  const lookup = (artist, title, album) => {
    const exact = truth.get(truthKey(artist, title, album));
    if (exact) return exact;
    const named = byName.get(truthKey(artist, title, undefined));
    return typeof named === 'string' ? (named === '' ? [] : named.split(',')) : undefined;
  };
  return { truth, conflicts, owned, notOwned, list, named: record, lookup };
}

const lastfmTrack = (e, extra = {}) => ({
  artist: e.artist,
  title: e.title,
  ...(e.album ? { album: e.album } : {}),
  // Last.fm serves seconds, "0" when it does not know.
  ...(e.durationMs !== undefined ? { durationS: Math.round(e.durationMs / 1000) } : {}),
  ...extra,
});

/** Last.fm: a global chart, and a user quiet for the last months whose overall history is rich. */
export function lastfmData(rng, library, services, user, sizes) {
  const chart = services.list(sizes.chart).map((e) => lastfmTrack(e));
  const artists = library.artists.filter((a) => !a.titles);
  const topArtists = artists.slice(0, 12).map((a, i) => ({ name: a.spellings[0], playcount: 500 - i * 20 }));
  const topTracks = services.list(sizes.top, 0.85).map((e, i) => lastfmTrack(e, { playcount: 300 - i }));
  const loved = services.list(sizes.loved, 0.8).map((e, i) => lastfmTrack(e, { date: Date.UTC(2026, 0, 1) - i * 86_400_000 }));
  const similarTracks = topTracks.slice(0, 12).map((seed) => ({
    artist: seed.artist,
    title: seed.title,
    similar: services.list(12, 0.6).map((e, i) => ({ ...lastfmTrack(e), match: 1 - i / 14 })),
  }));
  const similarArtists = {};
  const artistTopTracks = {};
  for (const a of topArtists) {
    const others = artists.filter((o) => o.spellings[0] !== a.name).slice(0, 40);
    const chosen = [pick(rng, others), pick(rng, others), pick(rng, others)];
    similarArtists[a.name] = chosen.map((o, i) => ({ name: o.spellings[0], match: 0.9 - i * 0.2 }));
  }
  for (const a of artists) {
    const recs = library.recordings.filter((r) => r.artist === a && !r.live);
    const own = recs.map((r) => lastfmTrack(services.owned(r)));
    // Their popular songs the library lacks (new titles: the artist's own names are all owned).
    const extra = Array.from({ length: 3 }, (_, i) => services.named({ artist: a.spellings[0], title: `${pick(rng, ['Paper', 'Neon', 'Velvet', 'Static'])} ${pick(rng, ['Motel', 'Gardens', 'Satellites'])} ${i + 2}` }, []));
    artistTopTracks[a.spellings[0]] = [...own, ...extra.map((e) => lastfmTrack(e))];
  }
  return {
    chart,
    users: {
      [user]: {
        topArtists: { '3month': [], overall: topArtists },
        topTracks: { '3month': [], overall: topTracks },
        loved,
        recent: [],
      },
    },
    similarTracks,
    similarArtists,
    artistTopTracks,
  };
}

/** ListenBrainz: recommendations and a weekly playlist, each recording with its metadata. */
export function listenbrainzData(services, user, sizes) {
  const recordings = new Map();
  const mbids = (entries) =>
    entries.map((e) => {
      const mbid = uuidOf(`${e.artist}|${e.title}|${e.album ?? ''}|${e.durationMs ?? ''}`);
      recordings.set(mbid, { mbid, artist: e.artist, title: e.title, ...(e.album ? { album: e.album } : {}), ...(e.durationMs ? { lengthMs: e.durationMs } : {}) });
      return mbid;
    });
  const recommended = mbids(services.list(sizes.lbRecs, 0.75, { albums: 0.6 }));
  const weekly = mbids(services.list(sizes.lbWeekly, 0.75, { albums: 0.6 }));
  return {
    users: {
      [user]: {
        recommendations: recommended.map((mbid, i) => ({ mbid, score: 10 - i / 100, latestListenedAt: null })),
        playlists: [{ mbid: uuidOf('weekly-jams'), sourcePatch: 'weekly-jams', title: `Weekly Jams for ${user}, week of 2026-01-05 Mon`, date: '2026-01-05T00:04:11Z', recordingMbids: weekly }],
      },
    },
    recordings: [...recordings.values()],
  };
}

/** Custom track lists: an extended M3U (lengths of whatever release the exporter had) and a JSON list with albums. */
export function customFiles(services, sizes) {
  const m3u = services.list(sizes.custom, 0.8, { albums: 0 });
  const m3uText = ['#EXTM3U', ...m3u.flatMap((e, i) => [`#EXTINF:${e.durationMs ? Math.round(e.durationMs / 1000) : -1},${e.artist} - ${e.title}`, `/music/${i}.flac`])].join('\n');
  const json = services.list(sizes.custom, 0.8, { albums: 0.7 }).map((e) => ({ artist: e.artist, title: e.title, ...(e.album ? { album: e.album } : {}) }));
  // The JSON format has no lengths: the truth is keyed by names and album only.
  return { m3u: `${m3uText}\n`, json: JSON.stringify(json, null, 2) };
}
