import { defineSource, type CandidateTrack, type Env, type ParseResult, type SourceContext } from '@harmoniq/core';
import {
  clientFor,
  createOptionReader,
  readCredentials,
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

export function parseChartsOptions(raw: unknown, env: Env): ParseResult<LastfmChartsOptions> {
  const reader = createOptionReader(raw, NAME, env);
  const credentials = readCredentials(reader);
  const country = reader.string('country', 'LASTFM_CHARTS_COUNTRY');
  const tag = reader.string('tag', 'LASTFM_CHARTS_TAG');
  const given = reader.oneOf('chart', 'LASTFM_CHARTS_TYPE', ['global', 'country', 'tag'] as const);
  reader.rejectUnknownKeys();

  let chart: ChartKind = given ?? 'global';
  if (given === undefined) {
    if (country && tag) {
      reader.issue(`sources.${NAME}.chart`, 'both a country and a tag are set: set chart to "country" or "tag" to say which chart you want');
    } else if (country) chart = 'country';
    else if (tag) chart = 'tag';
  } else if (given === 'country' && !country) {
    reader.issue('LASTFM_CHARTS_COUNTRY', 'is required for the country chart (sources.lastfm-charts.country), e.g. "Germany"');
  } else if (given === 'tag' && !tag) {
    reader.issue('LASTFM_CHARTS_TAG', 'is required for the tag chart (sources.lastfm-charts.tag), e.g. "indie"');
  } else if (given === 'global' && (country || tag)) {
    reader.warnings.push(`${NAME}: chart is "global", so ${country ? 'the country' : 'the tag'} setting is ignored`);
  }

  if (reader.issues.length > 0) return { ok: false, errors: reader.issues };
  const value: LastfmChartsOptions = {
    ...credentials,
    chart,
    ...(chart === 'country' && country ? { country } : {}),
    ...(chart === 'tag' && tag ? { tag } : {}),
  };
  return { ok: true, value, ...(reader.warnings.length > 0 ? { warnings: reader.warnings } : {}) };
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

export const lastfmChartsSource = defineSource<LastfmChartsOptions>({
  apiVersion: 1,
  name: NAME,
  description: 'Top tracks of a Last.fm chart: global, one country, or one tag.',
  defaults: { playlist: 'Global Top 50', size: 50, enabled: false },
  env: { enabled: 'ENABLE_LASTFM_CHARTS', playlist: 'PLAYLIST_NAME_LASTFM_CHARTS', size: 'PLAYLIST_SIZE_CHARTS' },
  parseOptions: parseChartsOptions,

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
