/**
 * Playlist titles and descriptions as templates: `Harmoniq · {source} ({window})`. Parsed and checked when the
 * configuration is read, so a typo is an ECONFIG problem at start, not a strange title in Plex.
 */

/** Every placeholder a template may use. */
export type Placeholder = 'source' | 'window' | 'user' | 'date' | 'summary';

export const PLACEHOLDERS: readonly Placeholder[] = ['source', 'window', 'user', 'date', 'summary'];

export type TemplatePart = { text: string } | { placeholder: Placeholder };

export interface Template {
  /** As the user wrote it. */
  source: string;
  parts: TemplatePart[];
  placeholders: Set<Placeholder>;
}

export type TemplateValues = Partial<Record<Placeholder, string>>;

export interface TemplateCheck {
  /** Where it was configured, for messages: `PLAYLIST_NAME_TIME`, `sources.daily-flow.playlist`. */
  where: string;
  /** The placeholders this template may use here (`{window}` only where a source has windows). */
  allowed: readonly Placeholder[];
}

/**
 * Parses a template; `{{` and `}}` stand for literal braces. Returns the template, or every problem at once,
 * each one line saying what is wrong and how to fix it.
 */
export function parseTemplate(text: string, check: TemplateCheck): { template?: Template; problems: string[] } {
  const problems: string[] = [];
  const parts: TemplatePart[] = [];
  const placeholders = new Set<Placeholder>();
  let literal = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if ((c === '{' || c === '}') && text[i + 1] === c) {
      literal += c;
      i += 2;
      continue;
    }
    if (c === '}') {
      problems.push(`${check.where} has a '}' at position ${i + 1} that closes nothing; write '}}' for a literal brace`);
      i += 1;
      continue;
    }
    if (c !== '{') {
      literal += c;
      i += 1;
      continue;
    }
    const end = text.indexOf('}', i + 1);
    if (end < 0) {
      problems.push(`${check.where} has a '{' at position ${i + 1} that is never closed; write {source}, or '{{' for a literal brace`);
      break;
    }
    const name = text.slice(i + 1, end).trim();
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
      problems.push(`${check.where} has an unknown placeholder {${name}}; use ${listOf(check.allowed)}`);
    } else if (!check.allowed.includes(name as Placeholder)) {
      problems.push(`${check.where} uses {${name}}, which is not available here; use ${listOf(check.allowed)}`);
    } else {
      if (literal !== '') parts.push({ text: literal });
      literal = '';
      parts.push({ placeholder: name as Placeholder });
      placeholders.add(name as Placeholder);
    }
    i = end + 1;
  }
  if (literal !== '') parts.push({ text: literal });
  if (problems.length === 0 && parts.every((p) => 'text' in p && p.text.trim() === '') && check.allowed.length > 0) {
    problems.push(`${check.where} is empty; give it a name, e.g. 'Harmoniq · {source}'`);
  }
  return problems.length > 0 ? { problems } : { template: { source: text, parts, placeholders }, problems };
}

/**
 * Fills a template. A value that is missing (no active window) leaves nothing, and the spaces and separators
 * it would have stood between are tidied: `Daily Flow ({window})` without a window is `Daily Flow`.
 */
export function renderTemplate(template: Template, values: TemplateValues): string {
  let out = '';
  let missing = false;
  for (const part of template.parts) {
    if ('text' in part) {
      out += part.text;
      continue;
    }
    const value = values[part.placeholder] ?? '';
    if (value.trim() === '') missing = true;
    out += value;
  }
  // Only a missing value leaves stray brackets and separators; what the user wrote around values is kept.
  return missing ? tidy(out) : out.replace(/\s+/g, ' ').trim();
}

/** True when a template's result can differ between runs for one source and target: a rename would follow. */
export function isDynamic(template: Template): boolean {
  return template.placeholders.has('window') || template.placeholders.has('date');
}

function tidy(text: string): string {
  return text
    .replace(/\(\s*\)|\[\s*\]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.:;)\]])/g, '$1')
    .replace(/([([])\s+/g, '$1')
    .replace(/^[\s·•|,:;–—-]+|[\s·•|,:;–—-]+$/g, '')
    .trim();
}

function listOf(names: readonly Placeholder[]): string {
  return names.length === 0 ? 'no placeholder' : names.map((n) => `{${n}}`).join(', ');
}
