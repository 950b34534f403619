import { dailyFlowSource } from './daily-flow-source.js';

export { dailyFlowSource };
/** Every source this plugin offers, for the CLI's registry. */
export const sources = [dailyFlowSource];

export { parseDailyFlowOptions, DEFAULT_MAX_PER_ARTIST, type DailyFlowOptions, type Preference } from './options.js';
export { parseTimeWindows, parseWindowList } from './parse-windows.js';
export { DEFAULT_WINDOWS_TEXT, windowLabel, type TimeWindow } from './time-window.js';
export {
  activeWindow,
  activeOccurrence,
  nextBoundary,
  nextOccurrence,
  describeWindows,
  describeWindow,
  type WindowOccurrence,
} from './window-clock.js';
export { genreKey, expandGenres, closestGenres, type GenreAliases } from './genre-match.js';
export { HISTORY_FILE } from './selection-history.js';
export { FLOW_ORDERS, ORDER_ENV, type FlowOrder, type DailyFlowRunOptions } from './order-option.js';
export { sonicOrder, chainOrder, distanceTable, SONIC_ORDER_NEIGHBOURS, type SonicOrder, type DistanceTable } from './sonic-order.js';
