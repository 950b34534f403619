/**
 * Unicode-aware folding shared by every matcher rule. Latin, Greek and Cyrillic lose their accents;
 * every other script (CJK, kana with dakuten, Hangul, Devanagari, Arabic…) is kept as written.
 */

// Letters NFKD does not decompose but people type without the stroke or ligature.
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ł: 'l', þ: 'th', ð: 'd', ı: 'i', ŧ: 't', ħ: 'h',
};
const LETTER_FOLD_RE = /[øæœßđłþðıŧħ]/g;
// Only the combining marks of Latin/Greek/Cyrillic: kana voicing marks and Indic vowel signs are letters' meaning.
const LATIN_MARKS_RE = /[\u0300-\u036f]/g;
const ASCII_RE = /^[\x20-\x7e]*$/;
const QUOTES_RE = /[\u2018\u2019\u201a\u201b\u2032\u00b4\u0060\u02bc\u02bb]/g;
const DQUOTES_RE = /[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g;
const DASHES_RE = /[\u2010-\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d]/g;
// Marks that vanish without leaving a word break: "Don't" → "dont", "T.I." → "ti", "P!nk" → "pnk".
const JOINING_PUNCT_RE = /['`.!?\u00a1\u00bf]/g;
const NON_WORD_RE = /[^\p{L}\p{M}\p{N}]+/gu;
const CJK_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

/** Straightens quotes and dashes and folds case and accents, keeping punctuation. */
export function foldText(raw: string): string {
  let s = raw;
  if (!ASCII_RE.test(s)) {
    // Decompose and lower-case first: compatibility forms can yield quotes ("⁗" → four primes) or capitals
    // ("ℌ" → "H") that the folds below must see, so that folding twice changes nothing.
    s = s.normalize('NFKD').toLowerCase().normalize('NFKD');
    s = s.replace(QUOTES_RE, "'").replace(DQUOTES_RE, '"').replace(DASHES_RE, '-').replace(/\u00d7/g, 'x');
    s = s.replace(LATIN_MARKS_RE, '').normalize('NFC');
    s = s.replace(LETTER_FOLD_RE, (c) => LETTER_FOLDS[c] ?? c);
  } else {
    s = s.toLowerCase();
  }
  return s;
}

/** Stands for a chunk of symbols only ("\u0027``", "©"): usually a word mangled by a bad encoding. */
export const UNREADABLE = '*';
const SYMBOLS_ONLY_RE = /^[^\p{L}\p{M}\p{N}&+\-/,.:;!?()[\]{}"#@%=<>|~_]+$/u;

/** Words of already-folded text: `&`/`+`/`n` become "and", punctuation separates or joins. */

export function wordsOf(folded: string): string[] {
  const plain = plainWordsOf(folded);
  if (plain !== undefined) return plain;
  const words: string[] = [];
  for (const chunk of folded.replace(/[&+]/g, ' and ').split(/\s+/)) {
    if (chunk === '') continue;
    if (SYMBOLS_ONLY_RE.test(chunk) && !/^'+$/.test(chunk)) {
      if (words[words.length - 1] !== UNREADABLE) words.push(UNREADABLE);
      continue;
    }
    const cleaned = chunk.replace(JOINING_PUNCT_RE, '').replace(NON_WORD_RE, ' ').trim();
    if (cleaned === '') continue;
    for (const word of cleaned.split(' ')) words.push(word === 'n' ? 'and' : word);
  }
  return words;
}

/**
 * wordsOf for plain text (lower-case ASCII letters and digits, spaces and commas breaking words, ' . ! ? joining
 * them), in one pass without regular expressions: most titles and names. undefined for any other text.
 */
function plainWordsOf(folded: string): string[] | undefined {
  const words: string[] = [];
  // The word so far (pieces before a joining mark), and where its current piece starts.
  let word = '';
  let start = 0;
  for (let i = 0; i <= folded.length; i++) {
    const c = i < folded.length ? folded.charCodeAt(i) : SPACE;
    if ((c >= LOWER_A && c <= LOWER_Z) || (c >= DIGIT_0 && c <= DIGIT_9)) continue;
    if (c === SPACE || c === COMMA) {
      if (start < i) word = word === '' ? folded.slice(start, i) : word + folded.slice(start, i);
      if (word !== '') words.push(word === 'n' ? 'and' : word);
      word = '';
    } else if (c === APOSTROPHE || c === DOT || c === BANG || c === QUESTION) {
      if (start < i) word = word === '' ? folded.slice(start, i) : word + folded.slice(start, i);
    } else {
      return undefined;
    }
    start = i + 1;
  }
  return words;
}

const [SPACE, COMMA, APOSTROPHE, DOT, BANG, QUESTION] = [32, 44, 39, 46, 33, 63];
const [LOWER_A, LOWER_Z, DIGIT_0, DIGIT_9] = [97, 122, 48, 57];

/** A comparison key for a name or title; never empty for a non-empty input (symbols-only names survive). */
export function keyOf(raw: string): string {
  const folded = foldText(raw);
  const words = wordsOf(folded);
  const readable = words.some((w) => w !== UNREADABLE);
  return readable ? words.join(' ') : folded.replace(/\s+/g, ' ').trim();
}

export function hasCjk(s: string): boolean {
  return CJK_RE.test(s);
}

/**
 * Index tokens of a key: its words, and for scripts written without spaces, character bigrams,
 * so a CJK title still shares tokens with a near spelling of itself.
 */
export function tokensOf(key: string): string[] {
  if (!hasCjk(key)) {
    const words = key.split(' ');
    return words.filter((w, i) => w !== '' && w !== UNREADABLE && words.indexOf(w) === i);
  }
  const out = new Set<string>();
  for (const word of key.split(' ')) {
    if (word === '' || word === UNREADABLE) continue;
    if (hasCjk(word) && word.length > 2) {
      const chars = [...word];
      for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
    } else {
      out.add(word);
    }
  }
  return [...out];
}

const UNKNOWN_ARTISTS = new Set(['', 'various artists', 'various', 'va', 'unknown artist', 'unknown', 'artist unknown', 'none', 'n a']);

/** "Various Artists", "Unknown artist", "[unknown]": names that identify nobody. */
export function isUnknownArtistKey(key: string): boolean {
  return UNKNOWN_ARTISTS.has(key);
}
