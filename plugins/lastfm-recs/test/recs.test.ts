import { afterEach, describe, expect, it } from '@jest/globals';
import { checkSourceContract } from '@harmoniq/core/testing';
import { lastfmRecsSource, parseRecsOptions, type LastfmRecsOptions } from '@harmoniq/plugin-lastfm-recs';
import { sampleLastfmData, type Emulator } from '@harmoniq/testkit';
import { context, emulator, env, failingProxy, KEY } from './fixtures.js';

const servers: Emulator[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(data?: Parameters<typeof emulator>[0]) {
  const emu = await emulator(data);
  servers.push(emu);
  return emu;
}

function options(url: string, raw: Record<string, unknown> = {}, extraEnv: Record<string, string> = {}): LastfmRecsOptions {
  const parsed = parseRecsOptions(raw, env(url, extraEnv));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return { ...parsed.value, ratePerSecond: 1000, retryBaseMs: 1 };
}

const titles = (tracks: { artist: string; title: string }[]) => tracks.map((t) => `${t.artist} – ${t.title}`);

describe('lastfm-recs', () => {
  it('passes the plugin contract', async () => {
    const emu = await start();
    expect(await checkSourceContract(lastfmRecsSource, { env: env(emu.url), context: context() })).toEqual([]);
    expect(lastfmRecsSource.defaults).toEqual({ playlist: 'Last.fm Discovery', size: 50, enabled: false });
  });

  it('ranks first the track that most seeds point at, and explains why', async () => {
    const emu = await start();
    const [draft] = await lastfmRecsSource.fetch(options(emu.url), context());
    expect(draft?.tracks[0]).toMatchObject({ artist: 'Muse', title: 'Unintended' });
    expect(draft?.tracks[0]?.note).toBe('similar to Radiohead – Karma Police, Radiohead, Portishead – Glory Box');
    expect(titles(draft?.tracks ?? [])).toEqual(expect.arrayContaining(['Massive Attack – Angel', 'Tricky – Overcome', 'Sigur Rós – Hoppípolla']));
    expect(draft?.summary).toMatch(/listener.*the last 3 months/);
  });

  it('leaves out what the user already plays a lot, the seeds, and their loved tracks', async () => {
    const emu = await start();
    const [draft] = await lastfmRecsSource.fetch(options(emu.url), context());
    const got = titles(draft?.tracks ?? []);
    for (const heard of ['Massive Attack – Teardrop', 'Radiohead – Karma Police', 'Radiohead – No Surprises', 'Portishead – Glory Box', 'Björk – Jóga']) {
      expect(got).not.toContain(heard);
    }
  });

  it('caps tracks per artist (default 2, configurable)', async () => {
    const emu = await start();
    const [draft] = await lastfmRecsSource.fetch(options(emu.url), context());
    expect(draft?.tracks.filter((t) => t.artist === 'Muse')).toHaveLength(2);
    const [one] = await lastfmRecsSource.fetch(options(emu.url, { perArtist: 1 }), context());
    expect(one?.tracks.filter((t) => t.artist === 'Muse')).toHaveLength(1);
  });

  it('asks Last.fm for seeds, similar artists, similar tracks and similar artists\' top tracks, each once', async () => {
    const emu = await start();
    await lastfmRecsSource.fetch(options(emu.url), context());
    const methods = emu.requests.map((r) => `${r.query['method']} ${r.query['artist'] ?? r.query['user'] ?? ''}${r.query['track'] ? ` – ${r.query['track']}` : ''}${r.query['period'] ? ` ${r.query['period']}` : ''}`);
    expect(methods).toEqual(expect.arrayContaining([
      'user.getTopArtists listener 3month', 'user.getTopTracks listener 3month', 'user.getTopTracks listener overall', 'user.getLovedTracks listener', 'user.getRecentTracks listener',
      'artist.getSimilar Radiohead', 'artist.getSimilar Portishead',
      'track.getSimilar Radiohead – Karma Police', 'track.getSimilar Björk – Jóga',
      'artist.getTopTracks Muse', 'artist.getTopTracks Tricky',
    ]));
    expect(new Set(methods).size).toBe(methods.length);
    expect(emu.requests.find((r) => r.query['method'] === 'user.getTopArtists')?.query).toMatchObject({ period: '3month', limit: '10' });
  });

  it('is the same all day and changes from one day to the next', async () => {
    const library = Array.from({ length: 400 }, (_, i) => ({ artist: `Artist ${i % 60}`, title: `Track ${i}`, album: `Album ${i % 90}` }));
    const data = sampleLastfmData(library, { seed: 7 });
    const emu = await start(data);
    const o = { ...options(emu.url, {}, { LASTFM_USER: 'harmoniq-user', LASTFM_RECS_PERIOD: 'overall' }) };
    const morning = await lastfmRecsSource.fetch(o, context('2026-03-02T07:00:00Z'));
    const evening = await lastfmRecsSource.fetch(o, context('2026-03-02T21:00:00Z'));
    expect(titles(evening[0]?.tracks ?? [])).toEqual(titles(morning[0]?.tracks ?? []));
    const days = await Promise.all(['2026-03-03', '2026-03-04', '2026-03-05'].map((d) => lastfmRecsSource.fetch(o, context(`${d}T12:00:00Z`))));
    const sameEveryDay = days.every((d) => JSON.stringify(titles(d[0]?.tracks ?? [])) === JSON.stringify(titles(morning[0]?.tracks ?? [])));
    expect(sameEveryDay).toBe(false);
  });

  it('stays within a few hundred requests with 20 seed artists and 20 seed tracks, and over-fetches', async () => {
    const library = Array.from({ length: 600 }, (_, i) => ({ artist: `Artist ${i % 80}`, title: `Track ${i}` }));
    const emu = await start(sampleLastfmData(library, { seed: 3 }));
    const o = options(emu.url, { seedArtists: 20, seedTracks: 20, period: 'overall' }, { LASTFM_USER: 'harmoniq-user' });
    const [draft] = await lastfmRecsSource.fetch(o, context(undefined, 20));
    expect(emu.requests.length).toBeLessThanOrEqual(120);
    expect(draft?.tracks.length).toBeGreaterThan(20);
    expect(draft?.tracks.length).toBeLessThanOrEqual(60);
    expect(draft?.tracks.every((t) => t.note?.startsWith('similar to '))).toBe(true);
  });

  it('degrades without failing when a similar-artist call fails, and warns', async () => {
    const emu = await start();
    const proxy = await failingProxy(emu, (q) => q.get('method') === 'artist.getSimilar' && q.get('artist') === 'Radiohead');
    servers.push(proxy);
    const ctx = context();
    const [draft] = await lastfmRecsSource.fetch(options(proxy.url), ctx);
    expect(draft?.tracks.length).toBeGreaterThan(0);
    expect(titles(draft?.tracks ?? [])).not.toContain('Thom Yorke – Black Swan');
    expect(ctx.logger.lines.filter((l) => l.level === 'warn').map((l) => l.message).join('\n')).toMatch(/similar artists of Radiohead/);
  });

  it('fails when every similarity lookup fails, rather than returning nothing silently', async () => {
    const emu = await start();
    const proxy = await failingProxy(emu, (q) => /^(artist|track)\.getsimilar$/i.test(q.get('method') ?? ''));
    servers.push(proxy);
    await expect(lastfmRecsSource.fetch(options(proxy.url), context())).rejects.toMatchObject({ code: 'ELASTFM' });
  });

  it('fails with ELASTFMUSER for an unknown user, in verify and in fetch', async () => {
    const emu = await start();
    const o = options(emu.url, {}, { LASTFM_USER: 'no-such-user' });
    await expect(lastfmRecsSource.verify?.(o, context())).rejects.toMatchObject({ code: 'ELASTFMUSER' });
    await expect(lastfmRecsSource.fetch(o, context())).rejects.toMatchObject({ code: 'ELASTFMUSER' });
  });

  it('fails with ELASTFMUSER for a private profile', async () => {
    const emu = await start();
    await expect(lastfmRecsSource.fetch(options(emu.url, {}, { LASTFM_USER: 'hidden' }), context())).rejects.toMatchObject({ code: 'ELASTFMUSER' });
  });

  it('fails with ELASTFMKEY for a bad key', async () => {
    const emu = await start();
    const o = { ...options(emu.url), apiKey: 'bad-key-0000' };
    await expect(lastfmRecsSource.fetch(o, context())).rejects.toMatchObject({ code: 'ELASTFMKEY' });
    expect(KEY).not.toBe(o.apiKey);
  });
});

describe('lastfm-recs options', () => {
  const base = { LASTFM_API_KEY: KEY, LASTFM_USER: 'listener' };

  it('has discovery defaults', () => {
    expect(parseRecsOptions(undefined, base)).toEqual({
      ok: true,
      value: { apiKey: KEY, user: 'listener', ratePerSecond: 5, period: '3month', seedArtists: 10, seedTracks: 10, perArtist: 2 },
    });
  });

  it('reads options from the config file and lets the environment win', () => {
    const result = parseRecsOptions({ period: '7day', seedArtists: 5, perArtist: 3 }, { ...base, LASTFM_RECS_PERIOD: '1month' });
    expect(result).toMatchObject({ ok: true, value: { period: '1month', seedArtists: 5, perArtist: 3 } });
  });

  it('reports every problem at once', () => {
    const result = parseRecsOptions({ period: 'fortnight', seedArtists: -1, ratePerSecond: 10, colour: 'blue' }, {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path).sort()).toEqual([
      'LASTFM_API_KEY', 'LASTFM_USER', 'sources.lastfm-recs.colour', 'sources.lastfm-recs.period', 'sources.lastfm-recs.ratePerSecond', 'sources.lastfm-recs.seedArtists',
    ]);
    expect(result.errors.find((e) => e.path === 'sources.lastfm-recs.period')?.message).toMatch(/7day, 1month, 3month/);
  });
});
