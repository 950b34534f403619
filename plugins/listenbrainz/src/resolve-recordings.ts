import type { Limit, Logger } from '@harmoniq/core';
import type { ListenBrainzClient } from './client.js';
import { isMbid, type RecordingMetadata } from './responses.js';

/**
 * MBIDs per GET of /1/metadata/recording/. Each MBID adds about 39 characters (36 + an encoded comma), so 50
 * keep the URL near 2 KB, well under what proxies accept.
 */
export const METADATA_BATCH_SIZE = 50;

export interface ResolvedRecordings {
  /** Keyed by lower-case recording MBID. */
  found: Map<string, RecordingMetadata>;
  /** MBIDs ListenBrainz knows nothing about (or that are not valid MBIDs). */
  unknown: string[];
}

/** Names, lengths and artist MBIDs for recording MBIDs, in short batches run through the source's limiter. */
export async function resolveRecordings(
  client: ListenBrainzClient,
  mbids: readonly string[],
  limit: Limit,
  logger: Logger,
): Promise<ResolvedRecordings> {
  const wanted = [...new Set(mbids.map((m) => m.toLowerCase()))];
  const valid = wanted.filter(isMbid);
  const batches: string[][] = [];
  for (let i = 0; i < valid.length; i += METADATA_BATCH_SIZE) batches.push(valid.slice(i, i + METADATA_BATCH_SIZE));

  const results = await Promise.all(batches.map((batch) => limit(() => client.recordingMetadata(batch))));
  const found = new Map<string, RecordingMetadata>();
  for (const result of results) for (const [mbid, meta] of result) found.set(mbid, meta);
  const unknown = wanted.filter((m) => !found.has(m));
  if (unknown.length > 0) {
    logger.info(`Skipped ${unknown.length} of ${wanted.length} recordings ListenBrainz has no name for`, { unknownMbids: unknown.slice(0, 20) });
  }
  logger.debug(`Looked up ${wanted.length} recordings in ${batches.length} metadata requests`);
  return { found, unknown };
}
