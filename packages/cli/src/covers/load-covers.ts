import type { CoverMaker } from '@harmoniq/core/pipeline';

type Covers = typeof import('@harmoniq/covers');

let loading: Promise<Covers> | undefined;

/**
 * @harmoniq/covers, imported once on first need: the native canvas loads only when a cover is drawn, so `--help`,
 * `config` and warm runs never pay for it. When it cannot load (its prebuilt binary is an optional dependency that
 * `npm install --omit=optional` or an unusual platform leaves out), the error says so and how to go on, instead of
 * the canvas package's own message.
 */
export function loadCovers(): Promise<Covers> {
  loading ??= import('@harmoniq/covers').catch((error: unknown) => {
    throw new Error(rendererMissing(error));
  });
  return loading;
}

/** Draws a playlist cover for the sync's look step. */
export const drawCover: CoverMaker = async (request) => {
  const { renderCover } = await loadCovers();
  const cover = await renderCover({ title: request.title, source: request.source, ...(request.variant !== undefined ? { variant: request.variant } : {}) });
  return { bytes: cover.bytes, mimeType: cover.mimeType };
};

/** For `harmoniq doctor`: draws one cover, as a sync would, and says what came out. */
export async function checkCoverRenderer(): Promise<string> {
  const { renderCover } = await loadCovers();
  const cover = await renderCover({ title: 'Harmoniq', source: 'doctor' });
  return `draws ${cover.width}×${cover.height} ${cover.mimeType === 'image/png' ? 'PNG' : 'JPEG'} covers`;
}

function rendererMissing(error: unknown): string {
  const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
  return (
    `the cover renderer could not load on ${process.platform}-${process.arch} (${reason}). ` +
    'It needs the prebuilt @napi-rs/canvas binary, an optional dependency: reinstall Harmoniq without --omit=optional, ' +
    'or set PLAYLIST_POSTER=none (or PLAYLIST_POSTER_FILE) to go without generated covers.'
  );
}
