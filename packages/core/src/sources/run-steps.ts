/**
 * One wrapper per plugin step, so plugins repeat none of it: start/done/failed logging with the source's label,
 * errors tagged with the source (coded as ESOURCE when the plugin threw something else), output checks.
 * (Reading options is wrapped by resolve-sources.ts: a throwing parseOptions becomes a problem of its source.)
 */
import type { CommonSourceOptions, PlaylistDraft, PlaylistSource, SourceContext } from '../contract.js';
import { toHarmoniqError, type HarmoniqError } from '../errors/harmoniq-error.js';
import { validateDrafts } from '../pipeline/validate-drafts.js';

/** A source ready to run: its validated options and the common options the core resolved. */
export interface ResolvedSource {
  source: PlaylistSource<unknown>;
  options: unknown;
  common: CommonSourceOptions;
}

export function tagged(error: unknown, source: string): HarmoniqError {
  const e = toHarmoniqError(error, 'ESOURCE');
  e.source ??= source;
  return e;
}

/** verify(): credentials and reachability, no side effects. A source without verify passes. */
export async function verifySource(resolved: ResolvedSource, ctx: SourceContext): Promise<'verified' | 'nothing to verify'> {
  const { source } = resolved;
  if (!source.verify) return 'nothing to verify';
  ctx.logger.debug('Checking credentials and service…');
  try {
    await source.verify(resolved.options, ctx);
    ctx.logger.debug('Credentials and service ok.');
    return 'verified';
  } catch (error) {
    throw tagged(error, source.name);
  }
}

/** fetch(): ranked candidates, checked at the boundary so the rest of the pipeline can trust them. */
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
