import type { LibraryTrack, Logger, NearestOptions, SonicNeighbour, SonicPathOptions } from '@harmoniq/core';
import { mapTrack } from './map-track.js';
import { num, objects, type JsonObject } from './parse.js';
import type { Params, Query } from './query.js';

export interface SonicOptions {
  query: Query;
  logger: Logger;
}

/**
 * Plex Pass sonic requests (api facts §6.2). Neither pages: Plex caps them with `limit`/`count` itself. An
 * unanalysed track or server may answer with an empty list, so callers decide from `musicAnalysisVersion`
 * (`LibraryTrack.sonicAnalysis`) whether analysis exists, never from an empty answer.
 */
export function createSonic({ query, logger }: SonicOptions) {
  const tracksOf = (container: JsonObject): { item: JsonObject; track: LibraryTrack }[] => {
    const out: { item: JsonObject; track: LibraryTrack }[] = [];
    for (const item of objects(container['Metadata'])) {
      const track = mapTrack(item, container);
      if (track) out.push({ item, track });
    }
    return out;
  };

  return {
    /**
     * How many of the first `size` tracks of a section Plex has analysed: one small request, for `doctor` (a full
     * count would list the whole library; a fresh, partly analysed library shows up as a partial sample).
     */
    async sonicSample(sectionId: string, size = 200): Promise<{ checked: number; analysed: number }> {
      const paging = { 'X-Plex-Container-Start': '0', 'X-Plex-Container-Size': String(size) };
      const res = await query.container({
        path: `/library/sections/${encodeURIComponent(sectionId)}/all`,
        params: { type: 10, ...paging },
        headers: paging,
        what: `library section ${sectionId}`,
      });
      const items = tracksOf(res?.container ?? {}).slice(0, size);
      return { checked: items.length, analysed: items.filter((t) => t.track.sonicAnalysis === true).length };
    },

    /** `GET /library/metadata/{key}/nearest`; a track gone since the index was built (404) has no neighbours. */
    async nearest(ratingKey: string, options: NearestOptions = {}): Promise<SonicNeighbour[]> {
      const path = `/library/metadata/${encodeURIComponent(ratingKey)}/nearest`;
      const params: Params = { limit: options.limit, maxDistance: options.maxDistance };
      const res = await query.container({ path, params, allowNotFound: true });
      if (!res) return [];
      const out: SonicNeighbour[] = [];
      let unscored = 0;
      for (const { item, track } of tracksOf(res.container)) {
        const distance = num(item['distance']);
        if (distance === undefined || distance < 0 || track.ratingKey === ratingKey) {
          unscored += distance === undefined ? 1 : 0;
          continue;
        }
        out.push({ track, distance });
      }
      if (unscored > 0) logger.debug(`${path}: ${unscored} answers without a distance were left out`);
      // Nearest first, whatever order the server used (unverified that PMS sorts).
      return out.sort((a, b) => a.distance - b.distance);
    },

    /** `GET /library/sections/{id}/computePath`: the tracks of the path, in the server's order, each once. */
    async sonicPath(sectionId: string, startRatingKey: string, endRatingKey: string, options: SonicPathOptions = {}): Promise<LibraryTrack[]> {
      const res = await query.container({
        path: `/library/sections/${encodeURIComponent(sectionId)}/computePath`,
        params: { startID: startRatingKey, endID: endRatingKey, count: options.count, maxDistance: options.maxDistance },
        what: `track ${startRatingKey} or ${endRatingKey}`,
      });
      const byKey = new Map<string, LibraryTrack>();
      for (const { track } of tracksOf(res?.container ?? {})) if (!byKey.has(track.ratingKey)) byKey.set(track.ratingKey, track);
      return [...byKey.values()];
    },
  };
}
