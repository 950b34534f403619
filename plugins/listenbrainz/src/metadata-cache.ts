import type { AnswerCache } from '@harmoniq/core';
import type { RecordingMetadata } from './responses.js';

const DAY = 86_400_000;
/**
 * A recording's name, artist and length come from MusicBrainz, where they are edited rarely: 30 days. An MBID
 * ListenBrainz knows nothing about may be added to its metadata cache any day, so "unknown" is kept for 1 day.
 * (docs/performance.md, "Service answer cache".)
 */
export const RECORDING_METADATA_LIFETIME_MS = 30 * DAY;
export const UNKNOWN_RECORDING_LIFETIME_MS = DAY;

/** A stored answer: the metadata, or null for "ListenBrainz has none". */
type Stored = RecordingMetadata | null;

function isStored(value: unknown): value is Stored {
  if (value === null) return true;
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v['title'] === 'string' &&
    typeof v['artist'] === 'string' &&
    (v['lengthMs'] === undefined || typeof v['lengthMs'] === 'number') &&
    Array.isArray(v['artistMbids']) &&
    v['artistMbids'].every((m) => typeof m === 'string')
  );
}

/**
 * Metadata for lower-case MBIDs, one cache entry per recording (batches change from run to run; recordings do
 * not): only the MBIDs without a fresh entry are asked for, in one `fetch`. Keyed by endpoint and MBID, never by
 * the user's token.
 */
export async function cachedRecordingMetadata(
  answers: AnswerCache,
  endpoint: string,
  mbids: readonly string[],
  fetch: (missing: string[]) => Promise<Map<string, RecordingMetadata>>,
): Promise<Map<string, RecordingMetadata>> {
  const key = (mbid: string) => `listenbrainz ${endpoint} recording ${mbid}`;
  const out = new Map<string, RecordingMetadata>();
  const missing: string[] = [];
  for (const mbid of mbids) {
    const stored = await answers.get(key(mbid), isStored);
    if (stored === undefined) missing.push(mbid);
    else if (stored !== null) out.set(mbid, stored);
  }
  if (missing.length === 0) return out;
  const fetched = await fetch(missing);
  for (const mbid of missing) {
    const meta = fetched.get(mbid);
    if (meta) out.set(mbid, meta);
    await answers.set(key(mbid), meta ?? null, meta ? RECORDING_METADATA_LIFETIME_MS : UNKNOWN_RECORDING_LIFETIME_MS);
  }
  return out;
}
