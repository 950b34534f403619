import { describe, expect, it } from '@jest/globals';
import { collectPages } from '@harmoniq/lastfm';
import { num, parseArtist, parsePage, parseTrack, text } from '../src/parse.js';

describe('parsing Last.fm JSON', () => {
  it('coerces string numbers and treats "" and absent as undefined', () => {
    expect(num('440')).toBe(440);
    expect(num(0.976467)).toBe(0.976467);
    expect(num('')).toBeUndefined();
    expect(num(undefined)).toBeUndefined();
    expect(num('n/a')).toBeUndefined();
    expect(text('')).toBeUndefined();
    expect(text('  ')).toBeUndefined();
  });

  it('reads a track whose artist is an object with name, and drops empty fields', () => {
    const track = parseTrack({
      name: 'Cruel Summer', duration: '0', playcount: '20910268', listeners: '760544', mbid: '',
      streamable: { '#text': '0', fulltrack: '0' }, artist: { name: 'Taylor Swift', mbid: '', url: '' }, image: [],
    });
    expect(track).toEqual({ artist: 'Taylor Swift', title: 'Cruel Summer', playcount: 20910268, listeners: 760544 });
  });

  it('reads the recent-tracks shape: artist and album as #text, now playing without a date', () => {
    const track = parseTrack({
      artist: { mbid: '', '#text': 'Portishead' }, album: { mbid: '', '#text': 'Dummy' }, name: 'Glory Box', '@attr': { nowplaying: 'true' },
    });
    expect(track).toEqual({ artist: 'Portishead', title: 'Glory Box', album: 'Dummy', nowPlaying: true });
  });

  it('converts duration seconds to milliseconds and dates to epoch ms', () => {
    expect(parseTrack({ name: 'T', artist: { name: 'A' }, duration: '205', date: { uts: '1603112664', '#text': '19 Oct 2020, 13:04' } }))
      .toMatchObject({ durationMs: 205_000, date: 1_603_112_664_000 });
  });

  it('skips entries without an artist or a title', () => {
    expect(parseTrack({ name: '', artist: { name: 'A' } })).toBeUndefined();
    expect(parseTrack({ name: 'T', artist: {} })).toBeUndefined();
    expect(parseArtist({ name: '' })).toBeUndefined();
  });

  it('accepts a one-item list given as a bare object, and reads @attr paging as numbers', () => {
    const page = parsePage(
      { toptracks: { track: { name: 'Only', artist: { name: 'One' } }, '@attr': { page: '2', perPage: '1', totalPages: '3', total: '3' } } },
      'toptracks', 'track', parseTrack,
    );
    expect(page).toEqual({ items: [{ artist: 'One', title: 'Only' }], page: 2, perPage: 1, totalPages: 3, total: 3 });
  });

  it('answers undefined when the container is missing', () => {
    expect(parsePage({}, 'toptracks', 'track', parseTrack)).toBeUndefined();
  });
});

describe('collectPages', () => {
  it('stops on a short page when @attr is missing', async () => {
    const calls: number[] = [];
    const items = await collectPages(async (page, size) => {
      calls.push(page);
      return { items: page === 1 ? Array.from({ length: size }, (_, i) => i) : [size] };
    }, { limit: 50, pageSize: 5 });
    expect(calls).toEqual([1, 2]);
    expect(items).toHaveLength(6);
  });

  it('trims extra items a page returned beyond the limit', async () => {
    const items = await collectPages(async () => ({ items: [1, 2, 3, 4], totalPages: 1 }), { limit: 3 });
    expect(items).toEqual([1, 2, 3]);
  });
});
