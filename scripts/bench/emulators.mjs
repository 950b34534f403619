// The emulated world a benchmark runs against: Plex with a generated library, Last.fm and ListenBrainz
// with data pointing at tracks in it (some missing), and the environment that enables every built-in source.
import {
  generateLibrary,
  sampleLastfmData,
  sampleListenBrainzData,
  startLastfmEmulator,
  startListenBrainzEmulator,
  startPlexEmulator,
} from '@harmoniq/testkit';

export const LB_TOKEN = 'bench-listenbrainz-token';

/** Every built-in source, by the environment names in docs/sources/*.md and each plugin's `env`. */
export const SOURCE_ENV = {
  'lastfm-charts': 'ENABLE_LASTFM_CHARTS',
  'lastfm-recs': 'ENABLE_LASTFM_RECS',
  'lastfm-top': 'ENABLE_LASTFM_TOP',
  'lastfm-loved': 'ENABLE_LASTFM_LOVED',
  'lastfm-deep-cuts': 'ENABLE_LASTFM_DEEP_CUTS',
  'daily-flow': 'ENABLE_TIME_PLAYLIST',
  listenbrainz: 'ENABLE_LISTENBRAINZ_RECS',
};

/**
 * @param {{ tracks: number, seed?: number }} opts
 */
export async function startWorld(opts) {
  const seed = opts.seed ?? 42;
  const fixtures = generateLibrary({ tracks: opts.tracks, seed });
  const plex = await startPlexEmulator({ tracks: fixtures });
  // What the services know about: the library's own spellings (the sample data respells some of them).
  const library = fixtures.map((t) => ({ artist: t.trackArtist ?? t.artist, title: t.title, album: t.album }));
  const durations = durationLookup(fixtures);
  const lastfmData = sampleLastfmData(library, { seed });
  const lb = sampleListenBrainzData(library, { seed });
  alignDurations(lastfmData, durations, 'durationS', 1000);
  alignDurations(lb.recordings, durations, 'lengthMs', 1);
  const lastfm = await startLastfmEmulator({ data: lastfmData });
  const listenbrainz = await startListenBrainzEmulator({
    tokens: { [LB_TOKEN]: 'harmoniq-user' },
    users: lb.users,
    recordings: lb.recordings,
    // Generous enough that the benchmark measures Harmoniq, not the emulated rate limit.
    rateLimit: { limit: 1000, windowSeconds: 10 },
  });
  return {
    fixtures,
    lastfmData,
    recordings: lb.recordings,
    plex,
    lastfm,
    listenbrainz,
    resetRequests() {
      plex.resetRequests();
      lastfm.resetRequests();
      listenbrainz.resetRequests();
    },
    async close() {
      await Promise.all([plex.close(), lastfm.close(), listenbrainz.close()]);
    },
  };
}

/**
 * The child's whole environment: every source in `sources` enabled against the emulators.
 * @param {Awaited<ReturnType<typeof startWorld>>} world
 * @param {string} dataDir
 * @param {string[]} sources
 */
export function syncEnv(world, dataDir, sources) {
  const env = {
    TIMEZONE: 'UTC',
    LOG_LEVEL: 'warn',
    HARMONIQ_DATA_DIR: dataDir,
    PLEX_URL: world.plex.url,
    PLEX_TOKEN: world.plex.token,
    PLEX_MUSIC_LIBRARY_NAME: 'Music',
    LASTFM_API_KEY: world.lastfm.apiKey,
    LASTFM_API_URL: `${world.lastfm.url}/2.0/`,
    LASTFM_USER: 'harmoniq-user',
    LISTENBRAINZ_USER_TOKEN: LB_TOKEN,
    LISTENBRAINZ_API_URL: world.listenbrainz.url,
  };
  for (const name of sources) {
    const flag = SOURCE_ENV[name];
    if (!flag) throw new Error(`unknown source '${name}' (known: ${Object.keys(SOURCE_ENV).join(', ')})`);
    env[flag] = 'true';
  }
  return env;
}

const trackKey = (artist, title, album) => `${artist.toLowerCase()}\u0000${title.toLowerCase()}${album === undefined ? '' : `\u0000${album.toLowerCase()}`}`;

function durationLookup(fixtures) {
  const map = new Map();
  for (const t of fixtures) {
    if (t.durationMs === undefined) continue;
    const artist = t.trackArtist ?? t.artist;
    const withAlbum = trackKey(artist, t.title, t.album);
    if (!map.has(withAlbum)) map.set(withAlbum, t.durationMs);
    const bare = trackKey(artist, t.title);
    if (!map.has(bare)) map.set(bare, t.durationMs);
  }
  return map;
}

/**
 * The sample data gives every track a random duration, unrelated to the library's, and the matcher rightly
 * treats durations minutes apart as different recordings. Real services report the recording's length, so:
 * a track the library has gets the library's duration (to the second, as Last.fm rounds), and one whose
 * spelling differs from the library's (the respelled ones, and the tracks the library lacks) gets none, as if
 * the service did not know it. (Reported to testkit: its sample data could take the library's durations.)
 */
function alignDurations(node, durations, field, unitMs) {
  if (Array.isArray(node)) {
    for (const item of node) alignDurations(item, durations, field, unitMs);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  if (typeof node.artist === 'string' && typeof node.title === 'string' && field in node) {
    const known = durations.get(trackKey(node.artist, node.title, node.album)) ?? durations.get(trackKey(node.artist, node.title));
    if (known !== undefined) node[field] = Math.round(known / unitMs);
    else delete node[field];
  }
  for (const value of Object.values(node)) if (value !== null && typeof value === 'object') alignDurations(value, durations, field, unitMs);
}
