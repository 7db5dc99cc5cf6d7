import { interval, isIn, type Dataset, type Filter, type QueryRequest } from '@clvkit/core';
import { sampleDataset } from '@clvkit/sample-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportNames, resolveDerivedClauses, runQuery, runQueryAsync, runSummaryAnalysis, summaryAnalysisNames } from '../../src/index.js';
import { analysis, byClient, envOf, expectSameRows, summariesOf } from './harness.js';

// Each summary-based analysis against the registry analysis of the same name on the same
// sample shop: the summaries are computed in the test from the dataset's sessions (harness.ts),
// the in-memory answer by `runQuery`. Equal rows and meta, or a documented, tested difference.
let dataset: Dataset;
let first: number;
let last: number;
let dimension: string;
const DAY = 86_400_000;

beforeAll(async () => {
  ({ dataset } = await sampleDataset({ orders: 1500, seed: 5, timeZone: 'Europe/London' }));
  const extent = envOf(dataset).timeExtent!;
  [first, last] = extent;
  const column = dataset.sessions.columns.dimension;
  dimension = column.type === 'string' ? column.dictionary[0] : '';
});

const all: Filter = { mode: 'and', predicates: [] };
const twoClients = (): string[] => {
  const column = dataset.sessions.columns.client;
  return column.type === 'string' ? [column.dictionary[3], column.dictionary[7]] : [];
};
const oneDimension = (): Filter => ({ mode: 'and', predicates: [isIn('dimension', [dimension])] });
const brushed = (): Filter => ({ mode: 'and', predicates: [interval('session_start', first + 30 * DAY, first + 100 * DAY)] });
const brushedDimension = (): Filter => ({ mode: 'and', predicates: [isIn('dimension', [dimension]), interval('session_start', first + 10 * DAY, last - 20 * DAY)] });

async function both(request: QueryRequest) {
  const remote = await runSummaryAnalysis(request, envOf(dataset));
  const memory = await runQueryAsync(dataset, request);
  expect(memory.rows.length).toBeGreaterThan(0);
  return { remote, memory };
}

