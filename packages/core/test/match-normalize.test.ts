import { describe, expect, it } from '@jest/globals';
import { keyOf, wordsOf } from '../src/match/normalize-text.js';
import { parseTitle } from '../src/match/parse-title.js';
import { parseArtist } from '../src/match/parse-artist.js';

describe('text keys', () => {
  it.each([
    ['accents fold', 'Mötley Crüe', 'motley crue'],
    ['case folds', 'HeLLo', 'hello'],
    ['curly apostrophe', 'Don\u2019t Stop Me Now', 'dont stop me now'],
    ['straight apostrophe', "Don't Stop Me Now", 'dont stop me now'],
    ['en dash', '9\u20135', '9 5'],
    ['ampersand', 'Come & Get It', 'come and get it'],
    ['plus', 'Rock + Roll', 'rock and roll'],
    ['stroke letters', 'MØ', 'mo'],
    ['full-width letters', '\uff21\uff22\uff23', 'abc'],
    ['CJK kept', '夜に駆ける', '夜に駆ける'],
    ['kana voicing marks kept', 'ガラス', 'ガラス'],
    ['Cyrillic kept', 'Группа крови', 'группа крови'],
    ['Greek kept', 'Σ\u03bf\u03c5', 'σου'],
    ['Devanagari vowel signs kept', 'दिल से', 'दिल से'],
    ['symbols-only never empty', '!!!', '!!!'],
    ['emoji-only never empty', '\ud83d\udd25', '\ud83d\udd25'],
  ])('%s', (_name, input, expected) => {
    expect(keyOf(input)).toBe(expected);
  });

  it('keeps kana that differ only by a voicing mark apart', () => {
    expect(keyOf('ガラス')).not.toBe(keyOf('カラス'));
  });
});

describe('title parsing', () => {
  it.each([
    ['remaster dash suffix', 'Here Comes the Sun - Remastered 2009', 'here comes the sun', ''],
    ['remaster year first', 'Layla (2011 Remaster)', 'layla', ''],
    ['explicit and clean tags', 'Gone (Album Version (Edited)) [Clean]', 'gone', ''],
    ['bonus track', 'Skrillex Orchestral Suite (Bonus Track)', 'skrillex orchestral suite', ''],
    ['soundtrack suffix', 'Friend Of Mine - from the Smurfs Movie Soundtrack', 'friend of mine', ''],
    ['deluxe', 'Song [Deluxe Edition]', 'song', ''],
    ['official video', 'Emigrate (Official Music Video)', 'emigrate', ''],
    ['live', 'The A Team (Live)', 'the a team', 'live:'],
    ['live with a place', 'If I Am a Stranger (Live In Amsterdam)', 'if i am a stranger', 'live:amsterdam'],
    ['named remix in brackets', 'Titanium (Alesso Remix)', 'titanium', 'remix:alesso'],
    ['named remix after a dash', 'Midnight River - Memtrix Remix', 'midnight river', 'remix:memtrix'],
    ['part in the title', 'Crack In the Pearl, Pt. II', 'crack in the pearl', 'part 2:'],
    ['roman and arabic parts agree', 'Song (Part 2)', 'song', 'part 2:'],
    ['karaoke', 'This Love (Karaoke Version)', 'this love', 'karaoke:'],
    ['re-recording', "Shake It Off (Taylor's Version)", 'shake it off', 'rerecorded:'],
    ['radio edit', 'Dangerous (Radio Edit)', 'dangerous', 'edit:'],
    ['original mix is no version', 'Strobe (Original Mix)', 'strobe', ''],
    ['demo', 'Fake [Demo]', 'fake', 'demo:'],
    ['acoustic', 'Save Me [Acoustic]', 'save me', 'acoustic:'],
    ['instrumental', 'You Belong With Me (Instrumental)', 'you belong with me', 'instrumental:'],
    ['named version', 'Titanium (Spanish Version)', 'titanium', 'version:spanish'],
  ])('%s', (_name, title, core, versionKey) => {
    const parsed = parseTitle(title);
    expect(parsed.core).toBe(core);
    expect(parsed.versionKey).toBe(versionKey);
  });

  it.each([
    ['feat. in brackets', 'Whateva (feat. Monty)', ['monty']],
    ['ft. inline', 'Que Que ft. Maluca', ['maluca']],
    ['featuring several', 'Yayo (featuring Brisco, Rick Ross & Pitbull)', ['brisco', 'rick ross', 'pitbull']],
    ['credit nested in a subtitle', 'That Lucky Old Sun (Just Rolls Around (with Willie Nelson))', ['willie nelson']],
    ['credit beside a version', "Gettin' Over (Feat. Chris Willis; Continuous Mix Version)", ['chris willis']],
  ])('reads credits: %s', (_name, title, credits) => {
    expect(parseTitle(title).credits).toEqual(credits);
  });

  it('reads a " - with X" suffix as a duet, not a featured credit', () => {
    const parsed = parseTitle('Neon Moon - with Kacey Musgraves');
    expect(parsed).toMatchObject({ core: 'neon moon', duet: ['kacey musgraves'], credits: [] });
  });

  it('drops a subtitle that repeats the title', () => {
    expect(parseTitle('Paint It Gold (Paint It Gold)').extras).toEqual([]);
  });

  it('keeps an unknown subtitle as a subtitle, not as a version', () => {
    expect(parseTitle('The Zoo Blues (Asa)')).toMatchObject({ core: 'the zoo blues', extras: ['asa'], versionKey: '' });
  });

  it('never reduces a non-Latin title to nothing', () => {
    expect(parseTitle('夜に駆ける').core).toBe('夜に駆ける');
    expect(parseTitle('(Интро)').core).toBe('интро');
  });
});

