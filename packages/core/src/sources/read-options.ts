/**
 * The one options reader. For each declared option: the environment, then `sources.<name>.<key>`, then the plugin's
 * shared section (`<service>.apiKey`), then the default. Every problem is collected with the path it is at, in one
 * wording; unknown keys in a source's section are errors for every source alike.
 */
import type { ConfigIssue, Env, ParseResult } from '../user-input.js';
import { COMMON_SOURCE_KEYS } from '../config/schema.js';
import { showValue, suggest } from '../config/values.js';
import type { OptionDeclarations, OptionSpec } from './declare-options.js';

export interface OptionInput {
  /** The source's own config-file section (`sources.<name>`), common keys included or not. */
  section: unknown;
  /** The config file's top-level sections a plugin may own (one per service), by name. */
  sections?: Readonly<Record<string, unknown>>;
  env: Env;
}

/** What refineOptions is given besides the values: where each came from, and a place for problems and warnings. */
export interface RefineContext {
  /** The path a value was read from (env name or file path), or where the user would set it. */
  pathOf(name: string): string;
  /** Whether the user set it (anywhere), as opposed to its default. */
  isSet(name: string): boolean;
  issue(path: string, message: string): void;
  warn(message: string): void;
  /** The environment as given, for a source that hands it on to code the user wrote (a custom module's own options). */
  env: Env;
}

export type RefineOptions<V, O> = (values: V, ctx: RefineContext) => O;

const isSection = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const envSet = (env: Env, name: string | undefined): string | undefined => {
  const raw = name === undefined ? undefined : env[name];
  return raw !== undefined && raw.trim() !== '' ? raw : undefined;
};

/** Keys a source's section may hold: the common ones and each declared option's file key. */
export function sectionKeys(declarations: OptionDeclarations): string[] {
  return [...COMMON_SOURCE_KEYS, ...Object.entries(declarations).filter(([, spec]) => !spec.rest).map(([name, spec]) => spec.key ?? name)];
}

/** Whether a `rest` option takes the keys no other option declares (then none is unknown). */
export function takesOtherKeys(declarations: OptionDeclarations): boolean {
  return Object.values(declarations).some((spec) => spec.rest === true);
}

