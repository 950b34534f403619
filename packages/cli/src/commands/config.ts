import { ExitCode, type PlaylistSource } from '@harmoniq/core';
import { configJsonSchema, issueLine, optionEnvNames, redactConfig } from '@harmoniq/core/pipeline';
import { planHousehold } from '../household.js';
import { loadSources } from '../load-sources.js';
import { resolveSources } from '../resolve-sources.js';
import type { Runtime } from '../runtime.js';

/**
 * `harmoniq config`: the resolved configuration (with where each value came from), every secret redacted. It runs
 * on a bad configuration too, since that is when it is needed: what still resolves is shown, with every problem
 * under `problems` (and on stderr, one per line), and the exit code is 2. `--schema` prints the file's JSON Schema.
 */
export async function configCommand(rt: Runtime, flags: { schema?: boolean } = {}): Promise<number> {
  const all = await loadSources(rt);
  if (flags.schema) {
    // The schema describes keys, never values: nothing to redact, and the configuration's problems do not matter.
    rt.io.stdout.write(`${JSON.stringify(configJsonSchema(all), null, 2)}\n`);
    return ExitCode.ok;
  }
  const envNames = optionEnvNames(all);
  const resolution = resolveSources(rt, all);
  const sources = Object.fromEntries(
    resolution.statuses.map((s) => [
      s.source.name,
      {
        enabled: s.enabled,
        from: s.enabledBy,
        playlist: s.common?.playlist ?? null,
        size: s.common?.size ?? null,
        ...(s.common?.look
          ? {
              poster: s.common.look.poster.mode === 'file' ? { file: s.common.look.poster.path } : s.common.look.poster.mode,
              summaryTemplate: s.common.look.summaryTemplate ?? null,
              exclude: { genres: s.common.look.exclude.genres, artists: s.common.look.exclude.artists, tracks: s.common.look.exclude.tracks.length + s.common.look.exclude.ratingKeys.length },
            }
          : {}),
        ...(s.options !== undefined ? { options: maskSecrets(s.source, s.options) } : {}),
        ...(s.problems.length ? { problems: s.problems.map((p) => issueLine(p)) } : {}),
      },
    ]),
  );
  const household = planHousehold(rt, all, []);
  // Problems of sources that are not enabled do not count: a run ignores them (`harmoniq sources` shows them).
  const problems = [
    ...household.problems,
    ...rt.configProblems,
    ...resolution.problems.map((p) => issueLine(p)),
    ...resolution.statuses.filter((s) => s.enabled).flatMap((s) => s.problems.map((p) => issueLine(p, s.source.name))),
  ];
  const shown = rt.redactor.redactValue(redactConfig(rt.config, { envNames, sources })) as Record<string, unknown>;
  const users = household.plans.map((p) => ({ name: p.user.name, sources: p.sources.map((s) => ({ source: s.source.name, playlist: s.common.playlist })) }));
  const withUsers = users.length ? { ...shown, users: rt.redactor.redactValue(users) } : shown;
  rt.io.stdout.write(`${JSON.stringify({ ...withUsers, problems: rt.redactor.redactValue(problems) }, null, 2)}\n`);
  for (const line of problems) rt.io.stderr.write(`${rt.redactor.redact(`harmoniq: ECONFIG ${line}`)}\n`);
  return problems.length ? ExitCode.usage : ExitCode.ok;
}

/** Declared secret options are masked by declaration; the key-name and value scrubbing of redactConfig still apply. */
function maskSecrets(source: PlaylistSource<unknown>, options: unknown): unknown {
  if (!source.options || typeof options !== 'object' || options === null) return options;
  const out: Record<string, unknown> = { ...(options as Record<string, unknown>) };
  for (const [name, spec] of Object.entries(source.options)) if (spec.secret && out[name] !== undefined) out[name] = '[redacted]';
  return out;
}
