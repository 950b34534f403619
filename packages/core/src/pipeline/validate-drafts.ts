import { HarmoniqError } from '../errors/harmoniq-error.js';
import type { CandidateTrack, PlaylistDraft } from '../contract.js';

/** Checks a source's output at the boundary, so the rest of the pipeline can trust it. */
export function validateDrafts(source: string, value: unknown): PlaylistDraft[] {
  const fail = (what: string): never => {
    throw new HarmoniqError({
      code: 'ESOURCEOUTPUT',
      message: `Source '${source}' returned invalid data: ${what}.`,
      hint: 'This is a bug in the source. See docs/writing-a-plugin.md for the shape fetch() must return.',
      source,
    });
  };
  if (!Array.isArray(value)) return fail('fetch() must resolve to an array of playlist drafts');
  const keys = new Set<string>();
  return value.map((draft: unknown, i): PlaylistDraft => {
    if (!draft || typeof draft !== 'object') return fail(`draft ${i} is not an object`);
    const d = draft as Record<string, unknown>;
    if (typeof d.key !== 'string' || !d.key) return fail(`draft ${i} has no 'key'`);
    if (keys.has(d.key)) return fail(`two drafts share the key '${d.key}'`);
    keys.add(d.key);
    if (typeof d.title !== 'string' || !d.title.trim()) return fail(`draft '${d.key}' has no 'title'`);
    if (!Array.isArray(d.tracks)) return fail(`draft '${d.key}' has no 'tracks' array`);
    if (d.size !== undefined && (!Number.isInteger(d.size) || (d.size as number) < 1)) return fail(`draft '${d.key}' has an invalid 'size'`);
    if (d.reserve !== undefined && !Array.isArray(d.reserve)) return fail(`draft '${d.key}' has a 'reserve' that is not an array`);
    const check = (list: unknown[], what: string) =>
      list.map((t: unknown, j): CandidateTrack => {
        if (!t || typeof t !== 'object') return fail(`draft '${d.key}' ${what} ${j} is not an object`);
        const c = t as Record<string, unknown>;
        const hasKey = typeof (c.ids as Record<string, unknown> | undefined)?.plexRatingKey === 'string';
        if (typeof c.artist !== 'string' || typeof c.title !== 'string') return fail(`draft '${d.key}' ${what} ${j} needs string 'artist' and 'title'`);
        if (!hasKey && (!c.artist.trim() || !c.title.trim())) return fail(`draft '${d.key}' ${what} ${j} has an empty artist or title`);
        return c as unknown as CandidateTrack;
      });
    const tracks = check(d.tracks, 'track');
    const reserve = Array.isArray(d.reserve) ? { reserve: check(d.reserve, 'reserve track') } : {};
    return { ...(d as unknown as PlaylistDraft), tracks, ...reserve };
  });
}
