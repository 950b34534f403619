import { UNREADABLE, foldText, isUnknownArtistKey, wordsOf } from './normalize-text.js';

/** An artist credit taken apart. All strings are artist keys (see artistKey). */
export interface ParsedArtist {
  /** The whole credit: "simon and garfunkel", "metro boomin don toliver and wizkid feat beam and toian". */
  key: string;
  /** The credit before feat./ft./featuring/with: "calvin harris" for "Calvin Harris feat. HAIM". */
  primary: string;
  /** Every name in the credit, split on every separator. */
  all: string[];
  /** Every single name of the main credit (before feat.), sorted: one recording's credit however it is punctuated. */
  primaryNames: string[];
  /** Names split only on list separators (comma, feat., x, vs., /): "A & B" stays whole here. */
  listed: string[];
  /** Names that exist only by splitting on "&"/"and"/"+": "simon", "garfunkel". */
  ampersandOnly: string[];
  /** "Various Artists", "Unknown artist", empty. */
  unknown: boolean;
}

// List separators: a credit split here is always several artists.
const LIST_SEP_RE = /\s*(?:,|;|\/|\s(?:feat\.?|ft\.?|featuring|with|x|vs\.?|versus|presents|pres\.|meets)\s)\s*/;
const FEAT_SEP_RE = /\s(?:feat\.?|ft\.?|featuring|with)\s/;
// "&", "and", "+": also inside duo names ("Simon & Garfunkel", "Hall & Oates").
const AMP_SEP_RE = /\s*&\s*|\s+\+\s+|\s+and\s+/;

/** Comparison key of one artist name: folded, "$" read as "s", leading "The" and trailing ", The" dropped. */
export function artistKey(name: string): string {
  let s = foldText(name).replace(/\$/g, 's').trim();
  s = s.replace(/,\s*the$/, '').replace(/^the\s+/, '');
  const words = wordsOf(s);
  return words.some((w) => w !== UNREADABLE) ? words.join(' ') : s.replace(/\s+/g, ' ');
}

function nonEmpty(keys: string[]): string[] {
  return [...new Set(keys.filter((k) => k !== '' && !isUnknownArtistKey(k)))];
}

/** Splits a list of names ("Chris Brown & Lil Wayne", "21 Savage, Ink & Kadhja Bonet") into keys. */
export function splitPeople(raw: string): { all: string[]; listed: string[]; atoms: string[] } {
  const folded = ` ${foldText(raw).replace(/,\s*the(?=\s*(,|&|$))/g, '')} `;
  const listed = folded.split(LIST_SEP_RE).map((s) => s.trim()).filter((s) => s !== '');
  const all: string[] = [];
  const atoms: string[] = [];
  for (const name of listed) {
    all.push(artistKey(name));
    const pieces = name.split(AMP_SEP_RE);
    if (pieces.length > 1) for (const piece of pieces) all.push(artistKey(piece));
    atoms.push(...pieces.map(artistKey));
  }
  return { all: nonEmpty(all), listed: nonEmpty(listed.map(artistKey)), atoms: nonEmpty(atoms) };
}

// No separator of any kind: one name, nothing to split (most credits).
const ANY_SEPARATOR_RE = /[,;/&+]|\s(?:and|x|feat\.?|ft\.?|featuring|with|vs\.?|versus|presents|pres\.|meets)\s/;

export function parseArtist(raw: string): ParsedArtist {
  const key = artistKey(raw);
  if (!ANY_SEPARATOR_RE.test(` ${foldText(raw)} `)) {
    const names = key === '' ? [] : [key];
    return { key, primary: key, primaryNames: names, all: names, listed: names, ampersandOnly: [], unknown: isUnknownArtistKey(key) };
  }
  const folded = ` ${foldText(raw)} `;
  const feat = FEAT_SEP_RE.exec(folded);
  const primaryRaw = feat ? folded.slice(0, feat.index) : folded;
  const primary = artistKey(primaryRaw);
  const { all, listed } = splitPeople(raw);
  const listedSet = new Set(listed);
  return {
    key,
    primary: primary !== '' ? primary : key,
    primaryNames: [...new Set(splitPeople(primaryRaw).atoms)].sort(),
    all: [...new Set([key, ...all])].filter((k) => k !== ''),
    listed: [...new Set([key, ...listed])].filter((k) => k !== ''),
    ampersandOnly: all.filter((k) => !listedSet.has(k) && k !== key),
    unknown: isUnknownArtistKey(key),
  };
}
