import type { DailyFlowOptions } from './options.js';

/** `selection`: the seeded sample's order (as always); `sonic`: consecutive tracks sound alike (Plex Pass). */
export type FlowOrder = 'selection' | 'sonic';
export const FLOW_ORDERS: readonly FlowOrder[] = ['selection', 'sonic'];
export const ORDER_ENV = 'TIME_PLAYLIST_ORDER';

/** `order` absent means `selection`. Declared with the other options (options.ts). */
export type DailyFlowRunOptions = DailyFlowOptions & { order?: FlowOrder };
