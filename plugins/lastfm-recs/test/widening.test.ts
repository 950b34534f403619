import { afterEach, describe, expect, it } from '@jest/globals';
import type { Env, ParseResult } from '@harmoniq/core';
import { lastfmDeepCutsSource, lastfmLovedSource, lastfmRecsSource, lastfmTopSource, parseDeepCutsOptions, parseLovedOptions, parseRecsOptions, parseTopOptions } from '@harmoniq/plugin-lastfm-recs';
import type { LastfmEmulator, LastfmFixture, LastfmTrackFixture } from '@harmoniq/testkit';
import { context, DATA, emulator, env } from './fixtures.js';

// Issue 16: a quiet few months on a rich account must not give an empty playlist. Thin inputs widen:
// 3 months → 6 → 12 → overall (or from the configured period), logged and said in the playlist summary.

let emu: LastfmEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

function parsed<O>(parse: (raw: unknown, env: Env) => ParseResult<O>, raw: unknown, url: string, extraEnv: Record<string, string> = {}): O {
  const result = parse(raw, env(url, extraEnv));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return { ...result.value, ratePerSecond: 1000, retryBaseMs: 1 };
}

const t = (artist: string, title: string, playcount?: number): LastfmTrackFixture => ({ artist, title, ...(playcount ? { playcount } : {}) });
const richHistory = {
  topArtists: [{ name: 'Radiohead', playcount: 900 }, { name: 'Portishead', playcount: 500 }, { name: 'Massive Attack', playcount: 300 }, { name: 'Björk', playcount: 200 }, { name: 'Tricky', playcount: 100 }, { name: 'Muse', playcount: 90 }],
  topTracks: [t('Radiohead', 'Karma Police', 400), t('Portishead', 'Glory Box', 300), t('Björk', 'Jóga', 200), t('Radiohead', 'No Surprises', 150), t('Massive Attack', 'Teardrop', 120), t('Tricky', 'Overcome', 100)],
};

/** Nothing in 3, 6 or 12 months; years of listening before. */
const QUIET: LastfmFixture = {
  ...DATA,
  users: {
    quiet: {
      topArtists: { '3month': [], '6month': [], '12month': [], overall: richHistory.topArtists },
      topTracks: { '3month': [], '6month': [], '12month': [], overall: richHistory.topTracks },
    },
    // Quiet for 6 months only: the last 12 months are enough.
    lapsed: {
      topArtists: { '3month': [], '6month': [], '12month': richHistory.topArtists, overall: richHistory.topArtists },
      topTracks: { '3month': [], '6month': [], '12month': richHistory.topTracks, overall: richHistory.topTracks },
    },
  },
};

const periodsAsked = (e: LastfmEmulator, method: string) => e.requests.filter((r) => r.query['method'] === method).map((r) => r.query['period']);

