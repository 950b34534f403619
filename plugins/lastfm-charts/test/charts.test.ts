import { afterEach, describe, expect, it } from '@jest/globals';
import { checkSourceContract, createTestContext } from '@harmoniq/core/testing';
import { lastfmChartsSource, parseChartsOptions, sources, type LastfmChartsOptions } from '@harmoniq/plugin-lastfm-charts';
import { startLastfmEmulator, type LastfmEmulator, type LastfmFixture } from '@harmoniq/testkit';

const KEY = 'charts-test-key-0001';
const tracks = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ artist: `${prefix} Artist ${i}`, title: `${prefix} Song ${i}`, durationS: 200 }));
const DATA: LastfmFixture = {
  chart: [{ artist: 'Taylor Swift', title: 'Cruel Summer', mbid: '0b3b1d2e-0000-4000-8000-000000000001' }, ...tracks('Global', 199)],
  geo: { Germany: tracks('German', 40) },
  tags: { indie: tracks('Indie', 12) },
};

let emu: LastfmEmulator;
afterEach(async () => {
  await emu.close();
});

async function setup(env: Record<string, string> = {}, raw: unknown = {}, size = 10) {
  emu = await startLastfmEmulator({ apiKey: KEY, data: DATA });
  const parsed = parseChartsOptions(raw, { LASTFM_API_KEY: KEY, LASTFM_API_URL: `${emu.url}/2.0/`, ...env });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const options: LastfmChartsOptions = { ...parsed.value, retryBaseMs: 1 };
  const ctx = createTestContext({ common: { size, playlist: 'Global Top 50' } });
  return { options, ctx };
}

describe('lastfm-charts source', () => {
  it('passes the plugin contract and is exported as `sources`', async () => {
    emu = await startLastfmEmulator({ apiKey: KEY, data: DATA });
    const env = { LASTFM_API_KEY: KEY, LASTFM_API_URL: `${emu.url}/2.0/` };
    expect(await checkSourceContract(lastfmChartsSource, { env, context: createTestContext() })).toEqual([]);
    expect(sources).toEqual([lastfmChartsSource]);
    expect(lastfmChartsSource.defaults).toEqual({ playlist: 'Global Top 50', size: 50, enabled: false });
    expect(lastfmChartsSource.env).toEqual({ enabled: 'ENABLE_LASTFM_CHARTS', playlist: 'PLAYLIST_NAME_LASTFM_CHARTS', size: 'PLAYLIST_SIZE_CHARTS' });
  });

  it('fetches the global chart, three candidates per playlist slot, in chart order', async () => {
    const { options, ctx } = await setup();
    const [draft] = await lastfmChartsSource.fetch(options, ctx);
    expect(draft?.tracks).toHaveLength(30);
    expect(draft?.tracks[0]).toEqual({
      artist: 'Taylor Swift', title: 'Cruel Summer', ids: { mbid: '0b3b1d2e-0000-4000-8000-000000000001' }, note: '#1 on the global Last.fm chart',
    });
    expect(draft?.tracks[1]).toMatchObject({ artist: 'Global Artist 0', durationMs: 200_000 });
    expect(draft).toMatchObject({ key: 'default', title: 'Global Top 50', summary: expect.stringContaining('the global Last.fm chart') });
    expect(emu.requests.map((r) => r.query)).toEqual([expect.objectContaining({ method: 'chart.getTopTracks', limit: '30', page: '1' })]);
  });

  it('fetches a country chart when a country is given, and says so', async () => {
    const { options, ctx } = await setup({ LASTFM_CHARTS_COUNTRY: 'Germany' });
    expect(options.chart).toBe('country');
    const [draft] = await lastfmChartsSource.fetch(options, ctx);
    expect(draft?.summary).toContain('the Last.fm chart for Germany');
    expect(draft?.tracks[0]?.note).toBe('#1 on the Last.fm chart for Germany');
    expect(emu.requests[0]?.query).toMatchObject({ method: 'geo.getTopTracks', country: 'Germany' });
  });

  it('fetches a tag chart from the config file, taking what there is when the chart is short', async () => {
    const { options, ctx } = await setup({}, { tag: 'indie' });
    const [draft] = await lastfmChartsSource.fetch(options, ctx);
    expect(draft?.tracks).toHaveLength(12);
    expect(draft?.summary).toContain('"indie" tag chart');
    expect(emu.requests[0]?.query).toMatchObject({ method: 'tag.getTopTracks', tag: 'indie' });
  });

  it('returns a draft with no tracks for an empty chart, and warns', async () => {
    const { options, ctx } = await setup({}, { tag: 'nothing-tagged-here' });
    const drafts = await lastfmChartsSource.fetch(options, ctx);
    expect(drafts).toEqual([expect.objectContaining({ key: 'default', tracks: [] })]);
    expect(ctx.logger.lines.some((l) => l.level === 'warn')).toBe(true);
  });

  it('fails with ELASTFMKEY for a bad key, in verify and in fetch', async () => {
    const { options, ctx } = await setup();
    const bad = { ...options, apiKey: 'not-the-key' };
    await expect(lastfmChartsSource.verify?.(bad, ctx)).rejects.toMatchObject({ code: 'ELASTFMKEY' });
    await expect(lastfmChartsSource.fetch(bad, ctx)).rejects.toMatchObject({ code: 'ELASTFMKEY' });
  });

  it('verifies a country chart by asking for one item of it', async () => {
    const { options, ctx } = await setup({ LASTFM_CHARTS_COUNTRY: 'Atlantis' });
    await expect(lastfmChartsSource.verify?.(options, ctx)).rejects.toMatchObject({ code: 'ELASTFM' });
    expect(emu.requests[0]?.query).toMatchObject({ method: 'geo.getTopTracks', limit: '1' });
  });
});

