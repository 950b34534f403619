import { describe, expect, it } from '@jest/globals';
import { loadImage, createCanvas } from '@napi-rs/canvas';
import { COVER_SIZE, lookFor, renderCover, sourcesWithLooks, type CoverSpec } from '../src/index.js';

interface Pixels {
  data: Uint8ClampedArray;
  width: number;
}

async function pixels(bytes: Buffer): Promise<Pixels> {
  const img = await loadImage(bytes);
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  return { data: ctx.getImageData(0, 0, img.width, img.height).data, width: img.width };
}

/** Share of near-white pixels in a band of rows (text is drawn white on a darkened band). */
function whiteShare(p: Pixels, fromRow: number, toRow: number): number {
  let white = 0;
  let total = 0;
  for (let y = fromRow; y < toRow; y += 1) {
    for (let x = 0; x < p.width; x += 1) {
      const i = (y * p.width + x) * 4;
      total += 1;
      if (p.data[i]! > 225 && p.data[i + 1]! > 225 && p.data[i + 2]! > 225) white += 1;
    }
  }
  return white / total;
}

function meanColour(p: Pixels, x0: number, y0: number, side: number): [number, number, number] {
  const sum = [0, 0, 0];
  for (let y = y0; y < y0 + side; y += 1) {
    for (let x = x0; x < x0 + side; x += 1) {
      const i = (y * p.width + x) * 4;
      for (let c = 0; c < 3; c += 1) sum[c]! += p.data[i + c]!;
    }
  }
  return sum.map((v) => Math.round(v / (side * side))) as [number, number, number];
}

const cover = (spec: CoverSpec) => renderCover(spec);

describe('renderCover', () => {
  it('is a square PNG of at least 600 x 600 pixels when asked for PNG', async () => {
    const c = await cover({ title: 'Global Top 50', source: 'lastfm-charts', format: 'png' });
    expect(c.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR: width and height are the first two big-endian words of its data.
    expect([c.bytes.readUInt32BE(16), c.bytes.readUInt32BE(20)]).toEqual([COVER_SIZE, COVER_SIZE]);
    expect(COVER_SIZE).toBeGreaterThanOrEqual(600);
    expect(c.mimeType).toBe('image/png');
  });

  it('is a JPEG of the same size by default', async () => {
    const c = await cover({ title: 'Global Top 50', source: 'lastfm-charts' });
    expect(c.mimeType).toBe('image/jpeg');
    expect([...c.bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    const img = await loadImage(c.bytes);
    expect([img.width, img.height]).toEqual([COVER_SIZE, COVER_SIZE]);
  });

  it('gives the same bytes for the same title and source, other bytes for another title', async () => {
    const a = await cover({ title: 'Last.fm Discovery', source: 'lastfm-recs' });
    const b = await cover({ title: 'Last.fm Discovery', source: 'lastfm-recs' });
    const c = await cover({ title: 'Last.fm Discovery 2', source: 'lastfm-recs' });
    expect(a.bytes.equals(b.bytes)).toBe(true);
    expect(a.bytes.equals(c.bytes)).toBe(false);
  });

  it('draws the title and the source label legibly: white text in the lower band, none without text', async () => {
    const withText = await pixels((await cover({ title: 'Weekly Exploration', source: 'listenbrainz' })).bytes);
    const blank = await pixels((await cover({ title: '', source: 'listenbrainz', label: '' })).bytes);
    const titleBand = [Math.round(COVER_SIZE * 0.55), Math.round(COVER_SIZE * 0.82)] as const;
    const labelBand = [Math.round(COVER_SIZE * 0.86), Math.round(COVER_SIZE * 0.92)] as const;
    expect(whiteShare(withText, ...titleBand)).toBeGreaterThan(0.03);
    expect(whiteShare(withText, ...labelBand)).toBeGreaterThan(0.005);
    expect(whiteShare(blank, ...titleBand)).toBeLessThan(0.001);
  });

  it('gives each built-in source a look of its own', async () => {
    const colours = new Set<string>();
    for (const source of sourcesWithLooks()) {
      const p = await pixels((await cover({ title: 'Same title', source })).bytes);
      colours.add(meanColour(p, 0, Math.round(COVER_SIZE * 0.5), 40).join(','));
    }
    expect(colours.size).toBe(sourcesWithLooks().length);
    expect(sourcesWithLooks()).toEqual(expect.arrayContaining(['lastfm-recs', 'lastfm-charts', 'daily-flow', 'listenbrainz', 'custom']));
  });

  it('colours Daily Flow by its window and names the window under the title', async () => {
    expect(lookFor('daily-flow', '06:00-11:00').background).not.toEqual(lookFor('daily-flow', '22:00-02:00').background);
    expect(lookFor('daily-flow', '06:00-11:00').label).toBe('Daily Flow · 06:00-11:00');
    const morning = await cover({ title: 'Daily Flow', source: 'daily-flow', variant: '06:00-11:00' });
    const night = await cover({ title: 'Daily Flow', source: 'daily-flow', variant: '22:00-02:00' });
    expect(morning.bytes.equals(night.bytes)).toBe(false);
  });

  it('gives a plugin without a look a stable one derived from its name', () => {
    expect(lookFor('forgotten-gems')).toEqual(lookFor('forgotten-gems'));
    expect(lookFor('forgotten-gems').label).toBe('Forgotten Gems');
    expect(lookFor('forgotten-gems').background).not.toEqual(lookFor('late-night-jazz').background);
  });
});
