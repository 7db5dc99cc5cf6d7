import type { Filter, QueryResult, Row } from '@clvkit/core';
import { aggregationAt, pageComposite, runSearch } from '../composite.js';
import type { QueryEnv } from '../env.js';
import { sessionsQuery } from '../filter.js';
import { planGroups, runGroups } from '../groups.js';
import { count, metric, PRECISION_THRESHOLD, purchasedClause } from '../measures.js';

/**
 * Per-value KPI tables pushed down: dimension_kpis (grouped measures per dimension value) and
 * promotion_kpis (a composite on promotion_id over the orders, with sums, a distinct count
 * and the first / last use), with the row order and meta of the in-memory analyses.
 */

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `dimension_kpis`: orders, revenue, discount, visitors, buyers, averageOrderValue per dimension value. */
export async function dimensionKpis(env: QueryEnv, filter: Filter, params: { sort: 'orders' | 'revenue' | 'value' }): Promise<QueryResult> {
  const plan = planGroups(env, { table: 'sessions', groupBy: [{ field: 'dimension' }], names: ['dimension'], measures: ['orders', 'revenue', 'discount', 'visitors', 'buyers'], filters: [filter] });
  const groups = await runGroups(env, plan);
  const values = groups.filter((g) => g.keys[0] !== null);
  const missing = groups.find((g) => g.keys[0] === null);
  const text = (g: (typeof groups)[number]) => g.keys[0] as string;
  const sort = params.sort;
  values.sort(sort === 'value' ? (a, b) => compareText(text(a), text(b)) : (a, b) => (b.values[sort] ?? 0) - (a.values[sort] ?? 0) || compareText(text(a), text(b)));
  if (missing) values.push(missing);
  const rows: Row[] = values.map((g) => {
    const orders = g.values.orders ?? 0;
    const revenue = g.values.revenue ?? 0;
    return { dimension: g.keys[0], orders, revenue, discount: g.values.discount ?? 0, visitors: g.values.visitors ?? 0, buyers: g.values.buyers ?? 0, averageOrderValue: orders > 0 ? revenue / orders : null };
  });
  return { rows, meta: { sort: params.sort } };
}

interface PromotionRow {
  promotion: string;
  orders: number;
  revenue: number;
  discount: number;
  customers: number;
  firstUse: number | null;
  lastUse: number | null;
}

/** Per promotion used by an order passing the filter: its order stats, and all orders passing the filter. */
async function promotionStats(env: QueryEnv, filter: Filter): Promise<{ list: PromotionRow[]; allOrders: number }> {
  const query = sessionsQuery(env.layout, [filter, { mode: 'and', predicates: [] }], [...env.extraFilters, purchasedClause()]);
  const list: PromotionRow[] = [];
  const body = (after?: Record<string, unknown>) => ({
    size: 0,
    query,
    aggs: {
      promotions: {
        composite: { size: env.limits.compositePageSize, sources: [{ promotion: { terms: { field: 'promotion_id' } } }], ...(after ? { after } : {}) },
        aggs: {
          revenue: { sum: { field: 'payment_amount' } },
          discount: { sum: { field: 'discount_amount' } },
          customers: { cardinality: { field: 'client', precision_threshold: PRECISION_THRESHOLD } },
          firstUse: { min: { field: 'session_start' } },
          lastUse: { max: { field: 'session_start' } },
        },
      },
    },
  });
  await pageComposite(env, body, ['promotions'], (bucket) => {
    const id = (bucket.key as { promotion?: unknown } | undefined)?.promotion;
    const orders = count(bucket);
    if (id === null || id === undefined || orders === 0) return;
    const time = (agg: unknown) => {
      const v = (agg as { value?: unknown } | undefined)?.value;
      return typeof v === 'number' && Number.isFinite(v) ? v : null;
    };
    list.push({ promotion: String(id), orders, revenue: metric(bucket.revenue), discount: metric(bucket.discount), customers: metric(bucket.customers), firstUse: time(bucket.firstUse), lastUse: time(bucket.lastUse) });
  });
  const all = await runSearch(env, { size: 0, query, aggs: { all: { filter: { match_all: {} } } } });
  return { list, allOrders: count(aggregationAt(all, ['all'])) };
}

/** `promotion_number_of_customer`: `{ promotion, customers }` by customers descending, ties by id. */
export async function promotionNumberOfCustomer(env: QueryEnv, filter: Filter): Promise<QueryResult> {
  const { list } = await promotionStats(env, filter);
  list.sort((a, b) => b.customers - a.customers || compareText(a.promotion, b.promotion));
  return { rows: list.map((p) => ({ promotion: p.promotion, customers: p.customers })) };
}

/** `avg_order_count_per_promo_per_cust`: `{ promotion, ordersPerCustomer }` (orders / customers) descending, ties by id. */
export async function avgOrderCountPerPromoPerCust(env: QueryEnv, filter: Filter): Promise<QueryResult> {
  const { list } = await promotionStats(env, filter);
  const ratio = (p: PromotionRow) => (p.customers > 0 ? p.orders / p.customers : 0);
  list.sort((a, b) => ratio(b) - ratio(a) || compareText(a.promotion, b.promotion));
  return { rows: list.map((p) => ({ promotion: p.promotion, ordersPerCustomer: ratio(p) })) };
}

/** `promotion_kpis`: per promotion used by an order under the filter. */
export async function promotionKpis(env: QueryEnv, filter: Filter, params: { promotion: string | null; limit: number }): Promise<QueryResult> {
  const { list, allOrders } = await promotionStats(env, filter);
  list.sort((a, b) => b.orders - a.orders || compareText(a.promotion, b.promotion));
  const promotedOrders = list.reduce((n, p) => n + p.orders, 0);
  const shown = params.promotion === null ? list : list.filter((p) => p.promotion === params.promotion);
  const rows: Row[] = shown.slice(0, params.limit).map((p) => ({ ...p, ordersPerCustomer: p.customers > 0 ? p.orders / p.customers : null })).map((p) => ({
    promotion: p.promotion,
    orders: p.orders,
    revenue: p.revenue,
    discount: p.discount,
    customers: p.customers,
    ordersPerCustomer: p.ordersPerCustomer,
    firstUse: p.firstUse,
    lastUse: p.lastUse,
  }));
  return { rows, meta: { orders: allOrders, promotedOrders, promotions: list.length } };
}
