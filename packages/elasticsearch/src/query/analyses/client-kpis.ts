import { isIn, type Filter, type QueryResult, type Row } from '@clvkit/core';
import { aggregationAt, runSearch } from '../composite.js';
import type { QueryEnv } from '../env.js';
import { sessionsQuery } from '../filter.js';
import { planGroups, runGroups } from '../groups.js';
import { count, purchasedClause } from '../measures.js';

/**
 * `client_kpis` pushed down: the client's sessions passing the filter (`client = X` added):
 * ungrouped measures, the first / last order time (`min` / `max` over their orders), their
 * lines grouped by product for the favourites, and whether the client has any session at all.
 */
export const CLIENT_KPI_METRICS = ['orders', 'revenue', 'discount', 'sessions', 'averageOrderValue', 'firstOrder', 'lastOrder', 'daysBetweenOrders', 'quantity'] as const;
const DAY_MS = 86_400_000;

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Runs `client_kpis` with validated params. */
export async function clientKpis(env: QueryEnv, filter: Filter, params: { client: string; limit: number }): Promise<QueryResult> {
  const filters: Filter[] = [filter, { mode: 'and', predicates: [isIn('client', [params.client])] }];
  const anyResponse = await runSearch(env, { size: 0, query: sessionsQuery(env.layout, [{ mode: 'and', predicates: [isIn('client', [params.client])] }], env.extraFilters), aggs: { any: { filter: { match_all: {} } } } });
  const found = count(aggregationAt(anyResponse, ['any'])) > 0;
  const [totals] = await runGroups(env, planGroups(env, { table: 'sessions', groupBy: [], names: [], measures: ['sessions', 'orders', 'revenue', 'discount', 'quantity'], filters }));
  const times = await runSearch(env, { size: 0, query: sessionsQuery(env.layout, filters, [...env.extraFilters, purchasedClause()]), aggs: { first: { min: { field: 'session_start' } }, last: { max: { field: 'session_start' } } } });
  const time = (name: string) => {
    const v = (aggregationAt(times, [name]) as { value?: unknown }).value;
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const orders = totals?.values.orders ?? 0;
  const revenue = totals?.values.revenue ?? 0;
  const firstOrder = orders > 0 ? time('first') : null;
  const lastOrder = orders > 0 ? time('last') : null;
  const values: Record<(typeof CLIENT_KPI_METRICS)[number], number | null> = {
    orders,
    revenue,
    discount: totals?.values.discount ?? 0,
    sessions: totals?.values.sessions ?? 0,
    averageOrderValue: orders > 0 ? revenue / orders : null,
    firstOrder,
    lastOrder,
    daysBetweenOrders: orders > 1 && firstOrder !== null && lastOrder !== null ? (lastOrder - firstOrder) / (orders - 1) / DAY_MS : null,
    quantity: totals?.values.quantity ?? 0,
  };
  const rows: Row[] = CLIENT_KPI_METRICS.map((metric) => ({ metric, value: values[metric] }));
  const products = (await runGroups(env, planGroups(env, { table: 'lines', groupBy: [{ field: 'lines.product' }], names: ['product'], measures: ['orders', 'quantity', 'lineRevenue'], filters })))
    .filter((g) => typeof g.keys[0] === 'string' && (g.values.orders ?? 0) > 0)
    .sort((a, b) => (b.values.orders ?? 0) - (a.values.orders ?? 0) || (b.values.quantity ?? 0) - (a.values.quantity ?? 0) || compareText(a.keys[0] as string, b.keys[0] as string))
    .slice(0, params.limit)
    .map((g): Row => ({ product: g.keys[0], orders: g.values.orders ?? 0, quantity: g.values.quantity ?? 0, revenue: g.values.lineRevenue ?? 0 }));
  return { rows, meta: { client: params.client, found, favouriteProducts: products } };
}