describe('lastfm-recs: seeds widen when a period gives too few', () => {
  it('widens 3 months → 6 → 12 → overall for a quiet user, logs each step and says so in the summary', async () => {
    emu = await emulator(QUIET);
    const ctx = context();
    const [draft] = await lastfmRecsSource.fetch(parsed(parseRecsOptions, {}, emu.url, { LASTFM_USER: 'quiet' }), ctx);
    expect(periodsAsked(emu, 'user.getTopArtists')).toEqual(['3month', '6month', '12month', 'overall']);
    expect(draft?.tracks.length).toBeGreaterThan(0);
    expect(draft?.tracks.map((c) => c.artist)).toContain('Muse');
    expect(draft?.summary).toMatch(/played in all time \(widened: the last 3 months, the last 6 months and the last 12 months had too few\)/);
    const info = ctx.logger.lines.filter((l) => l.level === 'info').map((l) => l.message);
    expect(info).toEqual(expect.arrayContaining([expect.stringMatching(/too few .* in the last 3 months .*widening to the last 6 months/)]));
    expect(info).toEqual(expect.arrayContaining([expect.stringMatching(/widening to all time/)]));
  });

  it('stops at the first period that gives enough', async () => {
    emu = await emulator(QUIET);
    const [draft] = await lastfmRecsSource.fetch(parsed(parseRecsOptions, {}, emu.url, { LASTFM_USER: 'lapsed' }), context());
    expect(periodsAsked(emu, 'user.getTopArtists')).toEqual(['3month', '6month', '12month']);
    expect(draft?.summary).toMatch(/played in the last 12 months \(widened: /);
  });

  it('starts from the configured period', async () => {
    emu = await emulator(QUIET);
    await lastfmRecsSource.fetch(parsed(parseRecsOptions, { period: '6month' }, emu.url, { LASTFM_USER: 'quiet' }), context());
    expect(periodsAsked(emu, 'user.getTopArtists')).toEqual(['6month', '12month', 'overall']);
  });

  it('does not widen when the period is rich enough', async () => {
    emu = await emulator({ ...QUIET, users: { busy: { topArtists: { '3month': richHistory.topArtists }, topTracks: { '3month': richHistory.topTracks } } } });
    const [draft] = await lastfmRecsSource.fetch(parsed(parseRecsOptions, { seedArtists: 5, seedTracks: 5 }, emu.url, { LASTFM_USER: 'busy' }), context());
    expect(periodsAsked(emu, 'user.getTopArtists')).toEqual(['3month']);
    expect(draft?.summary).not.toMatch(/widened/);
  });
});

describe('lastfm-deep-cuts: top artists widen when too few fill the playlist', () => {
  it('widens from 6 months to all time for a quiet user', async () => {
    emu = await emulator(QUIET);
    const ctx = context();
    const [draft] = await lastfmDeepCutsSource.fetch(parsed(parseDeepCutsOptions, { maxPlays: 0 }, emu.url, { LASTFM_USER: 'quiet' }), ctx);
    expect(periodsAsked(emu, 'user.getTopArtists')).toEqual(['6month', '12month', 'overall']);
    expect(new Set(draft?.tracks.map((c) => c.artist))).toEqual(new Set(['Radiohead', 'Portishead', 'Massive Attack', 'Tricky', 'Muse']));
    expect(draft?.summary).toMatch(/top artists of all time \(widened: the last 6 months and the last 12 months had too few\)/);
  });
});

describe('lastfm-top: a period with too few tracks to fill the playlist widens', () => {
  it('takes the last 12 months when the last 3 and 6 are empty', async () => {
    emu = await emulator(QUIET);
    const ctx = context(undefined, 5);
    const [draft] = await lastfmTopSource.fetch(parsed(parseTopOptions, {}, emu.url, { LASTFM_USER: 'lapsed' }), ctx);
    expect(periodsAsked(emu, 'user.getTopTracks')).toEqual(['3month', '6month', '12month']);
    expect(draft?.tracks[0]).toMatchObject({ artist: 'Radiohead', title: 'Karma Police', note: '#1 in your top tracks for the last 12 months, 400 plays' });
    expect(draft?.summary).toMatch(/over the last 12 months \(widened: the last 3 months and the last 6 months had too few\)/);
  });
});

describe('lastfm-loved: a pool of newest loves the library mostly lacks widens', () => {
  const loved = [
    ...Array.from({ length: 15 }, (_, i) => t(`Stranger ${i}`, `New Love ${i}`)),
    ...Array.from({ length: 20 }, (_, i) => t(`Band ${i}`, `Old Love ${i}`)),
  ];
  const library = Array.from({ length: 20 }, (_, i) => ({ ratingKey: `${i}`, artist: `Band ${i}`, title: `Old Love ${i}` }));

  it('reads older loves when few of the newest are by library artists', async () => {
    emu = await emulator({ ...DATA, users: { fan: { loved } } });
    const ctx = context(undefined, 5, library);
    const [draft] = await lastfmLovedSource.fetch(parsed(parseLovedOptions, {}, emu.url, { LASTFM_USER: 'fan' }), ctx);
    expect(draft?.tracks).toHaveLength(35);
    expect(draft?.tracks[0]).toMatchObject({ artist: 'Stranger 0' });
    expect(draft?.tracks.map((c) => c.title)).toContain('Old Love 19');
    expect(draft?.summary).toMatch(/widened to the 35 newest/);
    expect(ctx.logger.lines.some((l) => l.level === 'info' && l.message.includes('reading up to 1000'))).toBe(true);
  });

  it('keeps the short list when the library has the newest', async () => {
    const mine = Array.from({ length: 15 }, (_, i) => ({ ratingKey: `s${i}`, artist: `Stranger ${i}`, title: `New Love ${i}` }));
    emu = await emulator({ ...DATA, users: { fan: { loved } } });
    const [draft] = await lastfmLovedSource.fetch(parsed(parseLovedOptions, {}, emu.url, { LASTFM_USER: 'fan' }), context(undefined, 5, mine));
    expect(draft?.tracks).toHaveLength(15);
    expect(draft?.summary).not.toMatch(/widened/);
  });
});
