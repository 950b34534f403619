import { describe, expect, it } from '@jest/globals';
import type { LibraryTrack } from '../src/library/types.js';
import {
  createExclusions,
  describeExclusion,
  genreKey,
  mergeExclusions,
  NO_EXCLUSIONS,
  parseExcludedTracksFile,
  parseNameList,
  excludeCandidates,
  type ExclusionRules,
} from '../src/exclude/index.js';

const rules = (r: Partial<ExclusionRules>): ExclusionRules => ({ ...NO_EXCLUSIONS, ...r });
const track = (t: Partial<LibraryTrack>): LibraryTrack => ({ ratingKey: '1', artist: 'Someone', title: 'Something', ...t });

describe('exclusion lists', () => {
  it('reads comma lists as env variables carry them: trimmed, blanks and repeats dropped', () => {
    expect(parseNameList(' Christmas, Audiobook ,,Comedy, Christmas ')).toEqual(['Christmas', 'Audiobook', 'Comedy']);
    expect(parseNameList(['Rock, Pop', ' Jazz '])).toEqual(['Rock, Pop', 'Jazz']);
    expect(parseNameList(undefined)).toEqual([]);
  });

  it('adds a source\'s own exclusions to the global ones', () => {
    const merged = mergeExclusions(rules({ genres: ['Christmas'], artists: ['A'] }), rules({ genres: ['Comedy', 'Christmas'], tracks: [{ artist: 'B', title: 'T' }] }));
    expect(merged).toEqual({ genres: ['Christmas', 'Comedy'], artists: ['A'], tracks: [{ artist: 'B', title: 'T' }], ratingKeys: [] });
  });
});

describe('genre exclusions', () => {
  const ex = createExclusions(rules({ genres: ['Christmas', 'Hörbuch', 'R&B'] }));

  it('match at track, album and artist level, and say at which', () => {
    expect(ex.track(track({ genres: ['Christmas'] }))).toEqual({ rule: 'genre', genre: 'Christmas', level: 'track' });
    expect(ex.track(track({ albumGenres: ['Pop', 'christmas'] }))).toEqual({ rule: 'genre', genre: 'christmas', level: 'album' });
    expect(ex.track(track({ artistGenres: ['CHRISTMAS'] }))).toEqual({ rule: 'genre', genre: 'CHRISTMAS', level: 'artist' });
  });

  it('ignore case, accents and the spellings Daily Flow joins', () => {
    expect(ex.track(track({ genres: ['horbuch'] }))?.rule).toBe('genre');
    expect(ex.track(track({ genres: ['RnB'] }))?.rule).toBe('genre');
    expect(genreKey('Hip-Hop')).toBe(genreKey('hip hop'));
  });

  it('leave other genres alone, and a genre that only contains the word', () => {
    expect(ex.track(track({ genres: ['Rock'], albumGenres: ['Christmas Rock'] }))).toBeUndefined();
  });
});

