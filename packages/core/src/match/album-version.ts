import { foldText, wordsOf } from './normalize-text.js';
import { parseTitle } from './parse-title.js';
import type { VersionTag } from './version-words.js';

/**
 * The version an album's name gives every track on it whose own title names none: a plain "Bohemian
 * Rhapsody" on "Live Killers" is a live recording. Only clear live releases count: "Live" is also a verb, and
 * "Live Through This", "Live to Win" or "Long Live" are studio albums. A miss is cheap (the track keeps its
 * title's reading); a studio album read as live would hide the user's studio tracks, so the rules are narrow:
 *  - a live marker in brackets or after a dash: "Hits (Live)", "Alive - Live at Wembley";
 *  - "Live at / in / from …" anywhere ("MTV Unplugged in New York", "Nirvana Live at Reading");
 *  - "Live" leading a name when the next word is not one a verb takes ("Live Killers", "Live Rust");
 *  - "Live" alone, or last after a word that is not a subject or "to"/"long" ("Queen Rock Montreal Live");
 *  - "Unplugged" or "In Concert".
 */
export function albumVersionOf(album: string): VersionTag | undefined {
  const parsed = parseTitle(album);
  const tagged = parsed.versions.find((t) => t.kind === 'live');
  if (tagged) return { kind: 'live', words: tagged.words.filter((w) => !DIGITS_RE.test(w)) };
  const words = wordsOf(foldText(album));
  if (!isLiveName(words)) return undefined;
  return { kind: 'live', words: [...new Set(words.filter((w) => !STOP.has(w) && !DIGITS_RE.test(w)))].sort() };
}

const DIGITS_RE = /^\d+$/;
const STOP = new Set(['live', 'at', 'in', 'from', 'on', 'the', 'a', 'of', 'and', 'unplugged', 'concert', 'mtv']);
// Words after a leading "live" that make it a verb: "Live Through This", "Live to Win", "Live Your Life".
const VERB_OBJECTS = new Set([
  'through', 'to', 'like', 'your', 'my', 'our', 'his', 'her', 'their', 'it', 'forever', 'and', 'for', 'with', 'a',
  'an', 'the', 'long', 'free', 'fast', 'now', 'again', 'without', 'by', 'as', 'or', 'die', 'love', 'laugh', 'well',
  'on', 'up', 'out', 'life', 'this', 'that', 'what', 'while', 'young', 'high', 'loud', 'right', 'slow', 'hard', 'big',
  'large', 'learn', 'let', 'more', 'every', 'each', 'today', 'tonight', 'together', 'is', 'so', 'if', 'in', 'inside',
  'off', 'here', 'there', 'alone', 'wild', 'strong', 'true', 'simply', 'lean',
]);
// Words before a trailing "live" that make it a verb: "Long Live", "We Live", "Born to Live".
const VERB_SUBJECTS = new Set([
  'long', 'to', 'i', 'we', 'you', 'they', 'he', 'she', 'it', 'let', 'must', 'will', 'shall', 'can', 'could', 'would',
  'should', 'gonna', 'wanna', 'dont', 'cant', 'wont', 'still', 'never', 'always', 'and', 'or', 'who', 'that', 'where',
  'ill', 'youll', 'well', 'theyll', 'may', 'might', 'lets', 'not', 'now', 'also', 'truly',
]);
// "Live in Paris" is a concert, "Live in Fear" or "Live in the Moment" a way of living.
const IN_OBJECTS = new Set([
  'the', 'a', 'an', 'fear', 'hope', 'sin', 'peace', 'harmony', 'love', 'my', 'your', 'our', 'vain', 'shame', 'denial',
  'darkness', 'light', 'sorrow', 'color', 'colour', 'freedom', 'faith', 'grace', 'truth', 'me', 'you', 'us', 'it',
]);

function isLiveName(words: readonly string[]): boolean {
  if (words.includes('unplugged')) return true;
  for (let i = 0; i < words.length - 1; i++) {
    if (words[i] === 'in' && words[i + 1] === 'concert') return true;
    if (words[i] !== 'live') continue;
    const next = words[i + 1]!;
    if (next === 'at' || next === 'from') return true;
    if (next === 'in' && i + 2 < words.length && !IN_OBJECTS.has(words[i + 2]!)) return true;
  }
  if (words.length === 1) return words[0] === 'live';
  if (words[0] === 'live' && !VERB_OBJECTS.has(words[1]!)) return true;
  const last = words.length - 1;
  return words[last] === 'live' && !VERB_SUBJECTS.has(words[last - 1]!);
}
