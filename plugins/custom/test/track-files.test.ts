import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseTrackList, readTrackFile, trackFileFormat, type TrackFileFormat } from '@harmoniq/plugin-custom';

const BOM = '\uFEFF';
const tracks = (text: string, format: TrackFileFormat) => parseTrackList(text, format, 'list').tracks;

describe('JSON track lists', () => {
  it.each([
    ['an array of tracks', '[{"artist":"Björk","title":"Jóga"},{"artist":"Low","title":"Words","album":"I Could Live in Hope"}]'],
    ['an object with a tracks array', '{"name":"mine","tracks":[{"artist":"Björk","title":"Jóga"},{"artist":"Low","title":"Words","album":"I Could Live in Hope"}]}'],
    ['a byte order mark and surrounding spaces', `${BOM}[{"artist":" Björk ","title":"Jóga "},{"artist":"Low","title":"Words","album":"I Could Live in Hope"}]`],
  ])('reads %s', (_, text) => {
    expect(tracks(text, 'json')).toEqual([
      { artist: 'Björk', title: 'Jóga' },
      { artist: 'Low', title: 'Words', album: 'I Could Live in Hope' },
    ]);
  });

  it.each([
    ['broken JSON', '[{"artist":"A",}]', /is not valid JSON/],
    ['a number', '42', /must hold an array of tracks/],
    ['an object without tracks', '{"items":[]}', /must hold an array of tracks/],
    ['an entry that is not an object', '["Artist - Title"]', /\[0\] is not an object/],
    ['an entry without a title', '[{"artist":"A","title":"T"},{"artist":"B"}]', /\[1\] needs a non-empty "artist" and "title"/],
    ['a blank artist', '{"tracks":[{"artist":"  ","title":"T"}]}', /tracks\[0\] needs a non-empty/],
    ['an album that is not text', '[{"artist":"A","title":"T","album":3}]', /\[0\]\.album must be text/],
  ])('rejects %s with ECUSTOMFILE naming the file and the entry', (_, text, message) => {
    expect(() => parseTrackList(text, 'json', '/srv/gems.json')).toThrow(expect.objectContaining({ code: 'ECUSTOMFILE', message: expect.stringMatching(message) }));
    expect(() => parseTrackList(text, 'json', '/srv/gems.json')).toThrow(/\/srv\/gems\.json/);
  });
});

describe('CSV track lists', () => {
  const expected = [
    { artist: 'Simon & Garfunkel', title: 'The Boxer' },
    { artist: 'Crosby, Stills & Nash', title: 'Helplessly Hoping', album: 'CSN' },
  ];
  it.each([
    ['a plain header', 'artist,title,album\nSimon & Garfunkel,The Boxer,\n"Crosby, Stills & Nash",Helplessly Hoping,CSN\n'],
    ['header names in any case and order', 'Album,TITLE,Artist\n,The Boxer,Simon & Garfunkel\nCSN,Helplessly Hoping,"Crosby, Stills & Nash"'],
    ['Windows line ends and a BOM', `${BOM}artist,title,album\r\nSimon & Garfunkel,The Boxer,\r\n"Crosby, Stills & Nash",Helplessly Hoping,CSN\r\n`],
    ['semicolons', 'artist;title;album\nSimon & Garfunkel;The Boxer;\nCrosby, Stills & Nash;Helplessly Hoping;CSN'],
    ['tabs', 'artist\ttitle\talbum\nSimon & Garfunkel\tThe Boxer\t\nCrosby, Stills & Nash\tHelplessly Hoping\tCSN'],
    ['Exportify column names and extra columns', 'Track URI,Track Name,Artist Name(s),Album Name\nx,The Boxer,Simon & Garfunkel,\ny,Helplessly Hoping,"Crosby, Stills & Nash",CSN'],
    ['blank lines', '\nartist,title,album\n\nSimon & Garfunkel,The Boxer,\n\n"Crosby, Stills & Nash",Helplessly Hoping,CSN\n\n'],
  ])('reads %s', (_, text) => {
    expect(tracks(text, 'csv')).toEqual(expected);
  });

  it('keeps doubled quotes and line breaks inside quoted fields', () => {
    expect(tracks('artist,title\n"The ""Band""","Line one\nline two"\nB,T', 'csv')).toEqual([
      { artist: 'The "Band"', title: 'Line one\nline two' },
      { artist: 'B', title: 'T' },
    ]);
  });

  it('skips rows without an artist or title, saying which line', () => {
    const list = parseTrackList('artist,title\nA,One\n,Nobody\n"Multi\nline",\nB,Two', 'csv', 'list');
    expect(list.tracks.map((t) => t.title)).toEqual(['One', 'Two']);
    expect(list.warnings).toEqual(['line 3: no artist or title, skipped', 'line 4: no artist or title, skipped']);
  });

  it.each([
    ['an empty file', '', /is empty/],
    ['no title column', 'artist,album\nA,B', /has no title column in its first line \(found: "artist", "album"\)/],
    ['no header at all', 'Low,Words\nBjörk,Jóga', /has no artist or title column/],
    ['an unclosed quote', 'artist,title\nA,"Never closed\nB,T', /quote opened on line 2 that is never closed/],
  ])('rejects %s with ECUSTOMFILE', (_, text, message) => {
    expect(() => parseTrackList(text, 'csv', 'list.csv')).toThrow(expect.objectContaining({ code: 'ECUSTOMFILE', message: expect.stringMatching(message) }));
  });
});

