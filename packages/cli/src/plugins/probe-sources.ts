import type { ConfigIssue, PlaylistSource } from '@harmoniq/core';
import type { SourceStatus } from '../resolve-sources.js';

/** A source that can say whether its module or file loads, without running (the custom playlists). */
interface Probeable {
  custom: { probe(options: unknown): Promise<ConfigIssue | undefined> };
}

function isProbeable(source: PlaylistSource<unknown>): source is PlaylistSource<unknown> & Probeable {
  const custom = (source as Partial<Probeable>).custom;
  return typeof custom === 'object' && custom !== null && typeof custom.probe === 'function';
}

/**
 * For `harmoniq sources`: loads each custom playlist's module (or reads its file) and adds what is wrong with it
 * to its problems, so a broken module shows up there instead of only failing its sync.
 */
export async function withLoadProblems(statuses: SourceStatus[]): Promise<SourceStatus[]> {
  await Promise.all(
    statuses.map(async (status) => {
      const { source } = status;
      if (!isProbeable(source) || status.problems.length > 0 || status.options === undefined) return;
      const issue = await source.custom.probe(status.options);
      if (issue) status.problems.push(issue);
    }),
  );
  return statuses;
}
