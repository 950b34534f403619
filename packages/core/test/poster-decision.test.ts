import { describe, expect, it } from '@jest/globals';
import { coverId, decidePoster, imageTypeOf, parsePosterSetting, type PosterFacts } from '../src/playlist-look/index.js';

const ours = { thumb: '/library/metadata/7/thumb/100', coverId: 'c1' };
const facts = (f: Partial<PosterFacts>): PosterFacts => ({ setting: { mode: 'generate' }, created: false, uploaded: undefined, shown: undefined, coverId: 'c1', ...f });

describe('whether to upload a cover', () => {
  it('gives every playlist Harmoniq creates its cover', () => {
    expect(decidePoster(facts({ created: true }))).toEqual({ upload: true });
  });

  it('uploads nothing with PLAYLIST_POSTER=none', () => {
    expect(decidePoster(facts({ created: true, setting: { mode: 'none' } }))).toMatchObject({ upload: false, reason: expect.stringContaining('none') });
  });

  it('never replaces a poster the user set in Plex', () => {
    expect(decidePoster(facts({ shown: '/library/metadata/7/thumb/200', uploaded: ours, coverId: 'c2' }))).toMatchObject({ upload: false, reason: expect.stringContaining('never replaces') });
    expect(decidePoster(facts({ shown: '/library/metadata/7/thumb/200' }))).toMatchObject({ upload: false });
  });

  it('does not put back a poster the user removed', () => {
    expect(decidePoster(facts({ shown: undefined, uploaded: ours, coverId: 'c2' }))).toMatchObject({ upload: false, reason: expect.stringContaining('removed') });
  });

  it('changes its own poster when its cover changes (Daily Flow\'s window, a rename), and only then', () => {
    expect(decidePoster(facts({ shown: ours.thumb, uploaded: ours, coverId: 'c2' }))).toEqual({ upload: true });
    expect(decidePoster(facts({ shown: ours.thumb, uploaded: ours, coverId: 'c1' }))).toMatchObject({ upload: false, reason: 'the cover is current' });
  });

  it('gives a managed playlist that never had a poster its cover', () => {
    expect(decidePoster(facts({ shown: undefined, uploaded: undefined }))).toEqual({ upload: true });
  });
});

describe('cover ids and settings', () => {
  it('identify a generated cover by what it shows, a file by its bytes', () => {
    const a = coverId({ title: 'Daily Flow', source: 'daily-flow', variant: '06:00-11:00' });
    expect(coverId({ title: 'Daily Flow', source: 'daily-flow', variant: '06:00-11:00' })).toBe(a);
    expect(coverId({ title: 'Daily Flow', source: 'daily-flow', variant: '11:00-17:00' })).not.toBe(a);
    expect(coverId({ fileBytes: new Uint8Array([1, 2]) })).not.toBe(coverId({ fileBytes: new Uint8Array([1, 3]) }));
  });

  it('read PLAYLIST_POSTER and PLAYLIST_POSTER_FILE, naming every mistake', () => {
    const where = { mode: 'PLAYLIST_POSTER', file: 'PLAYLIST_POSTER_FILE' };
    expect(parsePosterSetting(undefined, undefined, where).setting).toEqual({ mode: 'generate' });
    expect(parsePosterSetting('None', undefined, where).setting).toEqual({ mode: 'none' });
    expect(parsePosterSetting(undefined, '/config/cover.jpg', where).setting).toEqual({ mode: 'file', path: '/config/cover.jpg' });
    expect(parsePosterSetting('auto', undefined, where).problems).toEqual(["PLAYLIST_POSTER is 'auto'; use 'generate' or 'none' (or set PLAYLIST_POSTER_FILE to your own image)"]);
    expect(parsePosterSetting('none', '/x.png', where).problems).toHaveLength(1);
  });

  it('accept PNG and JPEG files only', () => {
    expect(imageTypeOf(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(imageTypeOf(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(imageTypeOf(new TextEncoder().encode('<svg>'))).toBeUndefined();
  });
});
