import { ExitCode, HarmoniqError, toHarmoniqError } from '@harmoniq/core';
import { createLibraryIndex, createSharedRegistry, createSourceContext, ensureWritableDir, issueLine, verifySource, type ResolvedSource } from '@harmoniq/core/pipeline';
import { checkCoverRenderer } from '../covers/load-covers.js';
import { loadSources } from '../load-sources.js';
import { isolateSources } from '../plugins/isolate-sources.js';
import { resolveSources } from '../resolve-sources.js';
import { plexClient, type Runtime } from '../runtime.js';
import { householdChecks } from './doctor-household.js';
import { describeSonicAnalysis } from './doctor-sonic.js';

interface Stage {
  name: string;
  run: () => Promise<string>;
}

/**
 * `harmoniq doctor`: named stages per service (reachable → token accepted → library found), each saying
 * what passed or what to fix. Later stages of a service are skipped once one fails.
 */
export async function doctorCommand(rt: Runtime): Promise<number> {
  const out = (line: string) => rt.io.stdout.write(`${rt.redactor.redact(line)}\n`);
  let failed = false;
  let plexFailed = false;
  let configFailed = false;

  const runStages = async (service: string, stages: Stage[]): Promise<boolean> => {
    out(service);
    for (const stage of stages) {
      try {
        out(`  ✓ ${stage.name}: ${await stage.run()}`);
      } catch (error) {
        const e = toHarmoniqError(error);
        const details = e.details.map((d) => `\n    ${d}`).join('');
        out(`  ✗ ${stage.name}: ${e.message}${details}${e.hint ? `\n    fix: ${e.hint}` : ''}`);
        failed = true;
        if (e.code === 'ECONFIG') configFailed = true;
        return false;
      }
    }
    return true;
  };

  await runStages('Data directory', [
    { name: 'writable', run: async () => (await ensureWritableDir(rt.config.dataDir), rt.config.dataDir) },
  ]);

  let plex: ReturnType<typeof plexClient> | undefined;
  let sectionId: string | undefined;
  const plexOk = await runStages('Plex', [
    { name: 'configured', run: async () => ((plex = plexClient(rt)), rt.redactor.redact(rt.config.plex.url ?? '')) },
    {
      name: 'reachable and token accepted',
      run: async () => {
        const server = await plex!.server();
        return `${server.name ?? 'server'} ${server.version ?? ''} (${server.machineIdentifier.slice(0, 8)}…)`.replace(/\s+/g, ' ');
      },
    },
    {
      name: 'music library found',
      run: async () => {
        const section = await plex!.musicSection(rt.config.plex.library);
        const count = await plex!.countTracks(section.id);
        sectionId = section.id;
        return `'${section.title}' with ${count} tracks`;
      },
    },
    { name: 'sonic analysis', run: async () => describeSonicAnalysis(plex!, sectionId ?? '') },
  ]);
  plexFailed = !plexOk;
  const household = plexOk ? householdChecks(rt, async () => (await plex!.server()).machineIdentifier) : [];
  // Each user is checked on their own: one user's failure does not hide the next one's.
  for (const check of household) await runStages(`Household user ${check.name}`, [{ name: 'shared, with the music library', run: check.run }]);

  const resolution = resolveSources(rt, await loadSources(rt));
  if (resolution.problems.length) {
    await runStages('Configuration file', [
      { name: 'sources section', run: async () => Promise.reject(configProblem(resolution.problems.map((p) => issueLine(p)))) },
    ]);
  }
  // An enabled source with a bad setting is a failed check here, as it stops a sync.
  const statuses = resolution.statuses.filter((s) => s.enabled);
  const shared = createSharedRegistry();
  if (!statuses.length) out('Sources\n  (none enabled; see `harmoniq sources`)');
  for (const s of statuses) {
    const stages: Stage[] = [
      {
        name: 'configuration',
        run: async () => {
          if (s.problems.length) throw configProblem(s.problems.map((p) => issueLine(p)));
          return `playlist '${s.common?.playlist}', ${s.common?.size} tracks`;
        },
      },
    ];
    if (s.source.verify && s.common) {
      const [resolved] = isolateSources(rt, [{ source: s.source, options: s.options, common: s.common }]) as [ResolvedSource];
      stages.push({
        name: 'credentials and service',
        run: async () => {
          const ctx = createSourceContext({
            source: s.source.name,
            logger: rt.logger,
            http: rt.http,
            clock: rt.clock,
            library: createLibraryIndex([]),
            dataDir: rt.config.dataDir,
            common: resolved.common,
            shared,
            concurrency: 2,
          });
          await verifySource(resolved, ctx);
          return 'ok';
        },
      });
    }
    await runStages(`Source ${s.source.name}`, stages);
  }
  // Generated covers are the default; a renderer that cannot load would warn on every playlist of every run.
  const drawing = statuses.filter((s) => !s.problems.length && (s.common?.look?.poster.mode ?? 'generate') === 'generate').map((s) => s.source.name);
  if (drawing.length) await runStages('Playlist covers', [{ name: `generated for ${drawing.join(', ')}`, run: checkCoverRenderer }]);
  out(failed ? 'Some checks failed: fix the items marked ✗ and run `harmoniq doctor` again.' : 'All checks passed.');
  return plexFailed ? ExitCode.plex : configFailed ? ExitCode.usage : failed ? ExitCode.sourceFailed : ExitCode.ok;
}

function configProblem(lines: string[]): HarmoniqError {
  const hint = 'See docs/configuration.md and `harmoniq sources`.';
  if (lines.length === 1) return new HarmoniqError({ code: 'ECONFIG', message: lines[0] ?? '', hint });
  return new HarmoniqError({ code: 'ECONFIG', message: `${lines.length} problems:`, details: lines, hint });
}
