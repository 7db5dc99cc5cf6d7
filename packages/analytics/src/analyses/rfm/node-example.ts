/**
 * A runnable Node example of the RFM analyses and model functions: import an order log,
 * score every customer, size the segments, filter by a segment like a treemap click, and call
 * the pure model functions directly. Run from the repository root:
 *
 *   npx esbuild packages/analytics/src/analyses/rfm/node-example.ts --bundle --platform=node --format=esm \
 *     --alias:@clvkit/core=./packages/core/src/index.ts --alias:@clvkit/analytics=./packages/analytics/src/index.ts \
 *     --outfile=/tmp/clvkit-rfm.mjs && node /tmp/clvkit-rfm.mjs
 */
import { importDataset, isIn, NO_FILTER } from '@clvkit/core';
import { kmeans1d, runQuery, segmentOf } from '@clvkit/analytics';

// An order log (no has_purchased column: every row is an order).
const orders = `order_id,client,session_start,payment_amount,discount_amount
a1,a,2024-01-01T12:00:00Z,100,0
a2,a,2024-02-01T12:00:00Z,100,0
a3,a,2024-03-01T12:00:00Z,100,25
a4,a,2024-03-31T12:00:00Z,100,0
b1,b,2024-03-20T12:00:00Z,50,50
c1,c,2024-01-10T12:00:00Z,30,0
c2,c,2024-01-20T12:00:00Z,30,10
d1,d,2023-06-01T12:00:00Z,500,0
e1,e,2024-02-15T12:00:00Z,20,0
e2,e,2024-03-15T12:00:00Z,40,10
e3,e,2024-03-30T12:00:00Z,60,0`;

/** Runs the example, printing through `log` (a test checks what it prints). */
export async function rfmExample(log: (line: string) => void = console.log): Promise<void> {
  const { dataset } = await importDataset({ sessions: { data: orders } });

  // Every customer's RFM as of 2024-04-01 (default: the last order in the data).
  const rfm = runQuery(dataset, { spec: { kind: 'analysis', name: 'rfm', params: { asOf: '2024-04-01' } }, filter: NO_FILTER });
  for (const row of rfm.rows) log(`${row.client}: R ${row.recency} days, F ${row.frequency}, M ${row.monetary} -> ${row.score} ${row.segment}`);

  // Segment sizes (all 11, map order) by quintiles instead of k-means.
  const segments = runQuery(dataset, { spec: { kind: 'analysis', name: 'segmentation', params: { method: 'quantile' } }, filter: NO_FILTER });
  log(segments.rows.filter((r) => r.customers).map((r) => `${r.segment} ${r.customers}`).join(', '));

  // The derived field rfm_segment filters any query, e.g. the revenue of the Champions.
  const champions = runQuery(dataset, { spec: { kind: 'aggregate', measures: ['orders', 'revenue'] }, filter: { mode: 'and', predicates: [isIn('rfm_segment', ['Champions'])] } });
  log(`Champions: ${champions.rows[0]?.orders} orders, ${champions.rows[0]?.revenue} revenue`);

  // The pure model functions.
  const { centroids, labels } = kmeans1d(Float64Array.from([1, 2, 3, 20, 21, 50]), 3, { seed: 42 });
  log(`k-means centroids ${Array.from(centroids).join(' ')}, labels ${Array.from(labels).join('')}`);
  log(`R5 F5 M4 is ${segmentOf(5, 5, 4)}; R1 F5 M5 is ${segmentOf(1, 5, 5)}`);
}

// Run when executed directly (node), not when imported by the test.
if (typeof process !== 'undefined' && process.argv[1] && /clvkit-rfm|node-example/.test(process.argv[1])) void rfmExample();
