// Tallies of what the emulators were sent, by route, so runs can be compared request for request.

const isUuid = (segment) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(segment);
const isId = (segment) => /^\d+$/.test(segment) || isUuid(segment);
/** `/library/metadata/1,2,3`: several keys in one path segment. */
const isIdList = (segment) => /^\d+(,\d+)+$/.test(segment);
const WRITES = new Set(['POST', 'PUT', 'DELETE']);

/** `GET /library/sections/{id}/all?type=10`: ids folded, the listing's type kept (tracks vs albums vs artists). */
export function plexRoute(req) {
  const path = req.path.split('/').map((s) => (isId(s) ? '{id}' : isIdList(s) ? '{ids}' : s)).join('/');
  const type = req.query.type;
  return `${req.method} ${path}${type !== undefined && path.endsWith('/all') ? `?type=${type}` : ''}`;
}

const containerSize = (req) => req.query['X-Plex-Container-Size'] ?? req.headers['x-plex-container-size'];

/** A page of the track listing: `type=10` with items asked for (a count request asks for 0). */
export function isTrackPage(req) {
  return req.method === 'GET' && /^\/library\/sections\/[^/]+\/all$/.test(req.path) && req.query.type === '10' && containerSize(req) !== '0';
}

/** Any page of a section listing (tracks, albums or artists) that carries items. */
export function isListingPage(req) {
  return req.method === 'GET' && /^\/library\/sections\/[^/]+\/all$/.test(req.path) && containerSize(req) !== '0';
}

export function lastfmRoute(req) {
  return `${req.query.method ?? req.query.METHOD ?? '(none)'}`;
}

export function listenBrainzRoute(req) {
  const parts = req.path.split('/');
  const out = parts.map((s, i) => (isUuid(s) ? '{mbid}' : parts[i - 1] === 'user' ? '{user}' : s));
  return `${req.method} ${out.join('/')}`;
}

function tally(requests, keyOf) {
  const byRoute = {};
  for (const r of requests) {
    const k = keyOf(r);
    byRoute[k] = (byRoute[k] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(byRoute).sort(([a], [b]) => a.localeCompare(b)));
}

/** Counts for one run, read from the emulators' request logs. */
export function summariseRequests(world) {
  const plex = world.plex.requests;
  return {
    plex: plex.length,
    plexWrites: plex.filter((r) => WRITES.has(r.method)).length,
    plexReads: plex.filter((r) => !WRITES.has(r.method)).length,
    trackPages: plex.filter(isTrackPage).length,
    listingPages: plex.filter(isListingPage).length,
    plexByRoute: tally(plex, plexRoute),
    lastfm: world.lastfm.requests.length,
    lastfmByMethod: tally(world.lastfm.requests, lastfmRoute),
    listenbrainz: world.listenbrainz.requests.length,
    listenbrainzByRoute: tally(world.listenbrainz.requests, listenBrainzRoute),
  };
}
