/**
 * The labels policy: which words in a bracket or dash suffix mark a different recording (a version)
 * and which are packaging noise on the same recording.
 * Different: live, remix/mix/edit, demo, acoustic, instrumental, karaoke, another part, re-recordings.
 * Same: remasters, [Explicit]/[Clean], "Album Version", "Bonus Track", deluxe, soundtrack suffixes.
 */

/** A version marker: its kind and the words that name it ("robin schulz" for a Robin Schulz Remix). */
export interface VersionTag {
  kind: string;
  words: string[];
}

const KIND_BY_WORD: ReadonlyMap<string, string> = new Map(Object.entries({
  live: 'live', unplugged: 'live', concert: 'live', session: 'live', sessions: 'live',
  acoustic: 'acoustic', stripped: 'acoustic',
  remix: 'remix', remixed: 'remix', rmx: 'remix', mix: 'remix', dub: 'remix', bootleg: 'remix', rework: 'remix',
  reworked: 'remix', refix: 'remix', flip: 'remix', vip: 'remix', mashup: 'remix', remixes: 'remix',
  edit: 'edit',
  demo: 'demo', demos: 'demo',
  instrumental: 'instrumental', karaoke: 'karaoke', accompaniment: 'karaoke', backing: 'karaoke',
  acapella: 'acapella', cappella: 'acapella', acappella: 'acapella',
  extended: 'extended',
  reprise: 'reprise', interlude: 'interlude', skit: 'skit', intro: 'intro', outro: 'outro',
  orchestral: 'orchestral', symphonic: 'orchestral',
  cover: 'cover', tribute: 'cover',
  rerecorded: 'rerecorded', rerecording: 'rerecorded', taylors: 'rerecorded',
  alternate: 'alternate', alt: 'alternate', outtake: 'alternate', rehearsal: 'alternate',
  slowed: 'altered', sped: 'altered', reverb: 'altered', nightcore: 'altered', chopped: 'altered',
}));

/** Words that only package the same recording. */
const NOISE_WORDS = new Set([
  'remaster', 'remastered', 'remasters', 'remastering', 're', 'mastered', 'digital', 'digitally', 'version', 'album',
  'single', 'main', 'original', 'explicit', 'clean', 'edited', 'censored', 'uncensored', 'dirty', 'amended', 'bonus',
  'track', 'deluxe', 'edition', 'expanded', 'anniversary', 'special', 'standard', 'collectors', 'lp', 'ep', 'mono',
  'stereo', 'official', 'video', 'audio', 'music', 'lyric', 'lyrics', 'visualizer', 'visualiser', 'hd', 'hq', '4k',
  'booklet', 'the', 'a', 'and', 'of', 'from', 'by', 'remasterizado', 'remasterisee', 'version',
]);

