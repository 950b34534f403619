import { afterEach, describe, expect, it } from '@jest/globals';
import { checkSourceContract } from '@harmoniq/core/testing';
import type { Env, ParseResult, PlaylistSource } from '@harmoniq/core';
import {
  lastfmDeepCutsSource, lastfmLovedSource, lastfmRecsSource, lastfmTopSource,
  parseDeepCutsOptions, parseLovedOptions, parseTopOptions, sources,
} from '@harmoniq/plugin-lastfm-recs';
import type { LastfmEmulator, LastfmFixture } from '@harmoniq/testkit';
import { context, DATA, emulator, env, failingProxy, KEY } from './fixtures.js';

let emu: LastfmEmulator;
const extra: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all([emu.close(), ...extra.splice(0).map((s) => s.close())]);
});

function parsed<O>(parse: (raw: unknown, env: Env) => ParseResult<O>, raw: unknown, url: string, extraEnv: Record<string, string> = {}): O {
  const result = parse(raw, env(url, extraEnv));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return { ...result.value, ratePerSecond: 1000, retryBaseMs: 1 };
}

const titles = (tracks: { artist: string; title: string }[]) => tracks.map((t) => `${t.artist} – ${t.title}`);

const LOVED: LastfmFixture = {
  ...DATA,
  users: { fan: { loved: Array.from({ length: 40 }, (_, i) => ({ artist: `Band ${i}`, title: `Love ${i}` })) } },
};

describe('the plugin\'s exports', () => {
  it('exports every source by name and as `sources`, each passing the contract, off by default', async () => {
    emu = await emulator();
    expect(sources).toEqual([lastfmRecsSource, lastfmTopSource, lastfmLovedSource, lastfmDeepCutsSource]);
    for (const source of sources as PlaylistSource<unknown>[]) {
      expect(await checkSourceContract(source, { env: env(emu.url) })).toEqual([]);
      expect(source.defaults.enabled).toBe(false);
    }
    expect(sources.map((s) => [s.name, s.defaults.playlist, s.env?.enabled])).toEqual([
      ['lastfm-recs', 'Last.fm Discovery', 'ENABLE_LASTFM_RECS'],
      ['lastfm-top', 'Last.fm Top Tracks', 'ENABLE_LASTFM_TOP'],
      ['lastfm-loved', 'Last.fm Loved', 'ENABLE_LASTFM_LOVED'],
      ['lastfm-deep-cuts', 'Last.fm Deep Cuts', 'ENABLE_LASTFM_DEEP_CUTS'],
    ]);
  });
});

describe('lastfm-top', () => {
  it('lists the user\'s top tracks of the period with their rank and play count', async () => {
    emu = await emulator();
    const [draft] = await lastfmTopSource.fetch(parsed(parseTopOptions, {}, emu.url), context());
    expect(draft?.tracks).toEqual([
      { artist: 'Radiohead', title: 'Karma Police', note: '#1 in your top tracks for the last 3 months, 40 plays' },
      { artist: 'Portishead', title: 'Glory Box', note: '#2 in your top tracks for the last 3 months, 30 plays' },
    ]);
    expect(emu.requests[0]?.query).toMatchObject({ method: 'user.getTopTracks', user: 'listener', period: '3month', limit: '20' });
  });

  it('reads the period from LASTFM_TOP_PERIOD', async () => {
    emu = await emulator();
    const [draft] = await lastfmTopSource.fetch(parsed(parseTopOptions, { period: '7day' }, emu.url, { LASTFM_TOP_PERIOD: 'overall' }), context());
    expect(titles(draft?.tracks ?? [])).toEqual(['Radiohead – Karma Police', 'Radiohead – No Surprises']);
  });

  it('fails with ELASTFMUSER for an unknown user', async () => {
    emu = await emulator();
    await expect(lastfmTopSource.fetch(parsed(parseTopOptions, {}, emu.url, { LASTFM_USER: 'ghost' }), context())).rejects.toMatchObject({ code: 'ELASTFMUSER' });
  });
});

