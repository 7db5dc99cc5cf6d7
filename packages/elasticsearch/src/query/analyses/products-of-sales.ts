import { isIn, type Filter, type QueryResult, type Row } from '@clvkit/core';
import type { QueryEnv } from '../env.js';
import { planGroups, runGroups } from '../groups.js';

/**
 * `daily_products_of_sales` pushed down: the top `limit` products by distinct orders among the
 * lines passing the filter (ties by name, a missing product ranked last and then dropped, as in
 * memory), then for each of them one lines search grouped by day: `{ bucket, product, orders,
 * quantity, revenue }` for every (day, product) with a passing line, by day then rank.
 */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Runs `daily_products_of_sales` with validated params. */
export async function dailyProductsOfSales(env: QueryEnv, filter: Filter, params: { limit: number }): Promise<QueryResult> {
  const ranking = await runGroups(env, planGroups(env, { table: 'lines', groupBy: [{ field: 'lines.product' }], names: ['product'], measures: ['orders'], filters: [filter] }));
  ranking.sort((a, b) => {
    const d = (b.values.orders ?? 0) - (a.values.orders ?? 0);
    if (d !== 0) return d;
    if (a.keys[0] === null) return 1;
    if (b.keys[0] === null) return -1;
    return compareText(a.keys[0] as string, b.keys[0] as string);
  });
  const products = ranking.slice(0, params.limit).map((g) => g.keys[0]).filter((p): p is string => p !== null);
  const rows: (Row & { rank: number })[] = [];
  for (const [rank, product] of products.entries()) {
    const plan = planGroups(env, { table: 'lines', groupBy: [{ field: 'session_start', bucket: 'day' }], names: ['bucket'], measures: ['orders', 'quantity', 'lineRevenue'], filters: [filter, { mode: 'and', predicates: [isIn('lines.product', [product])] }] });
    for (const g of await runGroups(env, plan)) {
      rows.push({ rank, bucket: g.keys[0], product, orders: g.values.orders ?? 0, quantity: g.values.quantity ?? 0, revenue: g.values.lineRevenue ?? 0 });
    }
  }
  rows.sort((a, b) => Number(a.bucket) - Number(b.bucket) || a.rank - b.rank);
  return { rows: rows.map(({ rank: _rank, ...row }) => row), meta: { unit: 'day', products } };
}
