import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseTrackList, type TrackFileFormat } from '@harmoniq/plugin-custom';

/** Custom track list files are hand-written: any content gives tracks or ECUSTOMFILE, never another error. */

const FORMATS: TrackFileFormat[] = ['json', 'csv', 'm3u'];
const content = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.json(),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.array(fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 })), { maxLength: 20 }).map((rows) => ['artist,title', ...rows.map(([a, t]) => `${a},${t}`)].join('\n')),
  fc.array(fc.string({ maxLength: 30 }), { maxLength: 20 }).map((lines) => ['#EXTM3U', ...lines.flatMap((l) => [`#EXTINF:123,${l}`, `/music/${l}.mp3`])].join('\n')),
);

describe.each(FORMATS)('parseTrackList (%s) on arbitrary content', (format) => {
  it('returns tracks with an artist and a title, or throws ECUSTOMFILE naming the file', () => {
    fc.assert(
      fc.property(content, (text) => {
        try {
          const list = parseTrackList(text, format, 'tracks.test');
          for (const t of list.tracks) {
            expect(typeof t.artist).toBe('string');
            expect(typeof t.title).toBe('string');
            expect(t.artist.trim()).not.toBe('');
            expect(t.title.trim()).not.toBe('');
          }
        } catch (error) {
          expect(error).toMatchObject({ code: 'ECUSTOMFILE' });
          expect((error as Error).message).toContain('tracks.test');
        }
      }),
      { numRuns: 400 },
    );
  });
});