describe('M3U track lists', () => {
  it.each([
    ['#EXTM3U with hyphens', '#EXTM3U\n#EXTINF:215,Björk - Jóga\n/music/bjork/joga.flac\n#EXTINF:-1,Low - Words\nwords.mp3\n'],
    ['en and em dashes', '#EXTM3U\n#EXTINF:215,Björk – Jóga\na.flac\n#EXTINF:0,Low — Words\nb.mp3'],
    ['a BOM, CRLF and no #EXTM3U header', `${BOM}#EXTINF:215,Björk - Jóga\r\na.flac\r\n#EXTINF:-1,Low - Words\r\nb.mp3\r\n`],
  ])('reads %s', (_, text) => {
    expect(tracks(text, 'm3u')).toEqual([
      { artist: 'Björk', title: 'Jóga', durationMs: 215000 },
      { artist: 'Low', title: 'Words' },
    ]);
  });

  it('splits at the first dash, so titles keep theirs, and takes the album from #EXTALB', () => {
    expect(tracks('#EXTM3U\n#EXTALB:Abbey Road\n#EXTINF:125,The Beatles - Golden Slumbers - Remastered 2009\nx.mp3\n#EXTINF:1,A - B\ny', 'm3u')).toEqual([
      { artist: 'The Beatles', title: 'Golden Slumbers - Remastered 2009', album: 'Abbey Road', durationMs: 125000 },
      { artist: 'A', title: 'B', durationMs: 1000 },
    ]);
  });

  it('skips #EXTINF lines without "Artist - Title", saying which line', () => {
    const list = parseTrackList('#EXTM3U\n#EXTINF:100,Just a title\nx.mp3\n#EXTINF:100,A - B\ny.mp3', 'm3u', 'list');
    expect(list.tracks).toEqual([{ artist: 'A', title: 'B', durationMs: 100000 }]);
    expect(list.warnings).toEqual(['line 2: expected "Artist - Title" after the comma, got "Just a title", skipped']);
  });

  it('rejects a plain list of paths with ECUSTOMFILE', () => {
    expect(() => parseTrackList('#EXTM3U\n/music/a.mp3\n/music/b.mp3\n', 'm3u', 'list.m3u')).toThrow(
      expect.objectContaining({ code: 'ECUSTOMFILE', message: expect.stringContaining('has no #EXTINF lines') }),
    );
  });
});

describe('reading track list files', () => {
  it.each([
    ['a.json', 'x', 'json'],
    ['a.CSV', '[', 'csv'],
    ['a.m3u8', 'x', 'm3u'],
    ['a.tsv', 'x', 'csv'],
    ['a.txt', ' [{"artist":"A"}]', 'json'],
    ['a.txt', '#EXTM3U\n', 'm3u'],
    ['a', 'artist,title', 'csv'],
  ] as const)('reads %s starting with %j as %s', (path, text, format) => {
    expect(trackFileFormat(path, text)).toBe(format);
  });

  it('reads a file by its extension', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'harmoniq-custom-'));
    writeFileSync(join(dir, 'list.m3u8'), '#EXTINF:1,A - B\nb.mp3');
    await expect(readTrackFile(join(dir, 'list.m3u8'))).resolves.toEqual({ tracks: [{ artist: 'A', title: 'B', durationMs: 1000 }], warnings: [] });
  });

  it('names a missing file in an ECUSTOMFILE error', async () => {
    const missing = join(tmpdir(), 'harmoniq-no-such-dir', 'list.csv');
    await expect(readTrackFile(missing, `${missing} (CUSTOM_1_FILE)`)).rejects.toMatchObject({
      code: 'ECUSTOMFILE',
      message: `Cannot read the track list ${missing} (CUSTOM_1_FILE): no such file.`,
    });
  });
});
