/**
 * A runnable Node example of @clvkit/analytics: import three small tables with core's
 * importer, then ask for KPIs, a daily series, the top products and a plain aggregate, with
 * and without a filter. Run from the repository root:
 *
 *   npx esbuild packages/analytics/examples/quick-start.ts --bundle --platform=node --format=esm \
 *     --alias:@clvkit/core=./packages/core/src/index.ts --alias:@clvkit/analytics=./packages/analytics/src/index.ts \
 *     --outfile=/tmp/clvkit-quick-start.mjs && node /tmp/clvkit-quick-start.mjs
 */
import { importDataset, interval, isIn, NO_FILTER, prefix, type Filter } from '@clvkit/core';
import { reportNames, runQuery } from '@clvkit/analytics';

const sessions = `order_id,client,session_start,has_purchased,payment_amount,discount_amount,promotion_id,dimension
s1,c1,2024-03-01T09:15:00Z,true,100,0,,web
s2,c2,2024-03-01T14:00:00Z,false,0,0,,app
s3,c1,2024-03-02T10:30:00Z,true,50,5,P1,web
s4,c3,2024-03-03T09:45:00Z,true,80,0,,app
s5,c2,2024-03-04T09:05:00Z,true,120,10,P1,app`;

const lines = [
  { order_id: 's1', product: 'A', category: 'shoes/running', price: 30, quantity: 2 },
  { order_id: 's1', product: 'B', category: 'shirts', price: 40, quantity: 1 },
  { order_id: 's3', product: 'C', category: 'shoes/boots', price: 55, quantity: 1 },
  { order_id: 's4', product: 'B', category: 'shirts', price: 40, quantity: 2 },
  { order_id: 's5', product: 'A', category: 'shoes/running', price: 30, quantity: 2 },
  { order_id: 's5', product: 'C', category: 'shoes/boots', price: 65, quantity: 1 },
];

/** Runs the example and returns what it printed (the test checks it). */
export async function quickStart(log: (line: string) => void = console.log): Promise<void> {
  const { dataset } = await importDataset({ sessions: { data: sessions }, lines: { data: lines } }, { timeZone: 'Europe/Berlin' });
  log(`analyses: ${reportNames().join(', ')}`);

  // KPIs over the whole data range (no previous data, so change is null).
  const kpis = runQuery(dataset, { spec: { kind: 'analysis', name: 'kpis' }, filter: NO_FILTER });
  for (const row of kpis.rows.slice(0, 3)) log(`${row.metric}: ${row.value}`);

  // The same under a selection: shoes only, from 2024-03-02 (local time).
  const shoes: Filter = {
    mode: 'and',
    predicates: [prefix('category', ['shoes']), interval('session_start', Date.parse('2024-03-01T23:00:00Z'), Date.parse('2024-03-05T23:00:00Z'))],
  };
  const filtered = runQuery(dataset, { spec: { kind: 'analysis', name: 'kpis' }, filter: shoes });
  const orders = filtered.rows.find((row) => row.metric === 'orders')!;
  log(`shoe orders 03-02..03-05: ${orders.value} (previous 4 days: ${orders.previous})`);

  const daily = runQuery(dataset, { spec: { kind: 'analysis', name: 'daily_orders' }, filter: NO_FILTER });
  for (const row of daily.rows) log(`${new Date(row.bucket as number).toISOString()} orders ${row.orders} revenue ${row.revenue}`);

  const top = runQuery(dataset, { spec: { kind: 'analysis', name: 'most_ordered_products', params: { metric: 'revenue', limit: 2 } }, filter: NO_FILTER });
  for (const row of top.rows) log(`top product ${row.product}: revenue ${row.revenue}, ${row.orders} orders`);

  // A plain aggregate: orders and revenue per dimension value among app and web sessions.
  const byDimension = runQuery(dataset, {
    spec: { kind: 'aggregate', groupBy: [{ field: 'dimension' }], measures: ['orders', 'revenue', 'averageOrderValue'] },
    filter: { mode: 'and', predicates: [isIn('dimension', ['app', 'web'])] },
  });
  for (const row of byDimension.rows) log(`${row.dimension}: ${row.orders} orders, revenue ${row.revenue}, AOV ${row.averageOrderValue}`);
}

if (typeof process !== 'undefined' && process.argv[1] && /quick-start\.(mjs|js|ts)$/.test(process.argv[1])) {
  quickStart().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
