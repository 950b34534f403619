import { describe, expect, it } from '@jest/globals';
import { decidePlaylist, expectedContent, type PlaylistEntry, type PlaylistInfo, type PlaylistTarget } from '@harmoniq/core/pipeline';

const info = (ratingKey: string, extra: Partial<PlaylistInfo> = {}): PlaylistInfo => ({ ratingKey, title: 'Mix', smart: false, playlistType: 'audio', ...extra });
const entries = (...keys: string[]): PlaylistEntry[] => keys.map((k, i) => ({ playlistItemId: String(100 + i), ratingKey: k }));
const common = { minTracks: 1, updateMode: 'replace' as const };
const decide = (target: PlaylistTarget | undefined, matched: string[], extra: Partial<Parameters<typeof decidePlaylist>[0]> = {}) =>
  decidePlaylist({ source: 'lastfm-recs', title: 'Mix', matched, size: 3, common, target, ...extra });

describe('decidePlaylist: the whole decision for one playlist, before any write', () => {
  it('keeps the playlist when the source asks to, whatever was matched', () => {
    expect(decide(undefined, ['a'], { keepExisting: { reason: 'no new plays' } })).toEqual({ action: 'keep', reason: 'no new plays' });
  });

  it('refuses a playlist with the title that Harmoniq does not manage, naming the way to adopt it', () => {
    const decision = decide({ kind: 'unmanaged', info: info('9'), entries: undefined }, ['a', 'b']);
    expect(decision.action).toBe('conflict');
    if (decision.action !== 'conflict') return;
    expect(decision.error.code).toBe('EPLAYLISTCONFLICT');
    expect(decision.error.hint).toContain('harmoniq sync lastfm-recs --adopt');
  });

  it('adopts an unmanaged playlist whose items were read, and updates it in place', () => {
    const decision = decide({ kind: 'unmanaged', info: info('9'), entries: entries('x', 'a') }, ['a', 'b']);
    expect(decision).toMatchObject({ action: 'update', ratingKey: '9', adopted: true, plan: { desired: ['a', 'b'], toAdd: ['b'] } });
  });

  it('knows an untouched managed playlist is unchanged without its items', () => {
    const decision = decide({ kind: 'managed', info: info('7'), entries: undefined }, ['a', 'b', 'a', 'c', 'd']);
    expect(decision).toEqual({ action: 'unchanged', ratingKey: '7', desired: ['a', 'b', 'c'], kept: 3, read: false, adopted: false });
  });

  it('reports a read playlist that already holds the list as unchanged, with the stamp it was read at', () => {
    const decision = decide({ kind: 'managed', info: info('7', { updatedAt: 1700 }), entries: entries('a', 'b') }, ['a', 'b']);
    expect(decision).toMatchObject({ action: 'unchanged', ratingKey: '7', read: true, stamp: 1700, kept: 2 });
  });

  it('creates when there is no playlist, and skips (keeping the old one) when too few tracks were found', () => {
    expect(decide({ kind: 'absent' }, ['a', 'b'])).toMatchObject({ action: 'create', ratingKey: undefined, plan: { toAdd: ['a', 'b'] } });
    const skip = decide({ kind: 'managed', info: info('7'), entries: entries('x', 'y') }, ['a'], { common: { minTracks: 2, updateMode: 'replace' } });
    expect(skip).toMatchObject({ action: 'skip', ratingKey: '7', desired: ['a'] });
  });

  it('lets the stamp alone stand for the content only in replace mode with enough tracks', () => {
    expect(expectedContent(['a', 'b', 'b', 'c', 'd'], 3, common)).toEqual(['a', 'b', 'c']);
    expect(expectedContent(['a', 'b'], 3, { minTracks: 1, updateMode: 'append' })).toBeUndefined();
    expect(expectedContent(['a'], 3, { minTracks: 2, updateMode: 'replace' })).toBeUndefined();
  });
});
