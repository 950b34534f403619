import type { CommonSourceOptions } from '../contract.js';
import { HarmoniqError } from '../errors/harmoniq-error.js';
import { planPlaylist, uniqueTop, type WritePlan } from './plan-playlist.js';
import type { PlaylistTarget } from './playlist-target.js';

/** Everything a run decides about one playlist, before any write. */
export type PlaylistDecision =
  /** The source asked to leave its playlist as it is (e.g. nothing new to say this time). */
  | { action: 'keep'; reason: string }
  /** Another playlist already has the title; it is not Harmoniq's to change. */
  | { action: 'conflict'; error: HarmoniqError }
  /** Too few tracks: the playlist keeps its current content. */
  | { action: 'skip'; reason: string; desired: string[]; ratingKey?: string }
  /** Already holds the list. `stamp` is Plex's stamp when it was read to find out (undefined: known from the stamp alone). */
  | { action: 'unchanged'; ratingKey: string; desired: string[]; kept: number; read: boolean; stamp?: number; adopted: boolean }
  | { action: 'create' | 'update'; ratingKey: string | undefined; plan: WritePlan; adopted: boolean };

export interface DecisionInput {
  source: string;
  title: string;
  /** Library ratingKeys of the matched candidates, in rank order (may repeat). */
  matched: readonly string[];
  size: number;
  common: Pick<CommonSourceOptions, 'minTracks' | 'updateMode'>;
  keepExisting?: { reason: string };
  /** Undefined only when the source asked to keep its playlist (the target is not looked up). */
  target: PlaylistTarget | undefined;
}

/**
 * The list a replace-mode playlist should hold, when that is enough to recognise it unchanged without reading it;
 * undefined when the decision needs the playlist's items anyway.
 */
export function expectedContent(matched: readonly string[], size: number, common: DecisionInput['common']): string[] | undefined {
  if (common.updateMode !== 'replace') return undefined;
  const expected = uniqueTop(matched, size);
  return expected.length >= Math.max(1, common.minTracks) ? expected : undefined;
}

/** Pure: the whole decision for one playlist from what was matched and where the playlist stands. */
export function decidePlaylist(input: DecisionInput): PlaylistDecision {
  const { target } = input;
  if (input.keepExisting || !target) return { action: 'keep', reason: input.keepExisting?.reason ?? 'the source asked to keep it' };
  if (target.kind === 'unmanaged' && !target.entries) return { action: 'conflict', error: conflict(input) };
  if (target.kind === 'managed' && !target.entries) {
    const desired = uniqueTop(input.matched, input.size);
    return { action: 'unchanged', ratingKey: target.info.ratingKey, desired, kept: desired.length, read: false, adopted: false };
  }

  const ratingKey = target.kind === 'absent' ? undefined : target.info.ratingKey;
  const adopted = target.kind === 'unmanaged';
  const plan = planPlaylist({
    matched: input.matched,
    size: input.size,
    minTracks: input.common.minTracks,
    mode: input.common.updateMode,
    existing: target.kind === 'absent' ? undefined : target.entries,
  });
  if (plan.action === 'skip') return { action: 'skip', reason: plan.reason, desired: plan.desired, ...(ratingKey ? { ratingKey } : {}) };
  if (plan.action === 'unchanged') {
    const stamp = target.kind === 'absent' ? undefined : target.info.updatedAt;
    return { action: 'unchanged', ratingKey: ratingKey!, desired: plan.desired, kept: plan.kept, read: true, ...(stamp === undefined ? {} : { stamp }), adopted };
  }
  return { action: plan.action, ratingKey, plan, adopted };
}

function conflict(input: DecisionInput): HarmoniqError {
  return new HarmoniqError({
    code: 'EPLAYLISTCONFLICT',
    message: `A playlist named '${input.title}' already exists in Plex and Harmoniq does not manage it; it was left untouched.`,
    hint: `Rename it in Plex, set another title for '${input.source}', or run 'harmoniq sync ${input.source} --adopt' to let Harmoniq manage it.`,
  });
}