// The original or album take: the same as no version at all.
const NOISE_PHRASES = [/^original (mix|version|edit)$/, /^(album|lp|single) (mix|edit)$/, /^(clean|explicit|dirty) (edit|mix)$/];
// "From the Smurfs Movie Soundtrack", "From \"Frozen\"", "Original Motion Picture Soundtrack".
const SOUNDTRACK_RE = /\b(soundtrack|motion picture|ost|movie|film|original score|musical|video game)\b/;
const FROM_QUOTED_RE = /^(music )?from ["']/;
const YEAR_RE = /^(19|20)\d\d$/;
const ORDINAL_RE = /^\d+(st|nd|rd|th)$/;

const ROMAN: Readonly<Record<string, number>> = { i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8, ix: 9, x: 10 };
const WORD_NUMBERS: Readonly<Record<string, number>> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };
/** "pt. 2", "Part II", "part one": another part is another recording. */
export const PART_RE = /(?:^|[\s,(\[-])(?:pt|part|pts|parts)\.?\s*(\d+|[ivx]+|one|two|three|four|five|six)\b/;

export function partNumber(token: string): number | undefined {
  if (/^\d+$/.test(token)) return Number(token);
  return ROMAN[token] ?? WORD_NUMBERS[token];
}

export const CREDIT_PREFIX_RE = /^(?:feat\.?|ft\.?|featuring|with|w\/)\s+(.+)$/;

export type SegmentClass =
  | { type: 'noise' }
  | { type: 'credit'; names: string; kind: 'feat' | 'with' }
  | { type: 'version'; tags: VersionTag[] }
  | { type: 'extra' };

/** Classifies one bracket part or dash suffix. `folded` is foldText output, `words` its wordsOf. */
export function classifySegment(folded: string, words: readonly string[]): SegmentClass {
  const trimmed = folded.trim();
  if (words.length === 0) return { type: 'noise' };
  const credit = CREDIT_PREFIX_RE.exec(trimmed);
  if (credit?.[1]) return { type: 'credit', names: credit[1], kind: trimmed.startsWith('w') ? 'with' : 'feat' };
  const joined = words.join(' ');
  if (NOISE_PHRASES.some((re) => re.test(joined))) return { type: 'noise' };
  const tags = versionTagsOf(words, trimmed);
  if (tags.length > 0) return { type: 'version', tags };
  if (FROM_QUOTED_RE.test(trimmed) || (words[0] === 'from' || words.includes('soundtrack')) && SOUNDTRACK_RE.test(joined)) {
    return { type: 'noise' };
  }
  if (words.every((w) => NOISE_WORDS.has(w) || YEAR_RE.test(w) || ORDINAL_RE.test(w))) return { type: 'noise' };
  if (words.includes('version')) {
    // "Spanish Version", "Piano Version": a named version that is none of the known kinds.
    return { type: 'version', tags: [{ kind: 'version', words: descriptorWords(words, '') }] };
  }
  return { type: 'extra' };
}

function versionTagsOf(words: readonly string[], folded: string): VersionTag[] {
  const kinds = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    let kind = KIND_BY_WORD.get(w);
    if (w === 'edit' && i > 0 && /^(clean|explicit|dirty|album)$/.test(words[i - 1]!)) kind = undefined;
    if (w === 'take' && i > 0 && /^(alternate|alt|first|second|early|\d+)$/.test(words[i - 1]!)) kind = 'alternate';
    if ((w === 'recorded' || w === 'record') && i > 0 && words[i - 1] === 're') kind = 'rerecorded';
    if ((w === 'style' && words[i - 1] === 'the' && words[i - 2] === 'in') || (w === 'performed' && words[i - 1] === 'originally')) {
      kind = 'karaoke';
    }
    if (w === 'up' && words[i - 1] === 'sped') kind = undefined;
    if (kind) kinds.add(kind);
  }
  const part = PART_RE.exec(folded);
  const n = part?.[1] ? partNumber(part[1]) : undefined;
  const tags: VersionTag[] = [];
  if (n !== undefined) tags.push({ kind: `part ${n}`, words: [] });
  const descriptor = descriptorWords(words, part?.[0] ?? '');
  for (const kind of [...kinds].sort()) tags.push({ kind, words: descriptor });
  return tags;
}

const DESCRIPTOR_STOP = new Set([...NOISE_WORDS, 'in', 'at', 'on', 'for', 'live', 'pt', 'part', 'radio', 'club', 'remix', 'mix', 'edit']);

/** The naming words of a version ("robin schulz", "amsterdam"), without kind words and stop words. */
function descriptorWords(words: readonly string[], partText: string): string[] {
  const partWords = new Set(partText.replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(' '));
  const out = words.filter((w) => !DESCRIPTOR_STOP.has(w) && !KIND_BY_WORD.has(w) && !partWords.has(w) && !YEAR_RE.test(w));
  return [...new Set(out)].sort();
}

/** True when a word on its own marks a version (used for bare trailing words such as "We Dem Boyz Remix"). */
export function isVersionWord(word: string): boolean {
  return KIND_BY_WORD.has(word) && !AMBIGUOUS_BARE_WORDS.has(word);
}

// Version words that are ordinary words in a title outside brackets ("Cover Me", "Intro", "Flip").
const AMBIGUOUS_BARE_WORDS = new Set([
  'session', 'sessions', 'concert', 'flip', 'alt', 'cover', 'tribute', 'intro', 'outro', 'skit', 'interlude', 'stripped',
  'backing', 'chopped',
]);
