import type { PlaylistSource } from '@harmoniq/core';
import { lastfmChartsSource } from './charts-source.js';

export { lastfmChartsSource, parseChartsOptions, describeChart } from './charts-source.js';
export type { LastfmChartsOptions, ChartKind } from './charts-source.js';

export const sources: PlaylistSource[] = [lastfmChartsSource];
