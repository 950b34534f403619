/**
 * Genre names as users and taggers write them differ in case, accents, punctuation and a few well-known
 * spellings. The same folding as Daily Flow's window genres, so `EXCLUDE_GENRES=Hip Hop` and a window of
 * `hip-hop` name the same tracks.
 */

/** Spellings of one genre that normalisation alone cannot join (`R&B` → `randb`, `RnB` → `rnb`). */
const SPELLING_VARIANTS: Readonly<Record<string, string>> = {
  randb: 'rnb',
  rhythmandblues: 'rnb',
  rhythmnblues: 'rnb',
  dandb: 'drumandbass',
  dnb: 'drumandbass',
  drumnbass: 'drumandbass',
  rocknroll: 'rockandroll',
  randr: 'rockandroll',
};

/**
 * `Hip-Hop`, `Hip Hop`, `hiphop` → `hiphop`; `Électro` → `electro`; `Rock 'n' Roll` → `rockandroll`.
 * Letters and digits of every script are kept, so non-Latin genre names still compare.
 */
export function genreKey(name: string): string {
  const folded = name
    .normalize('NFKD')
    // Only the combining accents used with Latin, Greek and Cyrillic: kana voicing marks change the word.
    .replace(/[\u0300-\u036f]+/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\+/g, ' and ');
  const tokens = folded.split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0);
  const joined = tokens.map((t) => (t === 'n' ? 'and' : t)).join('');
  return SPELLING_VARIANTS[joined] ?? joined;
}