describe('summary-based analyses equal the in-memory ones', () => {
  it('every registry analysis runs from pages except those a server answers from aggregates alone', () => {
    // The analyses without a worker-side version: Elasticsearch pushes each of them down (see
    // packages/elasticsearch/test/browser/all-analyses.test.ts for the union).
    const serverOnly = ['avg_order_count_per_promo_per_cust', 'bought_with', 'category_tree', 'client_kpis', 'daily_dimension_values', 'daily_funnel', 'daily_inorganic_ratio', 'daily_orders', 'daily_organic_orders', 'daily_products_of_sales', 'daily_promotion_discount', 'daily_promotion_revenue', 'dimension_kpis', 'dimension_values', 'funnel', 'hourly_funnel', 'hourly_inorganic_ratio', 'hourly_orders', 'hourly_organic_orders', 'inorganic_orders_per_promotion_per_day', 'kpis', 'monthly_funnel', 'monthly_orders', 'most_combined_products', 'most_ordered_categories', 'most_ordered_products', 'product_kpis', 'promotion_kpis', 'promotion_number_of_customer', 'weekly_average_order_per_user', 'weekly_average_payment_amount', 'weekly_average_session_per_user', 'weekly_funnel', 'weekly_orders'];
    const names = summaryAnalysisNames();
    expect(names).toEqual([...names].sort());
    expect(names.filter((n) => serverOnly.includes(n))).toEqual([]);
    expect([...names, ...serverOnly].sort()).toEqual([...reportNames()].sort());
  });

  const rfmCases: [string, () => QueryRequest][] = [
    ['rfm', () => analysis('rfm')],
    ['rfm, quantiles, average', () => analysis('rfm', { method: 'quantile', monetary: 'average' })],
    ['rfm of one dimension', () => analysis('rfm', {}, oneDimension())],
    ['rfm in a brushed range', () => analysis('rfm', {}, brushed())],
    ['rfm as of a date, seed 3', () => analysis('rfm', { asOf: first + 60 * DAY + 123, seed: 3 }, oneDimension())],
    ['rfm of two clients', () => analysis('rfm', { clients: twoClients() })],
    ['frequency_recency', () => analysis('frequency_recency')],
    ['monetary_frequency sampled to 40 customers', () => analysis('monetary_frequency', { limit: 40 })],
    ['recency_monetary of one dimension', () => analysis('recency_monetary', { monetary: 'average' }, oneDimension())],
    ['rfm_3d sampled to 25 customers in a brushed range', () => analysis('rfm_3d', { limit: 25 }, brushed())],
  ];
  it.each(rfmCases)('%s (rows in client-id order: the documented difference)', async (_name, make) => {
    const { remote, memory } = await both(make());
    expectSameRows(byClient(remote.rows), byClient(memory.rows));
    expect(remote.meta).toEqual(memory.meta);
  });

  const sameOrder: [string, () => QueryRequest][] = [
    ['segmentation', () => analysis('segmentation')],
    ['segmentation of one dimension in a brushed range', () => analysis('segmentation', { method: 'quantile' }, brushedDimension())],
    ['customer_status', () => analysis('customer_status')],
    ['customer_status with day thresholds', () => analysis('customer_status', { activeDays: 20, longGoneDays: 50 }, oneDimension())],
    ['customer_status as of a date', () => analysis('customer_status', { asOf: '2024-03-01', activeMonths: 1, longGoneMonths: 2 })],
    ['customer_status in a brushed range', () => analysis('customer_status', { activeDays: 15, longGoneDays: 40 }, brushed())],
    ['churn', () => analysis('churn')],
    ['churn of one dimension in a brushed range', () => analysis('churn', {}, brushedDimension())],
    ['churn as of a date', () => analysis('churn', { asOf: first + 45 * DAY })],
    ['recency_clusters', () => analysis('recency_clusters')],
    ['user_counts_per_order_seq', () => analysis('user_counts_per_order_seq')],
    ['cohort_lifetime', () => analysis('cohort_lifetime')],
    ['segments_change_weekly_before_after_amount, no resamples', () => analysis('segments_change_weekly_before_after_amount', { resamples: 0, minCustomers: 3 })],
    ['segments_change_monthly_before_after_orders of one dimension, no resamples', () => analysis('segments_change_monthly_before_after_orders', { resamples: 0, minCustomers: 3 }, oneDimension())],
    ['segments_change_daily_before_after_orders with the pairs of one segment', () => analysis('segments_change_daily_before_after_orders', { resamples: 0, minCustomers: 3, subject: 'Hibernating' })],
    ['cohort_lifetime by week, one dimension', () => analysis('cohort_lifetime', { bucket: 'week' }, oneDimension())],
    ['cohort_lifetime in a brushed range of one dimension', () => analysis('cohort_lifetime', {}, brushedDimension())],
    ['cohort_lifetime by week in a brushed range', () => analysis('cohort_lifetime', { bucket: 'week' }, brushed())],
    ['purchase_amount_distribution', () => analysis('purchase_amount_distribution')],
    ['purchase_amount_distribution, 7 bins, brushed', () => analysis('purchase_amount_distribution', { bins: 7 }, brushed())],
    ['user_counts_per_order_seq, max 4, brushed dimension', () => analysis('user_counts_per_order_seq', { max: 4 }, brushedDimension())],
    ['segment_movement', () => analysis('segment_movement')],
    ['segment_movement between two dates of one dimension, quantiles', () => analysis('segment_movement', { from: first + 40 * DAY, to: new Date(first + 130 * DAY).toISOString().slice(0, 10), method: 'quantile' }, oneDimension())],
    ['newcomers_and_churners', () => analysis('newcomers_and_churners')],
    ['newcomers_and_churners of a date, 30 days, one dimension', () => analysis('newcomers_and_churners', { date: first + 50 * DAY, horizonDays: 30, limit: 5 }, oneDimension())],
    ['newcomers_and_churners in a brushed range, 1 month', () => analysis('newcomers_and_churners', { horizonMonths: 1 }, brushed())],
    ['frequency_clusters of one dimension, 12 linear bins', () => analysis('frequency_clusters', { bins: 12, scale: 'linear' }, oneDimension())],
    ['monetary_clusters in a brushed range, quantiles', () => analysis('monetary_clusters', { method: 'quantile' }, brushed())],
  ];
  it.each(sameOrder)('%s', async (_name, make) => {
    const { remote, memory } = await both(make());
    expectSameRows(remote.rows, memory.rows);
    expect(remote.meta).toEqual(memory.meta);
  });

  const COMPUTED = ['client', 'status', 'orders', 'revenue', 'averageOrderValue', 'firstOrder', 'lastOrder', 'recencyDays'];
  const listCases: [string, () => QueryRequest][] = [
    ['customer_list', () => analysis('customer_list')],
    ['customer_list by recency, ascending, page 2', () => analysis('customer_list', { sort: { field: 'recencyDays', order: 'asc' }, offset: 20, limit: 30, activeDays: 30, longGoneDays: 60 })],
    ['customer_list by status of a brushed dimension', () => analysis('customer_list', { sort: { field: 'status', order: 'desc' }, limit: 500 }, brushedDimension())],
    ['customer_list by client', () => analysis('customer_list', { sort: { field: 'client', order: 'asc' }, limit: 40 }, oneDimension())],
  ];
  it.each(listCases)('%s: the computed columns; contact fields and topProducts are not in summaries', async (_name, make) => {
    const { remote, memory } = await both(make());
    expectSameRows(remote.rows, memory.rows, COMPUTED);
    expect(remote.rows.every((row) => row.topProducts === null)).toBe(true);
    expect(Object.keys(remote.rows[0])).toEqual([...COMPUTED, 'topProducts']);
    expect({ ...remote.meta, fields: undefined }).toEqual({ ...memory.meta, fields: undefined });
    expect(remote.meta?.fields).toEqual([]);
  });

  it('segments_change with bootstrap: the same tests; only the resampled intervals may differ (pairs in client-id order)', async () => {
    const { remote, memory } = await both(analysis('segments_change_monthly_before_after_amount', { minCustomers: 3 }));
    expectSameRows(remote.rows, memory.rows, ['test', 'subject', 'customers', 'before', 'after', 'meanDifference', 'pValue', 'method', 'statistic', 'df', 'effectSize']);
  });

  it('purchase_amount_distribution per order is refused with what to use instead', async () => {
    await expect(runSummaryAnalysis(analysis('purchase_amount_distribution', { per: 'order' }), envOf(dataset))).rejects.toThrow(/per "order" needs every order's value.*per "customer"/);
  });

  it('customer_list refuses contact fields with what to do', async () => {
    await expect(runSummaryAnalysis(analysis('customer_list', { fields: ['email'] }), envOf(dataset))).rejects.toThrow(/needs the customers table.*leave fields out/);
  });
});

describe('what summary-based analyses ask for', () => {
  it('the as-of cut: the filter without its brush plus [first session, end of the brush)', async () => {
    const asked: Filter[] = [];
    const filter = brushedDimension();
    await runSummaryAnalysis(analysis('churn'), envOf(dataset, asked));
    await runSummaryAnalysis(analysis('rfm'), { ...envOf(dataset, asked) });
    await runSummaryAnalysis(analysis('churn', {}, filter), envOf(dataset, asked));
    await runSummaryAnalysis(analysis('churn', { asOf: first + 5 * DAY + 7 }), envOf(dataset, asked));
    expect(asked[0]).toEqual(all);
    expect(asked[1]).toEqual(all);
    expect(asked[2]).toEqual({ mode: 'and', predicates: [isIn('dimension', [dimension]), interval('session_start', first, last - 20 * DAY)] });
    expect(asked[3]).toEqual({ mode: 'and', predicates: [interval('session_start', first, first + 5 * DAY + 8)] });
  });

  const segmentClick = (): Filter => ({ mode: 'and', predicates: [isIn('rfm_segment', ['Champions', 'Loyal Customers', 'Hibernating'])] });
  it.each([['rfm'], ['segmentation'], ['frequency_recency'], ['recency_clusters']])('%s under a segment click: scored on everyone, the segment selected (as in memory)', async (name) => {
    const request = analysis(name, {}, segmentClick());
    const { remote, memory } = await both(request);
    const sort = name === 'rfm' || name === 'frequency_recency';
    expectSameRows(sort ? byClient(remote.rows) : remote.rows, sort ? byClient(memory.rows) : memory.rows);
    expect(remote.meta).toEqual(memory.meta);
  });

  it.each([['customer_status'], ['churn'], ['user_counts_per_order_seq']])('%s under a segment click: the clause resolved to client ids equals the in-memory derived field', async (name) => {
    const request = analysis(name, {}, { mode: 'and', predicates: [...segmentClick().predicates, isIn('dimension', [dimension])] });
    const resolved = await resolveDerivedClauses(request, envOf(dataset));
    expect(resolved.filter.predicates.map((p) => (p.type === 'and' ? 'and' : p.field))).toEqual(['dimension', 'client']);
    const remote = await runSummaryAnalysis(resolved, envOf(dataset));
    const memory = runQuery(dataset, request);
    expectSameRows(remote.rows, memory.rows);
    expect(remote.meta).toEqual(memory.meta);
  });

  it('refuses a segment clause that is not an "in"', async () => {
    await expect(runSummaryAnalysis(analysis('rfm', {}, { mode: 'and', predicates: [{ type: 'present', field: 'rfm_segment', present: true }] }), envOf(dataset))).rejects.toThrow(/only "in" clauses on rfm_segment/);
  });

  it('params are validated by the registry analysis (same messages)', async () => {
    await expect(runSummaryAnalysis(analysis('rfm', { method: 'median' }), envOf(dataset))).rejects.toThrow(/method/);
    await expect(runSummaryAnalysis(analysis('kpis'), envOf(dataset))).rejects.toThrow(/kpis has no summary-based version/);
  });

  it('the independent summaries agree with the dataset (sanity of the harness)', () => {
    const rows = summariesOf(dataset, all);
    const pay = dataset.sessions.columns.payment_amount;
    const bought = dataset.sessions.columns.has_purchased;
    let revenue = 0;
    if (pay.type === 'number' && bought.type === 'boolean') for (let i = 0; i < pay.values.length; i++) if (bought.values[i] === 1 && pay.values[i] === pay.values[i]) revenue += pay.values[i];
    expect(rows.reduce((s, r) => s + r.revenue, 0)).toBeCloseTo(revenue, 6);
    expect(rows.reduce((s, r) => s + r.sessions, 0)).toBe(dataset.sessions.length);
  });
});
