import type { PlaylistDraft, PlaylistSource } from '../contract.js';
import type { CoverRequest } from '../playlist-look/apply-look.js';
import { namePlaylist, parseNaming } from '../playlist-names/playlist-naming.js';
import type { SourceLook } from '../playlist-look/look-options.js';
import type { RunContext } from './run-context.js';

/** What a draft's playlist is called this run, what its description says, and what its cover shows. */
export interface PlaylistNames {
  title: string;
  /** The description from PLAYLIST_SUMMARY_TEMPLATE; undefined: today's text (the source's and the counts). */
  summary: string | undefined;
  cover: CoverRequest;
}

/**
 * Renders the configured title and description templates for this run (`{source}`, `{window}`, `{user}`, `{date}`).
 * Only the configured title is a template: a title a source made itself (a playlist the service named) is used as it is.
 * Templates were checked when the configuration was read; one that still fails here is used as written.
 */
export function namePlaylistDraft(run: RunContext, source: PlaylistSource<unknown>, configured: string, look: SourceLook | undefined, draft: PlaylistDraft): PlaylistNames {
  const templated = draft.title === configured;
  const parsed = parseNaming(templated ? configured : '{source}', look?.summaryTemplate, { hasWindows: true, where: { title: 'title', summary: 'summary' } });
  const facts = {
    source: source.displayName ?? sourceWords(source.name),
    ...(draft.window !== undefined ? { window: draft.window } : {}),
    ...(run.user !== undefined ? { user: run.user } : {}),
    now: run.options.clock.now(),
    timeZone: run.options.clock.zone,
    ...(draft.summary !== undefined ? { summary: draft.summary } : {}),
  };
  const named = parsed.naming ? namePlaylist(parsed.naming, facts) : undefined;
  const title = templated && named ? named.title : draft.title;
  const summary = look?.summaryTemplate !== undefined && named ? named.summary : undefined;
  return { title, summary, cover: { title, source: source.name, ...(draft.window !== undefined ? { variant: draft.window } : {}) } };
}

/**
 * `daily-flow` → `Daily Flow`: a source's name in words, for `{source}`, when it declares no displayName (a plugin
 * spells its service as the service does, e.g. `My Radio FM`; the core names no plugin).
 */
export function sourceWords(name: string): string {
  return name
    .split(/[-_\s]+/)
    .filter((w) => w !== '')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
}
