import { seedOf } from './seed.js';

/** The decoration behind the title: each source has its own, so covers tell sources apart at a glance. */
export type Motif = 'rings' | 'bars' | 'sun' | 'waves' | 'grid' | 'dots';

export interface CoverLook {
  /** The line under the title that names the source. */
  label: string;
  /** Top-left and bottom-right colours of the background gradient. */
  background: readonly [string, string];
  /** Colour of the motif and the label's rule. */
  accent: string;
  motif: Motif;
}

const LOOKS: Readonly<Record<string, CoverLook>> = {
  'lastfm-recs': { label: 'Last.fm · Recommended', background: ['#b3120c', '#3a0606'], accent: '#ff6a5c', motif: 'rings' },
  'lastfm-charts': { label: 'Last.fm · Charts', background: ['#1c1c1c', '#6b0b08'], accent: '#e8332a', motif: 'bars' },
  'daily-flow': { label: 'Daily Flow', background: ['#f08a24', '#6d1f5c'], accent: '#ffd27a', motif: 'sun' },
  listenbrainz: { label: 'ListenBrainz', background: ['#353070', '#13112b'], accent: '#eb743b', motif: 'waves' },
  custom: { label: 'Custom', background: ['#0f5e5a', '#0b1f2a'], accent: '#5ee0c8', motif: 'grid' },
};

/** Daily Flow's colours follow the hour its window starts: dawn, day, dusk, night. */
const DAY_PARTS: readonly { from: number; background: readonly [string, string]; accent: string }[] = [
  { from: 0, background: ['#1b2447', '#05070f'], accent: '#9fb4ff' },
  { from: 5, background: ['#f4a259', '#8c3b6b'], accent: '#ffe3a3' },
  { from: 11, background: ['#2f9fd8', '#0d4a7a'], accent: '#fff1a8' },
  { from: 17, background: ['#e0603a', '#3b1350'], accent: '#ffc27a' },
  { from: 21, background: ['#1b2447', '#05070f'], accent: '#9fb4ff' },
];

/**
 * The look for a source. `variant` refines it (Daily Flow: its window, `06:00-11:00`); a source without a look
 * of its own (a plugin) gets one derived from its name, so it is stable but still its own.
 */
export function lookFor(source: string, variant?: string): CoverLook {
  const own = LOOKS[source];
  if (own && source === 'daily-flow' && variant) {
    const hour = startHour(variant);
    if (hour !== undefined) {
      const part = [...DAY_PARTS].reverse().find((p) => hour >= p.from) ?? DAY_PARTS[0]!;
      return { ...own, label: `${own.label} · ${variant.trim()}`, background: part.background, accent: part.accent };
    }
  }
  if (own) return own;
  const hue = seedOf(source) % 360;
  return {
    label: titleCase(source),
    background: [`hsl(${hue}, 55%, 38%)`, `hsl(${(hue + 40) % 360}, 60%, 12%)`],
    accent: `hsl(${(hue + 180) % 360}, 80%, 70%)`,
    motif: 'dots',
  };
}

/** The sources that have a look of their own, for docs and tests. */
export function sourcesWithLooks(): string[] {
  return Object.keys(LOOKS);
}

function startHour(variant: string): number | undefined {
  const m = /^(\d{1,2}):\d{2}/.exec(variant.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  return h >= 0 && h < 24 ? h : undefined;
}

function titleCase(name: string): string {
  return name
    .split(/[-_\s]+/)
    .filter((w) => w !== '')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
}
