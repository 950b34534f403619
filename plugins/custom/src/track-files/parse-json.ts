import type { CandidateTrack } from '@harmoniq/core';
import { candidate, stripBom, TrackFileProblem, type TrackList } from './track-list.js';

const SHAPE_HINT = 'Write an array of {"artist": "…", "title": "…", "album": "…"} objects, or {"tracks": [ … ]}.';

/** `[{artist, title, album?}, …]` or `{tracks: [ … ]}`. Every entry must have an artist and a title. */
export function parseJsonTrackList(text: string): TrackList {
  let data: unknown;
  try {
    data = JSON.parse(stripBom(text));
  } catch (error) {
    throw new TrackFileProblem(`is not valid JSON (${(error as Error).message})`, SHAPE_HINT);
  }
  const list = Array.isArray(data) ? data : isObject(data) && Array.isArray(data.tracks) ? data.tracks : undefined;
  if (!list) throw new TrackFileProblem('must hold an array of tracks or an object with a "tracks" array', SHAPE_HINT);
  const path = Array.isArray(data) ? '' : 'tracks';
  const tracks = list.map((entry: unknown, i): CandidateTrack => {
    const where = `${path}[${i}]`;
    if (!isObject(entry)) throw new TrackFileProblem(`${where} is not an object`, SHAPE_HINT);
    const track = candidate(entry.artist, entry.title, entry.album);
    if (!track) throw new TrackFileProblem(`${where} needs a non-empty "artist" and "title"`, SHAPE_HINT);
    if (entry.album !== undefined && typeof entry.album !== 'string') throw new TrackFileProblem(`${where}.album must be text`, SHAPE_HINT);
    return track;
  });
  return { tracks, warnings: [] };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
