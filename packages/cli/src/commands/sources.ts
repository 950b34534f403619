import { ExitCode } from '@harmoniq/core';
import { issueLine, optionHelp } from '@harmoniq/core/pipeline';
import { planHousehold } from '../household.js';
import { loadSources } from '../load-sources.js';
import { withLoadProblems } from '../plugins/probe-sources.js';
import { outputWidth, renderTable } from '../render/table.js';
import { resolveSources } from '../resolve-sources.js';
import type { Runtime } from '../runtime.js';

/** `harmoniq sources`: every discovered source, enabled or not, and what it lacks. */
export async function sourcesCommand(rt: Runtime, flags: { json?: boolean }): Promise<number> {
  const all = await loadSources(rt);
  const resolution = resolveSources(rt, all);
  const statuses = await withLoadProblems(resolution.statuses);
  const household = planHousehold(rt, all, []);
  const usersOf = (name: string): string[] => household.plans.filter((p) => p.sources.some((s) => s.source.name === name)).map((p) => p.user.name);
  const rows = statuses.map((s) => ({
    name: s.source.name,
    enabled: s.enabled,
    playlist: s.common?.playlist ?? s.source.defaults.playlist,
    size: s.common?.size ?? s.source.defaults.size,
    ready: s.problems.length === 0,
    problems: s.problems.map((p) => issueLine(p)),
    description: s.source.description,
    ...(household.plans.length ? { users: usersOf(s.source.name) } : {}),
    settings: optionHelp(s.source),
  }));
  const fileProblems = resolution.problems.map((p) => issueLine(p));
  if (flags.json) {
    rt.io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return ExitCode.ok;
  }
  // The table fits the terminal; each problem is spelled out in full below it.
  const status = (r: (typeof rows)[number]) => (r.ready ? 'ready' : `${r.problems.length} problem${r.problems.length > 1 ? 's' : ''}, see below`);
  const table = renderTable({ head: ['Source', 'Enabled', 'Playlist', 'Size', 'Status'], rows: rows.map((r) => [r.name, r.enabled ? 'yes' : 'no', r.playlist, String(r.size), status(r)]), width: outputWidth(rt.io.stdout), fixed: [1, 3] });
  rt.io.stdout.write(`${rt.redactor.redact(table)}\n`);
  for (const r of rows) rt.io.stdout.write(rt.redactor.redact(`  ${r.name}: ${r.description}\n${r.problems.map((p) => `    ✗ ${p}\n`).join('')}`));
  for (const p of household.plans) {
    const list = p.sources.map((s) => `${s.source.name} ('${s.common.playlist}')`).join(', ');
    rt.io.stdout.write(`${rt.redactor.redact(`  household user ${p.user.name}: ${list}`)}\n`);
  }
  for (const line of household.problems) rt.io.stdout.write(`${rt.redactor.redact(`✗ ${line}`)}\n`);
  // Problems that stop every run, whichever sources are enabled.
  for (const line of fileProblems) rt.io.stdout.write(`${rt.redactor.redact(`✗ ${line}`)}\n`);
  return ExitCode.ok;
}