describe('lastfm-charts options', () => {
  const env = { LASTFM_API_KEY: KEY };

  it('defaults to the global chart and infers country or tag charts', () => {
    expect(parseChartsOptions(undefined, env)).toMatchObject({ ok: true, value: { chart: 'global', apiKey: KEY, ratePerSecond: 5 } });
    expect(parseChartsOptions({ country: 'Japan' }, env)).toMatchObject({ ok: true, value: { chart: 'country', country: 'Japan' } });
    expect(parseChartsOptions({}, { ...env, LASTFM_CHARTS_TAG: 'jazz' })).toMatchObject({ ok: true, value: { chart: 'tag', tag: 'jazz' } });
  });

  it('lets the environment win over the config file', () => {
    expect(parseChartsOptions({ country: 'Japan' }, { ...env, LASTFM_CHARTS_COUNTRY: 'France' })).toMatchObject({ ok: true, value: { country: 'France' } });
  });

  it('warns when a global chart is asked for with a country', () => {
    const result = parseChartsOptions({ chart: 'global', country: 'Japan' }, env);
    expect(result).toMatchObject({ ok: true, value: { chart: 'global' }, warnings: [expect.stringContaining('ignored')] });
  });

  it('reports every problem at once, each with where it is', () => {
    const result = parseChartsOptions({ chart: 'country', ratePerSecond: 50, contry: 'Japan' }, { LASTFM_API_URL: 'ftp://nope' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path).sort()).toEqual(
      ['LASTFM_API_KEY', 'LASTFM_API_URL', 'LASTFM_CHARTS_COUNTRY', 'sources.lastfm-charts.contry', 'sources.lastfm-charts.ratePerSecond'].sort(),
    );
    expect(result.errors.find((e) => e.path === 'LASTFM_API_KEY')?.message).toMatch(/last\.fm\/api\/account\/create/);
  });

  it('asks which chart when both a country and a tag are set', () => {
    const result = parseChartsOptions({ country: 'Japan', tag: 'jazz' }, env);
    expect(result).toMatchObject({ ok: false, errors: [{ path: 'sources.lastfm-charts.chart' }] });
  });

  it('rejects a chart kind it does not know and a section that is not an object', () => {
    expect(parseChartsOptions({ chart: 'weekly' }, env)).toMatchObject({ ok: false, errors: [{ path: 'sources.lastfm-charts.chart' }] });
    expect(parseChartsOptions('global', env)).toMatchObject({ ok: false, errors: [{ path: 'sources.lastfm-charts' }] });
  });
});
