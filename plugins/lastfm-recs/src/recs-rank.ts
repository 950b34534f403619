import { artistKey, trackKey, type LastfmTrack } from '@harmoniq/lastfm';
import { seededUnit as unitFromSeed } from '@harmoniq/core';

/** Something the user listens to that recommendations grow from. */
export interface Seed {
  /** Shown in notes: "Radiohead" or "Portishead – Glory Box". */
  label: string;
  /** 0–1: how much this seed counts (a top-ranked artist more than the tenth). */
  weight: number;
}

/** One seed pointing at one track, with how strongly (seed weight × Last.fm match, and so on). */
export interface Contribution {
  seed: Seed;
  track: LastfmTrack;
  strength: number;
}

export interface RankedCandidate {
  track: LastfmTrack;
  score: number;
  /** Seed labels, strongest first. */
  seeds: string[];
}

export interface RankOptions {
  /** Tracks (trackKey) to leave out: what the user already plays a lot, and the seeds themselves. */
  exclude: ReadonlySet<string>;
  perArtist: number;
  limit: number;
  /** Seeds the daily jitter (the local date, plus the user). */
  daySeed: string;
  /** ± this fraction of jitter on each score (default 0.2), so near-ties reshuffle day by day. */
  jitter?: number;
}

/** Each further seed pointing at the same track adds this much on top of the summed strengths. */
const AGREEMENT_BONUS = 0.15;

/**
 * Scores every track by how many seeds point at it and how strongly, leaves out what the user already
 * plays, applies a small day-seeded jitter, and caps tracks per artist. Pure: same input, same output.
 */
export function rankCandidates(contributions: readonly Contribution[], options: RankOptions): RankedCandidate[] {
  const byTrack = new Map<string, { track: LastfmTrack; bySeed: Map<string, number> }>();
  for (const c of contributions) {
    if (!(c.strength > 0)) continue;
    const key = trackKey(c.track.artist, c.track.title);
    if (options.exclude.has(key)) continue;
    let entry = byTrack.get(key);
    if (!entry) {
      entry = { track: c.track, bySeed: new Map() };
      byTrack.set(key, entry);
    } else {
      entry.track = richer(entry.track, c.track);
    }
    entry.bySeed.set(c.seed.label, (entry.bySeed.get(c.seed.label) ?? 0) + c.strength);
  }

  const jitter = options.jitter ?? 0.2;
  const scored: (RankedCandidate & { key: string })[] = [];
  for (const [key, { track, bySeed }] of byTrack) {
    const seeds = [...bySeed.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const sum = seeds.reduce((total, [, s]) => total + s, 0);
    const agreement = 1 + AGREEMENT_BONUS * (seeds.length - 1);
    const wobble = 1 + jitter * (2 * unitFromSeed(`${options.daySeed}|${key}`) - 1);
    scored.push({ key, track, score: sum * agreement * wobble, seeds: seeds.map(([label]) => label) });
  }
  scored.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));

  const perArtist = new Map<string, number>();
  const out: RankedCandidate[] = [];
  for (const { key: _key, ...candidate } of scored) {
    const artist = artistKey(candidate.track.artist);
    const count = perArtist.get(artist) ?? 0;
    if (count >= options.perArtist) continue;
    perArtist.set(artist, count + 1);
    out.push(candidate);
    if (out.length >= options.limit) break;
  }
  return out;
}

/** "similar to Radiohead, Portishead – Glory Box and 2 more" */
export function noteFor(candidate: RankedCandidate, shown = 3): string {
  const head = candidate.seeds.slice(0, shown).join(', ');
  const more = candidate.seeds.length - shown;
  return `similar to ${head}${more > 0 ? ` and ${more} more` : ''}`;
}

/** Keeps whichever copy of a track knows more (an MBID, a duration). */
function richer(a: LastfmTrack, b: LastfmTrack): LastfmTrack {
  return {
    ...b,
    ...a,
    ...(a.mbid ?? b.mbid ? { mbid: a.mbid ?? b.mbid } : {}),
    ...(a.durationMs ?? b.durationMs ? { durationMs: a.durationMs ?? b.durationMs } : {}),
  };
}