export function readDeclaredOptions<V, O>(
  sourceName: string,
  declarations: OptionDeclarations,
  input: OptionInput,
  refine?: RefineOptions<V, O>,
): ParseResult<O> {
  const issues: ConfigIssue[] = [];
  const warnings: string[] = [];
  const sectionPath = `sources.${sourceName}`;
  const section: Record<string, unknown> = {};
  if (input.section !== undefined && input.section !== null) {
    if (isSection(input.section)) Object.assign(section, input.section);
    else issues.push({ path: sectionPath, message: `${sectionPath} must be a section of options, got ${showValue(input.section)}` });
  }
  const known = sectionKeys(declarations);
  const others: Record<string, unknown> = {};
  for (const key of Object.keys(section)) {
    if (known.includes(key)) continue;
    if (takesOtherKeys(declarations)) {
      others[key] = section[key];
      const declared = known.filter((k) => !(COMMON_SOURCE_KEYS as readonly string[]).includes(k));
      const close = suggest(key, declared);
      if (close) warnings.push(`${sectionPath}.${key} is handed on as an option of its own; did you mean '${close}'?`);
      continue;
    }
    const near = suggest(key, known);
    const hint = near ? `did you mean '${near}'?` : `known: ${known.filter((k) => !(COMMON_SOURCE_KEYS as readonly string[]).includes(k)).join(', ') || 'none'}`;
    issues.push({ path: `${sectionPath}.${key}`, message: `${sectionPath}.${key} is not an option of ${sourceName} (${hint})` });
  }

  const values: Record<string, unknown> = {};
  const paths: Record<string, string> = {};
  const set = new Set<string>();
  for (const [name, spec] of Object.entries(declarations)) {
    const found = spec.rest ? locateRest(spec, others, sectionPath, input) : locate(name, spec, section, sectionPath, input);
    paths[name] = found?.path ?? spec.env ?? `${sectionPath}.${spec.key ?? name}`;
    if (found === undefined) {
      if (spec.default !== undefined) values[name] = spec.default;
      else if (spec.required !== undefined) issues.push({ path: paths[name], message: `${paths[name]} is required (${fileHome(name, spec, sectionPath)}); ${spec.required}` });
      continue;
    }
    set.add(name);
    const shadowed = found.path !== spec.env ? undefined : spec.rest ? (Object.keys(others).length ? sectionPath : undefined) : fileValueAt(name, spec, section, sectionPath, input);
    if (shadowed !== undefined) warnings.push(`${found.path} is set, so ${shadowed} is ignored`);
    const parsed = (spec as OptionSpec<unknown>).read(found.value);
    if (parsed.ok) values[name] = parsed.value;
    else issues.push({ path: found.path, message: `${found.path} ${spec.secret ? withoutValue(parsed.message) : parsed.message}` });
  }
  const failedReading = issues.length > 0;

  const ctx: RefineContext = {
    pathOf: (name) => paths[name] ?? name,
    isSet: (name) => set.has(name),
    issue: (path, message) => issues.push({ path, message: message.startsWith(path) ? message : `${path} ${message}` }),
    warn: (message) => warnings.push(message),
    env: input.env,
  };
  // refine runs even when a value failed (it is then absent), so cross-field problems are reported with the rest.
  let value: O;
  try {
    value = refine ? refine(values as V, ctx) : (values as O);
  } catch (error) {
    if (failedReading) return { ok: false, errors: issues };
    return { ok: false, errors: [...issues, { path: sectionPath, message: `${sourceName}: refineOptions threw: ${(error as Error).message} (a bug in the source)` }] };
  }
  if (issues.length > 0) return { ok: false, errors: issues };
  return { ok: true, value, ...(warnings.length > 0 ? { warnings } : {}) };
}

function locate(
  name: string,
  spec: OptionSpec<unknown>,
  section: Record<string, unknown>,
  sectionPath: string,
  input: OptionInput,
): { value: unknown; path: string } | undefined {
  const fromEnv = envSet(input.env, spec.env);
  if (fromEnv !== undefined && spec.env !== undefined) return { value: fromEnv, path: spec.env };
  const key = spec.key ?? name;
  if (section[key] !== undefined && section[key] !== null) return { value: section[key], path: `${sectionPath}.${key}` };
  if (spec.section !== undefined) {
    const shared = input.sections?.[spec.section];
    if (isSection(shared) && shared[key] !== undefined && shared[key] !== null) return { value: shared[key], path: `${spec.section}.${key}` };
  }
  return undefined;
}

/** A `rest` option: its environment variable, else the section's undeclared keys (when there are any). */
function locateRest(spec: OptionSpec<unknown>, others: Record<string, unknown>, sectionPath: string, input: OptionInput): { value: unknown; path: string } | undefined {
  const fromEnv = envSet(input.env, spec.env);
  if (fromEnv !== undefined && spec.env !== undefined) return { value: fromEnv, path: spec.env };
  return Object.keys(others).length ? { value: others, path: sectionPath } : undefined;
}

/** Where the config file sets an option the environment also sets (so the user learns the file's is ignored). */
function fileValueAt(name: string, spec: OptionSpec<unknown>, section: Record<string, unknown>, sectionPath: string, input: OptionInput): string | undefined {
  return locate(name, { ...spec, env: undefined }, section, sectionPath, { ...input, env: {} })?.path;
}

function fileHome(name: string, spec: OptionSpec<unknown>, sectionPath: string): string {
  const key = spec.key ?? name;
  return `${spec.section !== undefined ? `${spec.section}.${key}` : `${sectionPath}.${key}`} in the config file`;
}

/** A secret's message never repeats what was given. */
function withoutValue(message: string): string {
  return message.replace(/, got .*$/s, ' (the value is not shown because it is a secret)');
}