describe('artist parsing', () => {
  it.each([
    ['leading The', 'The Beatles', 'beatles'],
    ['trailing ", The"', 'Beatles, The', 'beatles'],
    ['and equals &', 'Simon and Garfunkel', 'simon and garfunkel'],
    ['& equals and', 'Simon & Garfunkel', 'simon and garfunkel'],
    ['dollar sign', 'Ty Dolla $ign', 'ty dolla sign'],
  ])('%s', (_name, artist, key) => {
    expect(parseArtist(artist).key).toBe(key);
  });

  it.each([
    ['comma list', 'Metro Boomin, Future & Lil Uzi Vert', ['metro boomin', 'future', 'lil uzi vert']],
    ['feat.', 'Calvin Harris feat. HAIM', ['calvin harris', 'haim']],
    ['x credit', 'Kaskade x Skrillex', ['kaskade', 'skrillex']],
    ['times sign credit', 'Kaskade \u00d7 Skrillex', ['kaskade', 'skrillex']],
  ])('splits multi-artist credits: %s', (_name, artist, names) => {
    expect(parseArtist(artist).all).toEqual(expect.arrayContaining(names));
  });

  it('splits "&" only into pieces that still need to stand for an artist', () => {
    const duo = parseArtist('Simon & Garfunkel');
    expect(duo.listed).toEqual(['simon and garfunkel']);
    expect(duo.ampersandOnly).toEqual(['simon', 'garfunkel']);
  });

  it.each([['Various Artists'], ['Unknown artist'], ['[unknown]'], ['']])('treats "%s" as nobody', (artist) => {
    expect(parseArtist(artist).unknown).toBe(true);
  });
});

describe('words of plain text', () => {
  // The regular-expression reading wordsOf had for plain text, kept as the reference of its one-pass reading.
  function reference(folded: string): string[] | undefined {
    if (!/^[a-z0-9 '.!?,]*$/.test(folded)) return undefined;
    return folded.replace(/['.!?]/g, '').replace(/,/g, ' ').split(' ').filter((w) => w !== '').map((w) => (w === 'n' ? 'and' : w));
  }

  it('reads every short text of plain characters as the regular expressions did', () => {
    // Every string of up to 4 characters over an alphabet with each kind of plain character, and random longer ones.
    const alphabet = ['a', 'n', 'z', '0', ' ', ',', "'", '.', '!', '?'];
    const texts = [''];
    for (let length = 1; length <= 4; length++) {
      for (const t of texts.filter((x) => x.length === length - 1)) for (const c of alphabet) texts.push(t + c);
    }
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      let t = '';
      for (let j = 0; j < 24; j++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        t += alphabet[seed % alphabet.length];
      }
      texts.push(t);
    }
    const wrong = texts.filter((t) => JSON.stringify(wordsOf(t)) !== JSON.stringify(reference(t)));
    expect(wrong).toEqual([]);
    expect(texts.length).toBeGreaterThan(10_000);
  });

  it('joins on marks, breaks on spaces and commas, and reads "n" as "and"', () => {
    expect(wordsOf("rock n roll, don't stop... t.i.!")).toEqual(['rock', 'and', 'roll', 'dont', 'stop', 'ti']);
    expect(wordsOf('come - get it')).toEqual(['come', 'get', 'it']);
  });
});
