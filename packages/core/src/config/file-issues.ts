/** Turns zod's findings about a config file into issues a user can act on: a path, what is wrong, how to fix it. */
import { distance } from 'fastest-levenshtein';
import * as z from 'zod';
import type { ConfigIssue } from '../contract.js';
import { configFileSchema } from './schema.js';
import { showValue, suggest } from './values.js';

/** `matching.overrides[0].artist`: dots between keys, brackets around list positions. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

function childSchema(schema: z.ZodType, seg: PropertyKey): z.ZodType | undefined {
  const inner = schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
  if (inner instanceof z.ZodObject) return (inner.shape as Record<string, z.ZodType>)[String(seg)];
  if (inner instanceof z.ZodArray) return inner.element as z.ZodType;
  if (inner instanceof z.ZodRecord) return inner.valueType as z.ZodType;
  return undefined;
}

/** The keys the schema knows at a path, for "did you mean" hints. */
export function knownKeysAt(path: readonly PropertyKey[]): string[] {
  let schema: z.ZodType | undefined = configFileSchema;
  for (const seg of path) schema = schema ? childSchema(schema, seg) : undefined;
  const inner = schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
  return inner instanceof z.ZodObject ? Object.keys(inner.shape).filter((k) => k !== '$schema') : [];
}

const EXPECTED: Record<string, string> = {
  object: 'must be a section of key: value settings',
  array: 'must be a list',
  string: 'must be text',
  number: 'must be a number',
  boolean: 'must be true or false',
};

function unknownKeyIssues(issue: z.core.$ZodIssueUnrecognizedKeys, fileName: string): ConfigIssue[] {
  const known = knownKeysAt(issue.path);
  return issue.keys.map((key) => {
    const path = formatPath([...issue.path, key]);
    const near = suggest(key, known);
    const where = issue.path.length === 0 ? fileName : `${formatPath(issue.path)} in ${fileName}`;
    const hint = near ? `did you mean '${near}'?` : `known keys: ${known.join(', ')}`;
    return { path, message: `${path} is not a known setting of ${where} (${hint})` };
  });
}

export function fileIssues(error: z.ZodError, fileName: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      issues.push(...unknownKeyIssues(issue, fileName));
      continue;
    }
    const path = formatPath(issue.path) || fileName;
    let message = issue.message;
    if (issue.code === 'invalid_type' && message.startsWith('Invalid input')) {
      const expected = EXPECTED[issue.expected] ?? `must be of type ${issue.expected}`;
      message = `${expected}, got ${showValue(issue.input)}`;
    } else if (issue.code === 'invalid_value' && typeof issue.input === 'string') {
      const near = suggest(issue.input, issue.values.map(String));
      if (near) message = `${message} (did you mean '${near}'?)`;
    } else if (message.startsWith('Invalid input')) {
      message = `is not valid (${message})`;
    }
    issues.push({ path, message: `${path} ${message}` });
  }
  return issues;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * YAML turns `key:` with nothing after it (often a commented-out value) into null. Read that as "not set", and an
 * empty `sources.<name>:` section as an empty section.
 */
function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) if (child !== null) out[key] = dropNulls(child);
  return out;
}

function emptySourceSections(content: Record<string, unknown>): Record<string, unknown> {
  const sources = content.sources;
  if (!isPlainObject(sources)) return content;
  const filled = Object.fromEntries(Object.entries(sources).map(([name, section]) => [name, section ?? {}]));
  return { ...content, sources: filled };
}

/** Validates the parsed file content; a top level that is not a section is one issue naming the file. */
export function validateConfigFile(
  content: unknown,
  fileName: string,
): { ok: true; value: z.output<typeof configFileSchema>; sections: Record<string, unknown> } | { ok: false; errors: ConfigIssue[] } {
  if (content === undefined || content === null) return { ok: true, value: {}, sections: {} };
  if (typeof content !== 'object' || Array.isArray(content)) {
    const message = `${fileName} must hold key: value settings at the top level, got ${showValue(content)}`;
    return { ok: false, errors: [{ path: fileName, message }] };
  }
  const { core, sections } = splitPluginSections(dropNulls(emptySourceSections(content as Record<string, unknown>)) as Record<string, unknown>);
  const parsed = configFileSchema.safeParse(core, { reportInput: true });
  return parsed.success ? { ok: true, value: parsed.data, sections } : { ok: false, errors: fileIssues(parsed.error, fileName) };
}

/** `plx:` is a typo of `plex:`, not a plugin's section. */
function nearCoreKey(key: string, known: Set<string>): boolean {
  const k = key.toLowerCase();
  return [...known].some((c) => distance(k, c.toLowerCase()) <= (c.length >= 6 ? 2 : 1));
}

/** Unknown top-level keys holding a section are a plugin's (a service's shared `<service>:` section); the rest stays for the core's schema. */
export function splitPluginSections(content: Record<string, unknown>): { core: Record<string, unknown>; sections: Record<string, unknown> } {
  const known = new Set(Object.keys(configFileSchema.shape));
  const core: Record<string, unknown> = {};
  const sections: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(content)) {
    if (!known.has(key) && isPlainObject(value) && !nearCoreKey(key, known)) sections[key] = value;
    else core[key] = value;
  }
  return { core, sections };
}

/**
 * The valid part of a file that has problems: every top-level key with a problem left out. Only for showing what
 * still resolves (`harmoniq config` on a bad configuration); a run never uses it.
 */
export function validPartOf(content: unknown): z.output<typeof configFileSchema> {
  if (!isPlainObject(content)) return {};
  const cleaned = splitPluginSections(dropNulls(emptySourceSections(content)) as Record<string, unknown>).core;
  const parsed = configFileSchema.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  const bad = new Set(parsed.error.issues.map((i) => String(i.code === 'unrecognized_keys' && i.path.length === 0 ? '' : (i.path[0] ?? ''))));
  const unknownTop = parsed.error.issues.flatMap((i) => (i.code === 'unrecognized_keys' && i.path.length === 0 ? i.keys : []));
  const kept = Object.fromEntries(Object.entries(cleaned).filter(([k]) => !bad.has(k) && !unknownTop.includes(k)));
  const again = configFileSchema.safeParse(kept);
  return again.success ? again.data : {};
}
