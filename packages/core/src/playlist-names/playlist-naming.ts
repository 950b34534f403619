import { formatInZone } from '../format-in-zone.js';
import { parseTemplate, renderTemplate, type Placeholder, type Template } from './template.js';

/** What one target playlist is named and described by (templates already parsed and checked). */
export interface PlaylistNaming {
  title: Template;
  /** Undefined: the source's own description (today's behaviour). */
  summary?: Template;
}

/** The facts a template is filled with, for one source and one target at one run. */
export interface NamingFacts {
  /** The source's display name, or its config name. */
  source: string;
  /** Daily Flow's active window (`06:00-11:00`); undefined elsewhere or between windows. */
  window?: string;
  /** The target's name: a household user's, or the owner's. */
  user?: string;
  /** The run's instant and zone: `{date}` is the local date, `2026-12-07`. */
  now: Date;
  timeZone: string;
  /** The source's own description of this playlist, for `{summary}`. */
  summary?: string;
}

/** Which placeholders a title or description may use for a source: `{window}` only where it has windows. */
export function allowedPlaceholders(kind: 'title' | 'summary', hasWindows: boolean): Placeholder[] {
  const base: Placeholder[] = ['source', 'user', 'date'];
  if (hasWindows) base.push('window');
  if (kind === 'summary') base.push('summary');
  return base;
}

/**
 * Parses a source's title and description templates with every problem at once (for config validation).
 * `where` names the settings in messages, e.g. `{ title: 'PLAYLIST_NAME_TIME', summary: 'PLAYLIST_SUMMARY_TEMPLATE' }`.
 */
export function parseNaming(
  title: string,
  summary: string | undefined,
  options: { hasWindows: boolean; where: { title: string; summary: string } },
): { naming?: PlaylistNaming; problems: string[] } {
  const t = parseTemplate(title, { where: options.where.title, allowed: allowedPlaceholders('title', options.hasWindows) });
  const s = summary === undefined ? undefined : parseTemplate(summary, { where: options.where.summary, allowed: allowedPlaceholders('summary', options.hasWindows) });
  const problems = [...t.problems, ...(s?.problems ?? [])];
  if (problems.length > 0 || !t.template) return { problems };
  return { naming: { title: t.template, ...(s?.template ? { summary: s.template } : {}) }, problems };
}

/** The title and description for this run. The description falls back to the source's own. */
export function namePlaylist(naming: PlaylistNaming, facts: NamingFacts): { title: string; summary: string | undefined } {
  const values = {
    source: facts.source,
    window: facts.window,
    user: facts.user,
    date: formatInZone(facts.now, facts.timeZone, 'yyyy-MM-dd'),
    summary: facts.summary,
  };
  const title = renderTemplate(naming.title, values);
  const summary = naming.summary ? renderTemplate(naming.summary, values) : facts.summary;
  // A template of placeholders only that all came out empty must still name the playlist.
  return { title: title === '' ? facts.source : title, summary };
}
