import { defineSource, option, readDeclaredOptions, type PlaylistSource, type CandidateTrack, type Env, type OptionValues, type ParseResult, type RefineContext, type SourceContext } from '@harmoniq/core';
import {
  LASTFM_ERRORS,
  clientFor,
  lastfmCredentialOptions,
  toCandidate,
  trackKey,
  type LastfmClient,
  type LastfmCredentials,
  type LastfmTrack,
} from '@harmoniq/lastfm';

export type ChartKind = 'global' | 'country' | 'tag';

export interface LastfmChartsOptions extends LastfmCredentials {
  chart: ChartKind;
  /** Country name as Last.fm knows it (ISO 3166-1 name, e.g. "Germany"), for chart 'country'. */
  country?: string;
  /** Tag (genre, mood…), for chart 'tag'. */
  tag?: string;
}

const NAME = 'lastfm-charts';
/** Ranked candidates per playlist slot: the core fills the playlist from those the library has. */
const OVERFETCH = 3;
const MAX_ITEMS = 1000;

const chartOptions = {
  ...lastfmCredentialOptions,
  chart: option.choice(['global', 'country', 'tag'] as const, { description: 'Which chart; default global, or the one a country or tag implies.', env: 'LASTFM_CHARTS_TYPE' }),
  country: option.text({ description: 'Country for the country chart, as Last.fm names it (e.g. Germany).', env: 'LASTFM_CHARTS_COUNTRY' }),
  tag: option.text({ description: 'Tag (genre, mood) for the tag chart, e.g. indie.', env: 'LASTFM_CHARTS_TAG' }),
};

/** Which chart: the one asked for, else the one a country or tag implies; each needs its country or tag. */
function refineChart(v: OptionValues<typeof chartOptions>, ctx: RefineContext): LastfmChartsOptions {
  const { chart: given, country, tag, ...credentials } = v;
  let chart: ChartKind = given ?? 'global';
  if (given === undefined) {
    if (country && tag) ctx.issue(`sources.${NAME}.chart`, 'both a country and a tag are set: set chart to "country" or "tag" to say which chart you want');
    else chart = country ? 'country' : tag ? 'tag' : 'global';
  } else if (given === 'country' && !country) ctx.issue(ctx.pathOf('country'), 'is required for the country chart, e.g. "Germany"');
  else if (given === 'tag' && !tag) ctx.issue(ctx.pathOf('tag'), 'is required for the tag chart, e.g. "indie"');
  else if (given === 'global' && (country || tag)) ctx.warn(`${NAME}: chart is "global", so ${country ? 'the country' : 'the tag'} setting is ignored`);
  return { ...credentials, chart, ...(chart === 'country' && country ? { country } : {}), ...(chart === 'tag' && tag ? { tag } : {}) };
}

/** The options as the core reads them, from a config section and the environment (for tests and embedding). */
export function parseChartsOptions(raw: unknown, env: Env): ParseResult<LastfmChartsOptions> {
  return readDeclaredOptions(NAME, chartOptions, { section: raw, env }, refineChart);
}

/** "the global Last.fm chart", "the Last.fm chart for Germany", "the Last.fm "indie" tag chart". */
export function describeChart(o: Pick<LastfmChartsOptions, 'chart' | 'country' | 'tag'>): string {
  if (o.chart === 'country') return `the Last.fm chart for ${o.country ?? '?'}`;
  if (o.chart === 'tag') return `the Last.fm "${o.tag ?? '?'}" tag chart`;
  return 'the global Last.fm chart';
}

function chartTracks(client: LastfmClient, o: LastfmChartsOptions, limit: number): Promise<LastfmTrack[]> {
  if (o.chart === 'country') return client.geoTopTracks(o.country ?? '', { limit });
  if (o.chart === 'tag') return client.tagTopTracks(o.tag ?? '', { limit });
  return client.chartTopTracks({ limit });
}

export const lastfmChartsSource: PlaylistSource<LastfmChartsOptions> = defineSource({
  apiVersion: 1,
  name: NAME,
  description: 'Top tracks of a Last.fm chart: global, one country, or one tag.',
  displayName: 'Last.fm Charts',
  defaults: { playlist: 'Global Top 50', size: 50, enabled: false },
  env: { enabled: 'ENABLE_LASTFM_CHARTS', playlist: 'PLAYLIST_NAME_LASTFM_CHARTS', size: 'PLAYLIST_SIZE_CHARTS' },
  options: chartOptions,
  errorCodes: LASTFM_ERRORS,
  refineOptions: refineChart,

  async verify(options, ctx) {
    // One item of the configured chart checks the key and, for a country chart, the country name.
    await chartTracks(clientFor(options, ctx), options, 1);
  },

  async fetch(options, ctx: SourceContext) {
    const client = clientFor(options, ctx);
    const limit = Math.min(MAX_ITEMS, Math.max(1, ctx.common.size) * OVERFETCH);
    const chart = describeChart(options);
    const tracks = await chartTracks(client, options, limit);
    const seen = new Set<string>();
    const candidates: CandidateTrack[] = [];
    for (const track of tracks) {
      const key = trackKey(track.artist, track.title);
      if (seen.has(key)) continue;
      seen.add(key);
      candidates.push(toCandidate(track, `#${track.rank ?? candidates.length + 1} on ${chart}`));
    }
    if (candidates.length === 0) ctx.logger.warn(`${chart} returned no tracks`);
    else ctx.logger.debug(`${candidates.length} candidates from ${chart} (${client.requestCount()} requests)`);
    return [
      {
        key: 'default',
        title: ctx.common.playlist,
        summary: `Top tracks on ${chart}.`,
        tracks: candidates,
      },
    ];
  },
});
