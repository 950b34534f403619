import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { drawMotif } from './draw-motif.js';
import { ensureFonts, LABEL_FONT, TITLE_FONT } from './fonts.js';
import { lookFor } from './looks.js';
import { randomFrom, seedOf } from './seed.js';
import { wrapTitle } from './wrap-title.js';

/** Side of the square cover in pixels: above Plex's 600 px minimum, sharp on TV clients, small as PNG. */
export const COVER_SIZE = 800;

export interface CoverSpec {
  /** The playlist title as it appears in Plex. */
  title: string;
  /** The source's name (`lastfm-charts`); picks the look. */
  source: string;
  /** Refines the look: Daily Flow passes its active window (`06:00-11:00`), which sets the colours. */
  variant?: string;
  /** Replaces the look's label under the title (e.g. a plugin's own wording). */
  label?: string;
  /**
   * JPEG (default) or PNG. Measured at 800 px: JPEG q90 takes ~100 ms and ~47 KB, PNG ~760 ms and ~260 KB (the
   * gradients defeat PNG's compression), and Plex serves posters as JPEG anyway.
   */
  format?: 'png' | 'jpeg';
}

export interface CoverImage {
  bytes: Buffer;
  mimeType: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
}

const MARGIN = 0.08;

/**
 * Draws a playlist cover: the source's gradient and motif, the title large and bold in the lower half over a
 * darkened band (legible whatever the colours), the source's label beneath it, and a small wordmark.
 * Everything is derived from the spec, so the same spec always gives the same bytes.
 */
export async function renderCover(spec: CoverSpec): Promise<CoverImage> {
  ensureFonts();
  const size = COVER_SIZE;
  const look = lookFor(spec.source, spec.variant);
  const canvas = createCanvas(size, size);
  const ctx = canvas.getContext('2d');

  const bg = ctx.createLinearGradient(0, 0, size, size);
  bg.addColorStop(0, look.background[0]);
  bg.addColorStop(1, look.background[1]);
  ctx.fillStyle = bg;
  ctx.fillRect(0, 0, size, size);

  drawMotif(ctx, look.motif, look.accent, size, randomFrom(seedOf(`${spec.source}\u0000${spec.title}`)));

  const shade = ctx.createLinearGradient(0, size * 0.4, 0, size);
  shade.addColorStop(0, 'rgba(0,0,0,0)');
  shade.addColorStop(0.35, 'rgba(0,0,0,0.55)');
  shade.addColorStop(1, 'rgba(0,0,0,0.75)');
  ctx.fillStyle = shade;
  ctx.fillRect(0, size * 0.4, size, size * 0.6);

  drawTitle(ctx, spec.title, size);
  drawLabel(ctx, spec.label ?? look.label, look.accent, size);

  if (spec.format === 'png') return { bytes: await canvas.encode('png'), mimeType: 'image/png', width: size, height: size };
  return { bytes: await canvas.encode('jpeg', 90), mimeType: 'image/jpeg', width: size, height: size };
}

function drawTitle(ctx: SKRSContext2D, title: string, size: number): void {
  const maxWidth = size * (1 - 2 * MARGIN);
  const measure = (text: string, fontSize: number): number => {
    ctx.font = `${fontSize}px "${TITLE_FONT}"`;
    return ctx.measureText(text).width;
  };
  const sizes = [0.12, 0.105, 0.09, 0.078, 0.066, 0.056].map((f) => Math.round(size * f));
  const { lines, fontSize } = wrapTitle(title, measure, { maxWidth, maxLines: 3, sizes });
  const lineHeight = fontSize * 1.12;
  const bottom = size * 0.8;
  ctx.font = `${fontSize}px "${TITLE_FONT}"`;
  ctx.fillStyle = '#ffffff';
  ctx.textBaseline = 'alphabetic';
  ctx.shadowColor = 'rgba(0,0,0,0.45)';
  ctx.shadowBlur = size * 0.01;
  lines.forEach((line, i) => {
    ctx.fillText(line, size * MARGIN, bottom - (lines.length - 1 - i) * lineHeight);
  });
  ctx.shadowBlur = 0;
  ctx.shadowColor = 'rgba(0,0,0,0)';
}

function drawLabel(ctx: SKRSContext2D, label: string, accent: string, size: number): void {
  const x = size * MARGIN;
  const y = size * 0.9;
  ctx.fillStyle = accent;
  ctx.fillRect(x, y - size * 0.045, size * 0.06, size * 0.008);
  ctx.font = `${Math.round(size * 0.04)}px "${LABEL_FONT}"`;
  ctx.fillStyle = 'rgba(255,255,255,0.92)';
  ctx.fillText(label, x, y);
  ctx.font = `${Math.round(size * 0.026)}px "${LABEL_FONT}"`;
  ctx.fillStyle = 'rgba(255,255,255,0.6)';
  ctx.textAlign = 'right';
  ctx.fillText('HARMONIQ', size * (1 - MARGIN), y);
  ctx.textAlign = 'left';
}
