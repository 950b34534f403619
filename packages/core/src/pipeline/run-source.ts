import { HarmoniqError, toHarmoniqError } from '../errors/harmoniq-error.js';
import type { CommonSourceOptions, PlaylistDraft, PlaylistSource, SourceContext } from '../contract.js';
import { validateDrafts } from './validate-drafts.js';

/** A source ready to run: its validated options and the common options the core resolved. */
export interface ResolvedSource {
  source: PlaylistSource<unknown>;
  options: unknown;
  common: CommonSourceOptions;
}

/**
 * Wraps one plugin fetch: start/done/failed logging with the source's label, output validation, and
 * errors tagged with the source name. A failure here fails this source only.
 */
export async function fetchDrafts(resolved: ResolvedSource, ctx: SourceContext): Promise<PlaylistDraft[]> {
  const { source } = resolved;
  const started = Date.now();
  ctx.logger.info(`Fetching candidates for '${resolved.common.playlist}'…`);
  try {
    const drafts = validateDrafts(source.name, await source.fetch(resolved.options, ctx));
    const count = drafts.reduce((n, d) => n + d.tracks.length, 0);
    ctx.logger.info(`Fetched ${count} candidates in ${drafts.length} playlist${drafts.length === 1 ? '' : 's'} (${Date.now() - started} ms).`);
    return drafts;
  } catch (error) {
    throw tagged(error, source.name);
  }
}

export function tagged(error: unknown, source: string): HarmoniqError {
  const e = toHarmoniqError(error, 'ESOURCE');
  e.source ??= source;
  return e;
}

export { HarmoniqError };
