import { readFile } from 'node:fs/promises';
import { describeError, HarmoniqError } from '../errors/harmoniq-error.js';
import type { PlaylistStore, PosterImage } from '../library/types.js';
import type { Logger } from '../logging/logger.js';
import { coverId, decidePoster, type PosterSetting, type UploadedPoster } from './poster-decision.js';
import { imageTypeOf } from './poster-file.js';

/** What a cover shows; the CLI draws it with @harmoniq/covers, loaded only when a cover is needed. */
export interface CoverRequest {
  title: string;
  source: string;
  /** Daily Flow's active window: its cover follows it. */
  variant?: string;
}

export type CoverMaker = (request: CoverRequest) => Promise<{ bytes: Uint8Array; mimeType: 'image/png' | 'image/jpeg' }>;

export interface LookInput {
  store: PlaylistStore;
  logger: Logger;
  ratingKey: string;
  /** Created in this run. */
  created: boolean;
  /** The title Plex shows now (from the run's listing); undefined for a playlist just created under `title`. */
  currentTitle?: string;
  /** The title it should have (its template rendered for this run). */
  title: string;
  /** The poster it shows now (from the listing); undefined for the composite or a new playlist. */
  shownPoster?: string;
  cover: CoverRequest;
  poster: PosterSetting;
  /** What Harmoniq uploaded before (state file). */
  uploaded?: UploadedPoster;
  makeCover?: CoverMaker;
}

export interface LookOutcome {
  /** The title before a rename in place. */
  renamedFrom?: string;
  /** What Harmoniq's poster now is, for the state file (unchanged when nothing was uploaded). */
  uploaded?: UploadedPoster;
  /** Posters never fail a sync: each problem is one warning. */
  warnings: string[];
}

/**
 * Gives a managed playlist the look it is configured with, after its items are written: renamed in place when
 * its title changed (a failure there is the playlist's failure, like any other write), then its cover when
 * decidePoster says so. A cover that cannot be made or uploaded is a warning and the sync goes on.
 */
export async function applyLook(input: LookInput): Promise<LookOutcome> {
  const { store, logger, ratingKey } = input;
  const outcome: LookOutcome = { uploaded: input.uploaded, warnings: [] };
  if (input.currentTitle !== undefined && input.currentTitle !== input.title && store.rename) {
    await store.rename(ratingKey, input.title);
    outcome.renamedFrom = input.currentTitle;
    logger.info(`Renamed '${input.currentTitle}' to '${input.title}' (same playlist, same tracks).`);
  }
  if (input.poster.mode === 'none' || !store.uploadPoster) return outcome;

  try {
    // A generated cover is known by what it shows, so it is drawn only when it is uploaded; a file by its bytes.
    const file = input.poster.mode === 'file' ? await readPosterFile(input.poster.path) : undefined;
    const id = file ? coverId({ fileBytes: file.bytes }) : coverId(input.cover);
    const decision = decidePoster({ setting: input.poster, created: input.created, uploaded: input.uploaded, shown: input.shownPoster, coverId: id });
    if (!decision.upload) {
      logger.debug(`Poster of '${input.title}' left as it is: ${decision.reason}.`);
      return outcome;
    }
    if (!file && !input.makeCover) throw new Error('no cover renderer is available (install @harmoniq/covers).');
    const image: PosterImage = file ?? (await input.makeCover!(input.cover));
    const thumb = await store.uploadPoster(ratingKey, image);
    if (thumb) outcome.uploaded = { thumb, coverId: id };
    logger.info(`Set the cover of '${input.title}'.`);
  } catch (error) {
    const reason = error instanceof HarmoniqError ? describeError(error) : (error as Error).message;
    const message = `The cover of '${input.title}' was not set: ${reason} The playlist itself is up to date.`;
    logger.warn(message);
    outcome.warnings.push(message);
  }
  return outcome;
}

async function readPosterFile(path: string): Promise<{ bytes: Uint8Array; mimeType: 'image/png' | 'image/jpeg' }> {
  const bytes = await readFile(path);
  const mimeType = imageTypeOf(bytes);
  if (!mimeType) throw new Error(`PLAYLIST_POSTER_FILE ${path} is not a PNG or JPEG image.`);
  return { bytes, mimeType };
}
