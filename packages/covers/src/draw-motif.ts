import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Motif } from './looks.js';

/**
 * Draws a source's motif in the upper part of the cover, placed by `random` (seeded by the title), so two
 * playlists of one source look related but not identical. Kept faint: the title is what must be read.
 */
export function drawMotif(ctx: SKRSContext2D, motif: Motif, accent: string, size: number, random: () => number): void {
  ctx.save();
  ctx.strokeStyle = accent;
  ctx.fillStyle = accent;
  switch (motif) {
    case 'rings': {
      const cx = size * (0.55 + random() * 0.3);
      const cy = size * (0.15 + random() * 0.2);
      for (let i = 1; i <= 7; i += 1) {
        ctx.globalAlpha = 0.5 - i * 0.05;
        ctx.lineWidth = size * 0.012;
        ctx.beginPath();
        ctx.arc(cx, cy, size * 0.06 * i, 0, Math.PI * 2);
        ctx.stroke();
      }
      break;
    }
    case 'bars': {
      const n = 9;
      const w = (size * 0.84) / n;
      for (let i = 0; i < n; i += 1) {
        const h = size * (0.12 + random() * 0.3);
        ctx.globalAlpha = 0.35 + 0.04 * i;
        ctx.fillRect(size * 0.08 + i * w, size * 0.5 - h, w * 0.7, h);
      }
      break;
    }
    case 'sun': {
      const cx = size * (0.3 + random() * 0.4);
      const cy = size * 0.3;
      ctx.globalAlpha = 0.85;
      ctx.beginPath();
      ctx.arc(cx, cy, size * 0.14, 0, Math.PI * 2);
      ctx.fill();
      ctx.globalAlpha = 0.25;
      for (let i = 0; i < 3; i += 1) {
        ctx.beginPath();
        ctx.arc(cx, cy, size * (0.2 + i * 0.07), 0, Math.PI * 2);
        ctx.lineWidth = size * 0.01;
        ctx.stroke();
      }
      break;
    }
    case 'waves': {
      const phase = random() * Math.PI * 2;
      ctx.lineWidth = size * 0.01;
      for (let i = 0; i < 6; i += 1) {
        ctx.globalAlpha = 0.6 - i * 0.08;
        ctx.beginPath();
        for (let x = 0; x <= size; x += size / 60) {
          const y = size * (0.18 + i * 0.05) + Math.sin(x / (size * 0.09) + phase + i * 0.6) * size * 0.04;
          if (x === 0) ctx.moveTo(x, y);
          else ctx.lineTo(x, y);
        }
        ctx.stroke();
      }
      break;
    }
    case 'grid': {
      const cell = size / 10;
      for (let row = 0; row < 5; row += 1) {
        for (let col = 0; col < 10; col += 1) {
          if (random() < 0.45) continue;
          ctx.globalAlpha = 0.15 + random() * 0.35;
          ctx.fillRect(col * cell + cell * 0.15, row * cell + cell * 0.15, cell * 0.7, cell * 0.7);
        }
      }
      break;
    }
    case 'dots': {
      for (let i = 0; i < 40; i += 1) {
        ctx.globalAlpha = 0.15 + random() * 0.4;
        ctx.beginPath();
        ctx.arc(random() * size, random() * size * 0.55, size * (0.01 + random() * 0.04), 0, Math.PI * 2);
        ctx.fill();
      }
      break;
    }
  }
  ctx.restore();
}
