import type { EmulatorRequest } from '../common/server.js';
import { includeGuids, itemSectionMembers, libraryAttrs, type PlexContext } from './context.js';
import type { TrackRecord } from './library-store.js';
import { extendJson, trackJson } from './metadata-json.js';
import { htmlError, type Container } from './responses.js';
import type { EmulatorResponse } from '../common/server.js';

/** PMS's defaults for both routes (python-plexapi's docstrings; the official spec). */
export const DEFAULT_NEAREST_LIMIT = 50;
export const DEFAULT_MAX_DISTANCE = 0.25;
/** computePath's default number of tracks is unverified; the emulator picks a short path. */
export const DEFAULT_PATH_COUNT = 10;

interface Scored {
  rec: TrackRecord;
  distance: number;
}

function readNumber(req: EmulatorRequest, name: string): number | undefined | 'bad' {
  const raw = req.query.get(name);
  if (raw === null || raw === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : 'bad';
}

function items(ctx: PlexContext, req: EmulatorRequest, scored: readonly Scored[], withDistance: boolean): string[] {
  const members = itemSectionMembers(ctx);
  const guids = includeGuids(req);
  return scored.map((s) => extendJson(trackJson(s.rec, guids), [members, withDistance ? `"distance":${s.distance}` : undefined]));
}

function container(ctx: PlexContext, list: string[], extra: Record<string, unknown> = {}): Container {
  const { art: _a, thumb: _t, nocache: _n, ...attrs } = libraryAttrs(ctx);
  return { attrs: { size: list.length, ...attrs, ...extra }, items: list };
}

/**
 * `GET /library/metadata/{id}/nearest?limit=&maxDistance=&excludeParentID=&excludeGrandparentID=`: analysed tracks
 * of the library within maxDistance of the seed, nearest first, the seed left out, each with `distance`. An
 * unanalysed seed or server answers 200 with an empty container (the silent case clients must catch themselves).
 */
export function nearest(ctx: PlexContext, req: EmulatorRequest, id: string): Container | EmulatorResponse | undefined {
  const seed = ctx.library.byKey.get(id);
  if (!seed) return ctx.library.containers.has(id) ? container(ctx, []) : undefined;
  const limit = readNumber(req, 'limit');
  const maxDistance = readNumber(req, 'maxDistance');
  if (limit === 'bad' || maxDistance === 'bad') return htmlError(400);
  const max = maxDistance ?? DEFAULT_MAX_DISTANCE;
  const cap = Math.max(0, Math.floor(limit ?? DEFAULT_NEAREST_LIMIT));
  const excludeParent = req.query.get('excludeParentID');
  const excludeGrandparent = req.query.get('excludeGrandparentID');
  if (!seed.analysed) return container(ctx, []);
  const found: Scored[] = [];
  for (const rec of ctx.library.tracks) {
    if (rec === seed || !rec.analysed) continue;
    if (excludeParent !== null && rec.album.key === excludeParent) continue;
    if (excludeGrandparent !== null && rec.artist.key === excludeGrandparent) continue;
    const distance = ctx.sonic.distance(seed.fixture, rec.fixture);
    if (distance <= max) found.push({ rec, distance });
  }
  found.sort((a, b) => a.distance - b.distance || a.rec.seq - b.rec.seq);
  return container(ctx, items(ctx, req, found.slice(0, cap), true));
}

/**
 * `GET /library/sections/{id}/computePath?startID=&endID=&count=&maxDistance=`: a "sonic adventure". The emulator
 * walks the straight line between the two tracks' vectors in `count` steps and takes, at each step, the closest
 * unused analysed track within maxDistance of that point. The answer starts with the start track and ends with the
 * end track (whether PMS includes them is unverified: clients should not count on either).
 */
export function computePath(ctx: PlexContext, req: EmulatorRequest, sectionId: string): Container | EmulatorResponse | undefined {
  if (sectionId !== ctx.sectionId) return undefined;
  const startId = req.query.get('startID');
  const endId = req.query.get('endID');
  if (!startId || !endId) return htmlError(400);
  const start = ctx.library.byKey.get(startId);
  const end = ctx.library.byKey.get(endId);
  if (!start || !end) return htmlError(404);
  const count = readNumber(req, 'count');
  const maxDistance = readNumber(req, 'maxDistance');
  if (count === 'bad' || maxDistance === 'bad') return htmlError(400);
  if (!start.analysed || !end.analysed) return container(ctx, []);
  const steps = Math.max(0, Math.floor(count ?? DEFAULT_PATH_COUNT));
  const max = maxDistance ?? DEFAULT_MAX_DISTANCE;
  const a = ctx.sonic.of(start.fixture);
  const b = ctx.sonic.of(end.fixture);
  const used = new Set<TrackRecord>([start, end]);
  const path: Scored[] = [{ rec: start, distance: 0 }];
  for (let step = 1; step <= steps; step++) {
    const f = step / (steps + 1);
    const point = a.map((x, i) => x + ((b[i] ?? 0) - x) * f);
    let best: Scored | undefined;
    for (const rec of ctx.library.tracks) {
      if (!rec.analysed || used.has(rec)) continue;
      const distance = ctx.sonic.distanceTo(point, rec.fixture);
      if (distance <= max && (!best || distance < best.distance)) best = { rec, distance };
    }
    if (best) {
      used.add(best.rec);
      path.push(best);
    }
  }
  path.push({ rec: end, distance: 0 });
  return container(ctx, items(ctx, req, path, false));
}
