import type { Command } from 'commander';
import { HarmoniqError, isHarmoniqError } from '@harmoniq/core';
import { closestWord, firstWord } from '../did-you-mean.js';
import { loadSources } from '../load-sources.js';
import type { Runtime } from '../runtime.js';

/**
 * `sync` is the default command, so `harmoniq docter` reaches it as a source named "docter". When a name is
 * unknown, say which command or source was probably meant. Only on that error path are the sources loaded again.
 */
export async function explainUnknownWord(error: unknown, rt: Runtime, names: string[], cli: { program: Command; argv: string[] }): Promise<unknown> {
  if (!isHarmoniqError(error) || error.code !== 'EUNKNOWNSOURCE') return error;
  const sources = (await loadSources(rt)).map((s) => s.name);
  const unknown = names.find((n) => !sources.includes(n));
  if (unknown === undefined) return error;
  const commands = cli.program.commands.flatMap((c) => [c.name(), ...c.aliases()]).concat('help');
  // The user did not type `sync`: the word stood where a command goes.
  const asCommand = firstWord(cli.argv, optionsWithValue(cli.program)) === unknown;
  const guess = closestWord(unknown, asCommand ? [...commands, ...sources] : sources);
  const meant = guess === undefined ? '' : ` Did you mean '${guess.startsWith('-') || commands.includes(guess) ? `harmoniq ${guess}` : guess}'?`;
  const known = `Commands: ${commands.filter((c) => c !== 'help').join(', ')}. Sources: ${sources.join(', ')}.`;
  if (asCommand) {
    return new HarmoniqError({
      code: 'EUSAGE',
      message: `'${unknown}' is neither a command nor a source.${meant}`,
      hint: `${guess === undefined ? `${known} ` : ''}'harmoniq --help' lists the commands, 'harmoniq sources' the sources.`,
    });
  }
  return new HarmoniqError({
    code: 'EUNKNOWNSOURCE',
    message: `Unknown source '${unknown}'.${meant}`,
    hint: `Known sources: ${sources.join(', ')}. 'harmoniq sources' lists them with their status.`,
  });
}

/** Global options that take a value (`--config <file>`): their value is not the first word. */
function optionsWithValue(program: Command): Set<string> {
  const flags = program.options.filter((o) => o.required || o.optional).flatMap((o) => [o.short, o.long]);
  return new Set(flags.filter((f): f is string => Boolean(f)));
}