describe('lastfm-loved', () => {
  it('lists loved tracks newest first, three candidates per slot', async () => {
    emu = await emulator(LOVED);
    const library = Array.from({ length: 40 }, (_, i) => ({ ratingKey: `${i}`, artist: `Band ${i}`, title: `Love ${i}` }));
    const [draft] = await lastfmLovedSource.fetch(parsed(parseLovedOptions, {}, emu.url, { LASTFM_USER: 'fan' }), context(undefined, 5, library));
    expect(titles(draft?.tracks ?? [])).toEqual(Array.from({ length: 15 }, (_, i) => `Band ${i} – Love ${i}`));
    expect(draft?.tracks[0]?.note).toMatch(/^loved on \d{4}-\d{2}-\d{2}$/);
  });

  it('shuffles all loved tracks the same way all day and differently the next day', async () => {
    emu = await emulator(LOVED);
    const o = parsed(parseLovedOptions, { order: 'shuffle' }, emu.url, { LASTFM_USER: 'fan' });
    const a = await lastfmLovedSource.fetch(o, context('2026-05-01T08:00:00Z', 5));
    const b = await lastfmLovedSource.fetch(o, context('2026-05-01T20:00:00Z', 5));
    const c = await lastfmLovedSource.fetch(o, context('2026-05-02T08:00:00Z', 5));
    expect(titles(b[0]?.tracks ?? [])).toEqual(titles(a[0]?.tracks ?? []));
    expect(titles(c[0]?.tracks ?? [])).not.toEqual(titles(a[0]?.tracks ?? []));
    expect(a[0]?.tracks).toHaveLength(15);
    expect(titles(a[0]?.tracks ?? [])).not.toEqual(Array.from({ length: 15 }, (_, i) => `Band ${i} – Love ${i}`));
  });

  it('fails with ELASTFMUSER for a private profile', async () => {
    emu = await emulator();
    await expect(lastfmLovedSource.fetch(parsed(parseLovedOptions, {}, emu.url, { LASTFM_USER: 'hidden' }), context())).rejects.toMatchObject({ code: 'ELASTFMUSER' });
  });
});

describe('lastfm-deep-cuts', () => {
  it('picks popular tracks by the user\'s top artists that they have barely played, interleaving artists', async () => {
    emu = await emulator();
    const o = parsed(parseDeepCutsOptions, { perArtist: 2, maxPlays: 0 }, emu.url, { LASTFM_DEEP_CUTS_PERIOD: '3month' });
    const [draft] = await lastfmDeepCutsSource.fetch(o, context());
    const got = titles(draft?.tracks ?? []);
    expect(got).not.toContain('Radiohead – Karma Police');
    expect(got).not.toContain('Radiohead – No Surprises');
    expect(got.map((t) => t.split(' – ')[0])).toEqual(['Radiohead', 'Portishead', 'Radiohead', 'Portishead']);
    expect(got).not.toContain('Portishead – Glory Box');
    expect(draft?.tracks[0]?.note).toMatch(/on Radiohead's Last\.fm top tracks, not in your most played/);
  });

  it('keeps a track the user played no more than maxPlays times', async () => {
    emu = await emulator();
    const o = parsed(parseDeepCutsOptions, { perArtist: 5, maxPlays: 500 }, emu.url, { LASTFM_DEEP_CUTS_PERIOD: '3month' });
    const [draft] = await lastfmDeepCutsSource.fetch(o, context());
    expect(titles(draft?.tracks ?? [])).toContain('Radiohead – Karma Police');
  });

  it('still answers when one artist\'s top tracks cannot be fetched', async () => {
    emu = await emulator();
    const proxy = await failingProxy(emu, (q) => q.get('method') === 'artist.getTopTracks' && q.get('artist') === 'Radiohead');
    extra.push(proxy);
    const ctx = context();
    const o = parsed(parseDeepCutsOptions, {}, proxy.url, { LASTFM_DEEP_CUTS_PERIOD: '3month' });
    const [draft] = await lastfmDeepCutsSource.fetch(o, ctx);
    expect(new Set(draft?.tracks.map((t) => t.artist))).toEqual(new Set(['Portishead']));
    expect(ctx.logger.lines.some((l) => l.level === 'warn' && l.message.includes('Radiohead'))).toBe(true);
  });

  it('reports bad options with their env names', () => {
    const result = parseDeepCutsOptions({}, { LASTFM_API_KEY: KEY, LASTFM_USER: 'x', LASTFM_DEEP_CUTS_ARTISTS: 'lots', LASTFM_DEEP_CUTS_MAX_PLAYS: '-3' });
    expect(result).toMatchObject({ ok: false, errors: [{ path: 'LASTFM_DEEP_CUTS_ARTISTS' }, { path: 'LASTFM_DEEP_CUTS_MAX_PLAYS' }] });
  });
});
