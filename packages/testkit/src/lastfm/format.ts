import type { LastfmArtistFixture, LastfmTrackFixture } from './types.js';

/** Shapes Last.fm's JSON: numbers as strings (except track.getSimilar), "" for missing MBIDs. */

const IMAGE_URL = 'https://lastfm.freetls.fastly.net/i/u/34s/2a96cbd8b46e442fc41c2b86b821562f.png';
const SIZES = ['small', 'medium', 'large', 'extralarge'] as const;

export type JsonObject = { [key: string]: JsonValue };
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

function plus(text: string): string {
  return encodeURIComponent(text).replace(/%20/g, '+');
}

export function artistUrl(name: string): string {
  return `https://www.last.fm/music/${plus(name)}`;
}

export function trackUrl(artist: string, title: string): string {
  return `${artistUrl(artist)}/_/${plus(title)}`;
}

export function images(): JsonObject[] {
  return SIZES.map((size) => ({ '#text': IMAGE_URL, size }));
}

function streamable(): JsonObject {
  return { '#text': '0', fulltrack: '0' };
}

function artistRef(t: LastfmTrackFixture): JsonObject {
  return { name: t.artist, mbid: t.artistMbid ?? '', url: artistUrl(t.artist) };
}

/** A track as chart/geo/tag/user/artist top lists show it. */
export function topTrack(t: LastfmTrackFixture, rank: number | undefined, fields: { listeners?: boolean; playcount?: boolean; streamableObject?: boolean } = {}): JsonObject {
  const out: JsonObject = { name: t.title, duration: String(t.durationS ?? 0) };
  if (fields.playcount !== false) out['playcount'] = String(t.playcount ?? 0);
  if (fields.listeners) out['listeners'] = String(t.listeners ?? 0);
  out['mbid'] = t.mbid ?? '';
  out['url'] = trackUrl(t.artist, t.title);
  out['streamable'] = fields.streamableObject === false ? '0' : streamable();
  out['artist'] = artistRef(t);
  out['image'] = images();
  if (rank !== undefined) out['@attr'] = { rank: String(rank) };
  return out;
}

/** track.getSimilar: the one method with JSON numbers; entries without an MBID omit the key. */
export function similarTrack(t: LastfmTrackFixture & { match: number }): JsonObject {
  const out: JsonObject = { name: t.title, playcount: t.playcount ?? 0 };
  if (t.mbid) out['mbid'] = t.mbid;
  out['match'] = t.match;
  out['url'] = trackUrl(t.artist, t.title);
  out['streamable'] = streamable();
  out['duration'] = t.durationS ?? 0;
  out['artist'] = artistRef(t);
  out['image'] = images();
  return out;
}

export function topArtist(a: LastfmArtistFixture, rank: number): JsonObject {
  return {
    '@attr': { rank: String(rank) },
    mbid: a.mbid ?? '',
    url: artistUrl(a.name),
    playcount: String(a.playcount ?? 0),
    image: images(),
    name: a.name,
    streamable: '0',
  };
}

export function similarArtist(a: { name: string; match: number; mbid?: string }): JsonObject {
  return { name: a.name, mbid: a.mbid ?? '', match: String(a.match), url: artistUrl(a.name), image: images(), streamable: '0' };
}

function dateField(uts: number): JsonObject {
  const d = new Date(uts * 1000);
  const month = d.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return { uts: String(uts), '#text': `${d.getUTCDate()} ${month} ${d.getUTCFullYear()}, ${hh}:${mm}` };
}

export function lovedTrack(t: LastfmTrackFixture, uts: number): JsonObject {
  return {
    artist: artistRef(t),
    mbid: t.mbid ?? '',
    date: dateField(uts),
    url: trackUrl(t.artist, t.title),
    image: images(),
    name: t.title,
    streamable: streamable(),
  };
}

/** user.getRecentTracks names the artist with `#text`, unlike the other user methods. */
export function recentTrack(t: LastfmTrackFixture, uts: number): JsonObject {
  return {
    artist: { mbid: t.artistMbid ?? '', '#text': t.artist },
    streamable: '0',
    image: images(),
    mbid: t.mbid ?? '',
    album: { mbid: '', '#text': t.album ?? '' },
    name: t.title,
    url: trackUrl(t.artist, t.title),
    date: dateField(uts),
  };
}

export interface Page<T> {
  items: T[];
  attr: JsonObject;
}

/** Slices a list the way Last.fm pages it; `@attr` values are strings. */
export function paginate<T>(all: T[], page: number, limit: number): Page<T> {
  const start = (page - 1) * limit;
  return {
    items: all.slice(start, start + limit),
    attr: { page: String(page), perPage: String(limit), totalPages: String(Math.ceil(all.length / limit)), total: String(all.length) },
  };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function scalar(v: JsonValue): string {
  return v === null ? '' : String(v);
}

/**
 * Last.fm's JSON is a mechanical rendering of its XML: `@attr` holds attributes, `#text` the text (its
 * siblings are then attributes too), arrays are repeated elements. This inverts that mapping.
 */
function element(name: string, value: JsonValue): string {
  if (Array.isArray(value)) return value.map((v) => element(name, v)).join('');
  if (value === null || typeof value !== 'object') return `<${name}>${escapeXml(scalar(value))}</${name}>`;
  const attrs: string[] = [];
  const children: string[] = [];
  let text: string | undefined;
  for (const [key, v] of Object.entries(value)) {
    if (key === '@attr' && v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [ak, av] of Object.entries(v)) attrs.push(` ${ak}="${escapeXml(scalar(av))}"`);
    } else if (key === '#text') text = scalar(v);
    else if ('#text' in value && (v === null || typeof v !== 'object')) attrs.push(` ${key}="${escapeXml(scalar(v))}"`);
    else children.push(element(key, v));
  }
  return `<${name}${attrs.join('')}>${text !== undefined ? escapeXml(text) : children.join('')}</${name}>`;
}

export function toXml(body: JsonObject): string {
  const inner = Object.entries(body).map(([k, v]) => element(k, v)).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<lfm status="ok">${inner}</lfm>\n`;
}

export function errorXml(code: number, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<lfm status="failed"><error code="${code}">${escapeXml(message)}</error></lfm>\n`;
}
