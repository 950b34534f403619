/**
 * One wrapper per plugin step, so plugins repeat none of it: start/done/failed logging with the source's label,
 * errors tagged with the source (coded as ESOURCE when the plugin threw something else), output checks, and the
 * plugin boundary: a source with an `isolated` reference runs its steps in a worker thread (boundary/), under a
 * time and memory limit, with --dry-run binding on its own files.
 * (Reading options is wrapped by resolve-sources.ts: a throwing parseOptions becomes a problem of its source.)
 */
import type { CommonSourceOptions, PlaylistDraft, PlaylistSource, SourceContext } from '../contract.js';
import { toHarmoniqError, type HarmoniqError } from '../errors/harmoniq-error.js';
import { validateDrafts } from '../pipeline/validate-drafts.js';
import type { IsolatedSourceRef, IsolatedStep } from './boundary/isolation.js';
import { runIsolated } from './boundary/run-isolated.js';
import { withDryRunDataDir } from './boundary/dry-run-dir.js';

/** A source ready to run: its validated options and the common options the core resolved. */
export interface ResolvedSource {
  source: PlaylistSource<unknown>;
  options: unknown;
  common: CommonSourceOptions;
  /** Run verify/fetch in a worker thread (third-party and custom code); absent: in the run's own thread. */
  isolated?: IsolatedSourceRef;
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
    await runStep(resolved, 'verify', ctx);
    ctx.logger.debug('Credentials and service ok.');
    return 'verified';
  } catch (error) {
    throw failed(error, source.name, ctx);
  }
}

/** fetch(): ranked candidates, checked at the boundary so the rest of the pipeline can trust them. */
export async function fetchDrafts(resolved: ResolvedSource, ctx: SourceContext): Promise<PlaylistDraft[]> {
  const { source } = resolved;
  const started = Date.now();
  ctx.logger.info(`Fetching candidates for '${resolved.common.playlist}'…`);
  try {
    const drafts = validateDrafts(source.name, await runStep(resolved, 'fetch', ctx));
    const count = drafts.reduce((n, d) => n + d.tracks.length, 0);
    ctx.logger.info(`Fetched ${count} candidates in ${drafts.length} playlist${drafts.length === 1 ? '' : 's'} (${Date.now() - started} ms).`);
    return drafts;
  } catch (error) {
    throw failed(error, source.name, ctx);
  }
}

/** The error tagged with its source; with --verbose, the plugin's stack for its author (redacted like every line). */
function failed(error: unknown, source: string, ctx: SourceContext): HarmoniqError {
  const e = tagged(error, source);
  if (ctx.logger.isDebug()) {
    const origin = e.cause instanceof Error ? e.cause : e;
    if (origin.stack) ctx.logger.debug(`Stack trace: ${origin.stack}`);
  }
  return e;
}

function runStep(resolved: ResolvedSource, step: IsolatedStep, ctx: SourceContext): Promise<unknown> {
  const { source, options, isolated } = resolved;
  if (isolated) return withDryRunDataDir(ctx, (scoped) => runIsolated(isolated, step, options, scoped, source.errorCodes?.meanings));
  return step === 'fetch' ? source.fetch(options, ctx) : Promise.resolve(source.verify?.(options, ctx));
}
