import { isIn, type Filter, type QueryResult, type Row, type TimeUnit } from '@clvkit/core';
import { aggregationAt, runSearch } from '../composite.js';
import type { QueryEnv } from '../env.js';
import { BASKET } from '../fields.js';
import { linesQuery, planGroups, runGroups } from '../groups.js';
import { count, purchasedClause } from '../measures.js';
import { periodBucketStarts, periodOf, sessionExtent, type Range } from './period.js';

/**
 * `product_kpis` pushed down: the basket lines passing the filter AND `product = X`, as a
 * lines query (totals; per bucket of session_start for the series), plus the first / last
 * session_start of their orders (`min` / `max`) and whether the product occurs at all.
 */
export const PRODUCT_KPI_METRICS = ['orders', 'revenue', 'quantity', 'buyers', 'firstSale', 'lastSale'] as const;

/** Runs `product_kpis` with validated params. */
export async function productKpis(env: QueryEnv, filter: Filter, params: { product: string; bucket: TimeUnit }): Promise<QueryResult> {
  const filters: Filter[] = [filter, { mode: 'and', predicates: [isIn('lines.product', [params.product])] }];
  let extent: Range | null | undefined;
  const getExtent = async () => (extent === undefined ? (extent = await sessionExtent(env)) : extent);
  const period = await periodOf(env, filter, getExtent);
  const starts = period.range ? periodBucketStarts(env, params.bucket, period, await getExtent()) : [];

  const foundResponse = await runSearch(env, { size: 0, query: { bool: { filter: [...(env.extraFilters as object[]), { nested: { path: BASKET, query: { term: { [`${BASKET}.product`]: params.product } } } }] } }, aggs: { any: { filter: { match_all: {} } } } });
  const found = count(aggregationAt(foundResponse, ['any'])) > 0;

  const totals = (await runGroups(env, planGroups(env, { table: 'lines', groupBy: [], names: [], measures: ['orders', 'quantity', 'lineRevenue', 'buyers'], filters })))[0];
  const { top } = linesQuery(env, filters);
  const times = await runSearch(env, { size: 0, query: { bool: { filter: [...top, purchasedClause()] } }, aggs: { first: { min: { field: 'session_start' } }, last: { max: { field: 'session_start' } } } });
  const time = (name: string) => {
    const v = (aggregationAt(times, [name]) as { value?: unknown }).value;
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const orders = totals?.values.orders ?? 0;
  const values: Record<(typeof PRODUCT_KPI_METRICS)[number], number | null> = {
    orders,
    revenue: totals?.values.lineRevenue ?? 0,
    quantity: totals?.values.quantity ?? 0,
    buyers: totals?.values.buyers ?? 0,
    firstSale: orders > 0 ? time('first') : null,
    lastSale: orders > 0 ? time('last') : null,
  };
  const rows: Row[] = PRODUCT_KPI_METRICS.map((metric) => ({ metric, value: values[metric] }));

  const series: Row[] = [];
  if (starts.length) {
    const plan = planGroups(env, { table: 'lines', groupBy: [{ field: 'session_start', bucket: params.bucket }], names: ['bucket'], measures: ['orders', 'quantity', 'lineRevenue'], filters });
    const byBucket = new Map((await runGroups(env, plan)).map((g) => [g.keys[0], g]));
    for (const bucket of starts) {
      const g = byBucket.get(bucket);
      series.push({ bucket, orders: g?.values.orders ?? 0, quantity: g?.values.quantity ?? 0, revenue: g?.values.lineRevenue ?? 0 });
    }
  }
  return { rows, meta: { product: params.product, found, unit: params.bucket, period: period.range, series } };
}
