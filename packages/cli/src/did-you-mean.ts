import { distance } from 'fastest-levenshtein';

/** Words a user types expecting a command that is really an option. */
const OPTION_WORDS: Readonly<Record<string, string>> = { version: '--version', '-version': '--version' };

/**
 * The known word closest to `word`, if it is close enough to be a typo: at most two edits (a swapped pair of
 * letters, as in `snyc`, is two), or 40% of the word for long ones. Exact option words (`version`) map directly.
 */
export function closestWord(word: string, known: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  if (OPTION_WORDS[lower]) return OPTION_WORDS[lower];
  let best: { word: string; d: number } | undefined;
  for (const candidate of known) {
    const d = distance(lower, candidate.toLowerCase());
    if (!best || d < best.d) best = { word: candidate, d };
  }
  const allowed = Math.max(2, Math.round(word.length * 0.4));
  return best && best.d > 0 && best.d <= allowed ? best.word : undefined;
}

/**
 * The first word of the command line that is not an option or an option's value: `sync` when the user typed it,
 * else the word commander passed to the default command.
 */
export function firstWord(argv: readonly string[], optionsWithValue: ReadonlySet<string>): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return argv[i + 1];
    if (!arg.startsWith('-') || arg === '-') return arg;
    if (!arg.includes('=') && optionsWithValue.has(arg)) i++;
  }
  return undefined;
}
