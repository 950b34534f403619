import type { ConfigIssue, Env, ParseResult } from '@harmoniq/core';
import { CONFIG_PATH, type DailyFlowOptions } from './options.js';

/** `selection`: the seeded sample's order (as always); `sonic`: consecutive tracks sound alike (Plex Pass). */
export type FlowOrder = 'selection' | 'sonic';
export const FLOW_ORDERS: readonly FlowOrder[] = ['selection', 'sonic'];
export const ORDER_ENV = 'TIME_PLAYLIST_ORDER';

/** `order` absent means `selection` (options parsed by parseDailyFlowOptions alone). */
export type DailyFlowRunOptions = DailyFlowOptions & { order?: FlowOrder };

/**
 * TIME_PLAYLIST_ORDER (wins) or `sources.daily-flow.order`, default `selection`. Read beside the other options and
 * merged into them, with `order` taken out of the section first so it is not reported as unknown.
 */
export function withOrder(parse: (raw: unknown, env: Env) => ParseResult<DailyFlowOptions>) {
  return (raw: unknown, env: Env): ParseResult<DailyFlowRunOptions> => {
    const section = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
    const { order: fromFile, ...rest } = section ?? {};
    const base = parse(section ? rest : raw, env);
    const errors: ConfigIssue[] = [];
    const fromEnv = env[ORDER_ENV]?.trim() ? env[ORDER_ENV] : undefined;
    const given = fromEnv ?? fromFile;
    const path = fromEnv !== undefined ? ORDER_ENV : `${CONFIG_PATH}.order`;
    const text = typeof given === 'string' ? given.trim().toLowerCase() : given;
    const order = given === undefined || text === '' ? 'selection' : FLOW_ORDERS.find((o) => o === text);
    if (order === undefined) errors.push({ path, message: `'${String(given)}' is not one of ${FLOW_ORDERS.join(', ')}` });
    if (!base.ok) return { ok: false, errors: [...base.errors, ...errors] };
    if (order === undefined) return { ok: false, errors };
    return { ...base, value: { ...base.value, order } };
  };
}