describe('artist and track exclusions', () => {
  const ex = createExclusions(
    rules({
      artists: ['The Beatles', 'Mariah Carey'],
      tracks: [{ artist: 'Wham!', title: 'Last Christmas' }],
      ratingKeys: ['4242'],
    }),
  );

  it('match an artist whatever the case, accents, "The", or a featured credit', () => {
    expect(ex.track(track({ artist: 'beatles' }))).toEqual({ rule: 'artist', artist: 'The Beatles' });
    expect(ex.track(track({ artist: 'Justin Bieber feat. Mariah Carey' }))).toEqual({ rule: 'artist', artist: 'Mariah Carey' });
    expect(ex.track(track({ artist: 'Someone', albumArtist: 'MARIAH CAREY' }))?.rule).toBe('artist');
    expect(ex.track(track({ artist: 'Mariah' }))).toBeUndefined();
  });

  it('match every version of an excluded song by that artist, and no other song', () => {
    expect(ex.track(track({ artist: 'Wham!', title: 'Last Christmas (Remastered 2017)' }))).toEqual({ rule: 'track', artist: 'Wham!', title: 'Last Christmas' });
    expect(ex.track(track({ artist: 'wham', title: 'last christmas - single version' }))?.rule).toBe('track');
    expect(ex.track(track({ artist: 'Taylor Swift', title: 'Last Christmas' }))).toBeUndefined();
    expect(ex.track(track({ artist: 'Wham!', title: 'Club Tropicana' }))).toBeUndefined();
  });

  it('match a ratingKey exactly', () => {
    expect(ex.track(track({ ratingKey: '4242' }))).toEqual({ rule: 'ratingKey', ratingKey: '4242' });
    expect(ex.track(track({ ratingKey: '42420' }))).toBeUndefined();
  });

  it('check a candidate by its names before matching, so an excluded song is never reported missing', () => {
    expect(ex.candidate({ artist: 'The Beatles', title: 'Help!' })?.rule).toBe('artist');
    expect(ex.candidate({ artist: 'Wham!', title: 'Last Christmas' })?.rule).toBe('track');
    expect(ex.candidate({ artist: 'X', title: 'Y', ids: { plexRatingKey: '4242' } })?.rule).toBe('ratingKey');
    expect(ex.candidate({ artist: 'X', title: 'Y' })).toBeUndefined();
  });

  it('describe each reason in one short phrase', () => {
    expect(describeExclusion({ rule: 'genre', genre: 'Christmas', level: 'album' })).toBe('genre Christmas (album)');
    expect(describeExclusion({ rule: 'track', artist: 'Wham!', title: 'Last Christmas' })).toBe('track Wham! – Last Christmas');
  });

  it('exclude nothing when no rule is set', () => {
    const none = createExclusions(NO_EXCLUSIONS);
    expect(none.empty).toBe(true);
    expect(none.track(track({ genres: ['Christmas'] }))).toBeUndefined();
  });
});

describe('EXCLUDE_TRACKS_FILE', () => {
  it('reads artist – title lines with any common dash, ratingKeys, and skips blanks and comments', () => {
    const file = parseExcludedTracksFile(
      ['\uFEFF# my list', '', 'Wham! – Last Christmas', 'Mariah Carey — All I Want for Christmas Is You', 'Band-Maid - Thrill', '12345', '  Queen – Thank God It\'s Christmas  '].join('\r\n'),
      'exclude.txt',
    );
    expect(file.problems).toEqual([]);
    expect(file.ratingKeys).toEqual(['12345']);
    expect(file.tracks).toEqual([
      { artist: 'Wham!', title: 'Last Christmas' },
      { artist: 'Mariah Carey', title: 'All I Want for Christmas Is You' },
      { artist: 'Band-Maid', title: 'Thrill' },
      { artist: 'Queen', title: "Thank God It's Christmas" },
    ]);
  });

  it('reports every line it cannot read, with its number and the fix', () => {
    const file = parseExcludedTracksFile('Just a title\nWham! – Last Christmas\n – no artist\nno-spaces-hyphen', 'exclude.txt');
    expect(file.tracks).toHaveLength(1);
    expect(file.problems).toHaveLength(3);
    expect(file.problems[0]).toMatch(/^exclude\.txt line 1: 'Just a title' is neither 'Artist – Title' nor a ratingKey; write one track per line/);
    expect(file.problems[1]).toMatch(/line 3:/);
    expect(file.problems[2]).toMatch(/line 4:/);
  });
});

describe('excluding candidates before the playlist is filled', () => {
  const library = new Map<string, LibraryTrack>([
    ['1', track({ ratingKey: '1', artist: 'Wham!', title: 'Last Christmas', albumGenres: ['Christmas'] })],
    ['2', track({ ratingKey: '2', artist: 'Queen', title: 'Bohemian Rhapsody', genres: ['Rock'] })],
  ]);
  const ex = createExclusions(rules({ genres: ['Christmas'], artists: ['Mariah Carey'] }));

  it('judges a matched candidate by its library track and an unmatched one by its names', () => {
    const reasons = excludeCandidates(
      [
        { artist: 'Wham', title: 'Last Christmas (Single)', ratingKey: '1' },
        { artist: 'Queen', title: 'Bohemian Rhapsody', ratingKey: '2' },
        { artist: 'Mariah Carey', title: 'All I Want for Christmas Is You' },
        { artist: 'Nobody', title: 'Unknown' },
      ],
      ex,
      (k) => library.get(k),
    );
    expect(reasons).toEqual([{ rule: 'genre', genre: 'Christmas', level: 'album' }, undefined, { rule: 'artist', artist: 'Mariah Carey' }, undefined]);
  });
});
