/**
 * Declared options: a plugin says once what it can be told (names, env names, file keys, defaults, types, allowed
 * values, secret or not); the core derives reading, precedence, checking, redaction, help and the JSON schema.
 * A declaration is plain data, so `harmoniq sources`, `harmoniq config` and the schema generator can read it too.
 */
import type { Parsed } from '../config/values.js';
import { parseBoolean, parseEnum, parseHttpUrl, parseList, parseWholeNumber, rules, showValue } from '../config/values.js';

export type OptionKind = 'text' | 'integer' | 'boolean' | 'choice' | 'choices' | 'url' | 'structured';

interface OptionBase {
  /** One line for help, docs and the JSON schema. */
  description: string;
  /** The environment variable that sets it (wins over the config file). */
  env?: string;
  /** Key in the config file (`sources.<name>.<key>`, or `<section>.<key>`); default: the option's name. */
  key?: string;
  /**
   * A top-level config-file section shared by several sources of one service (`<service>.apiKey`). The
   * option is read there too, after `sources.<name>.<key>`; the plugin owns the section.
   */
  section?: string;
  /** Never shown: `harmoniq config` masks it, the redactor scrubs its value from all output. */
  secret?: boolean;
  /** Required: what to tell the user when it is missing ("get a key at …"). */
  required?: string;
  /**
   * `structured` only: the option also takes every key of `sources.<name>` that no other option declares, as one
   * object (its file value, at `sources.<name>`), instead of those keys being refused as unknown. For a source that
   * hands options on to code the user wrote (a custom module). The environment still wins over the file.
   */
  rest?: boolean;
}

/** One declared option; `T` is the type the plugin receives, `R` whether it always has a value (default or required). */
export interface OptionSpec<T, R extends boolean = boolean> extends OptionBase {
  kind: OptionKind;
  default?: T;
  min?: number;
  max?: number;
  /** Allowed values (choice, choices). */
  values?: readonly string[];
  /** Reads one value (text from the environment, or what the config file holds) into T, or says what is allowed. */
  read(raw: unknown): Parsed<T>;
  /** What is allowed, for help and messages: "a whole number from 1 to 50". */
  allowed: string;
  /** Phantom: carries T and R for type inference. */
  readonly __type?: T;
  readonly __always?: R;
}

export type OptionDeclarations = Readonly<Record<string, OptionSpec<unknown>>>;

/** Whether a spec as written always yields a value. */
type Always<S> = S extends { default: unknown } ? true : S extends { required: string } ? true : false;
/** The values a plugin receives from its declarations: optional options without a default may be absent. */
export type OptionValues<D extends OptionDeclarations> = {
  [K in keyof D as D[K] extends OptionSpec<unknown, true> ? K : never]: D[K] extends OptionSpec<infer T> ? T : never;
} & {
  [K in keyof D as D[K] extends OptionSpec<unknown, true> ? never : K]?: D[K] extends OptionSpec<infer T> ? T : never;
};

/** File values may be typed (5, true, a list); the environment's are text. One reader serves both. */
function asText(raw: unknown): string | undefined {
  return typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : undefined;
}

function typed<T>(rule: string, raw: unknown, parse: (text: string) => Parsed<T>): Parsed<T> {
  const text = asText(raw);
  return text === undefined ? { ok: false, message: `${rule}, got ${showValue(raw)}` } : parse(text);
}

type Spec<T> = OptionBase & { default?: T };

function make<T, R extends boolean>(
  kind: OptionKind,
  spec: Spec<T> & { min?: number; max?: number; values?: readonly string[] },
  allowed: string,
  read: (raw: unknown) => Parsed<T>,
): OptionSpec<T, R> {
  return { ...spec, kind, allowed, read };
}

const text = <S extends Spec<string>>(spec: S): OptionSpec<string, Always<S>> =>
  make('text', spec, rules.nonEmptyText, (raw) =>
    typed(rules.nonEmptyText, raw, (t) => (t.trim() === '' ? { ok: false, message: `${rules.nonEmptyText}, got ${showValue(t)}` } : { ok: true, value: t.trim() })),
  );

const integer = <S extends Spec<number> & { min: number; max: number }>(spec: S): OptionSpec<number, Always<S>> => {
  const rule = rules.wholeNumber(spec.min, spec.max);
  return make('integer', spec, rule, (raw) => typed(rule, raw, (t) => parseWholeNumber(t, spec.min, spec.max)));
};

const boolean = <S extends Spec<boolean>>(spec: S): OptionSpec<boolean, Always<S>> => make('boolean', spec, rules.boolean, (raw) => typed(rules.boolean, raw, parseBoolean));

function choice<V extends string, S extends Spec<V> = Spec<V>>(values: readonly V[], spec: S): OptionSpec<V, Always<S>> {
  return make('choice', { ...spec, values }, rules.oneOf(values), (raw) => typed(rules.oneOf(values), raw, (t) => parseEnum(t, values)));
}

/** A list of allowed values: a comma list in the environment, a list (or comma list) in the file; duplicates dropped. */
function choices<V extends string, S extends Spec<V[]> = Spec<V[]>>(values: readonly V[], spec: S): OptionSpec<V[], Always<S>> {
  const rule = `must be a list of one or more of ${values.join(', ')}`;
  return make('choices', { ...spec, values }, rule, (raw) => {
    const items = typeof raw === 'string' ? parseList(raw) : Array.isArray(raw) ? raw : undefined;
    if (items === undefined || items.length === 0) return { ok: false, message: `${rule}, got ${showValue(raw)}` };
    const out: V[] = [];
    for (const item of items) {
      const parsed = typeof item === 'string' ? parseEnum(item, values) : ({ ok: false, message: `${rules.oneOf(values)}, got ${showValue(item)}` } as const);
      if (!parsed.ok) return { ok: false, message: `has an unknown entry: ${parsed.message}` };
      if (!out.includes(parsed.value)) out.push(parsed.value);
    }
    return { ok: true, value: out };
  });
}

/** An http(s) base URL, trailing slashes removed. */
const url = <S extends Spec<string>>(spec: S): OptionSpec<string, Always<S>> => make('url', spec, rules.url, (raw) => typed(rules.url, raw, (t) => parseHttpUrl(t)));

/**
 * A value with its own syntax or shape (time windows, a map of titles): the core finds it (precedence, path) and the
 * plugin's refineOptions checks it, reporting problems at the path the core names.
 */
const structured = <T = unknown, S extends Spec<T> & { allowed: string } = Spec<T> & { allowed: string }>(spec: S): OptionSpec<T, Always<S>> =>
  make<T, Always<S>>('structured', spec, spec.allowed, (raw) => ({ ok: true, value: raw as T }));

/** The option builders plugins declare with. */
export const option = { text, integer, boolean, choice, choices, url, structured };
