import { allOf, interval, isIn, ordersIn, present, type AggregateSpec, type Dataset, type Filter, type QueryRequest } from '@clvkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { canRunSummaryAggregate, MAX_SEGMENT_CLIENTS, runQuery, runSummaryAggregate } from '../../src/index.js';
import { buildDataset, times } from '../helpers.js';
import { and, customersEnvOf, customersShop } from './customers-harness.js';
import { expectSameRows } from './harness.js';

// Aggregates grouped or filtered by customers fields and derived per-customer fields, from
// per-customer summaries and the customers pages (computed in the test from the dataset,
// harness.ts / customers-harness.ts), against `runQuery` on the same sample shop.
let dataset: Dataset;
let first: number;
let last: number;
let dimension: string;
const DAY = 86_400_000;

beforeAll(async () => {
  ({ dataset, first, last, dimension } = await customersShop());
}, 60_000);

const filters: [string, () => Filter][] = [
  ['no filter', () => and()],
  ['a date range', () => and(interval('session_start', first + 30 * DAY, first + 200 * DAY))],
  ['one dimension', () => and(isIn('dimension', [dimension]))],
  ['a customers field', () => and(isIn('customers.gender', ['female']))],
  ['a segment', () => and(isIn('rfm_segment', ['Champions', 'Loyal Customers', 'Hibernating']))],
  ['a range, a dimension, a segment and a location', () => and(interval('session_start', first + 10 * DAY, last - 20 * DAY), isIn('dimension', [dimension]), isIn('rfm_segment', ['Champions', 'Potential Loyalists', 'At Risk']), isIn('customers.location', ['London', 'Birmingham', 'York']))],
  ['a compound clause (a split bar part)', () => and(allOf([isIn('rfm_segment', ['Champions']), isIn('customers.gender', ['male'])]))],
  ['an "or" of customers clauses', () => ({ mode: 'or', predicates: [isIn('customers.gender', ['male']), present('customers.email', false)] })],
  ['an "or" of session clauses', () => ({ mode: 'or', predicates: [isIn('dimension', [dimension]), ordersIn(first, first + 60 * DAY)] })],
  ['a campaign clause', () => and(present('messages.campaign'), isIn('customers.gender', ['female', 'male']))],
  ['customers with 3+ orders, first order in a range', () => and(interval('customer_orders', 3, Infinity), interval('first_order_at', first, first + 120 * DAY))],
];

const specs: [string, AggregateSpec][] = [
  ['revenue and quantity by location (LocationBreakdown)', { kind: 'aggregate', table: 'sessions', groupBy: [{ field: 'customers.location' }], measures: ['revenue', 'quantity', 'buyers'], orderBy: { measure: 'revenue', order: 'desc' }, limit: 11 }],
  ['gender split by segment (ClvSegmentSplit)', { kind: 'aggregate', table: 'sessions', groupBy: [{ field: 'rfm_segment' }, { field: 'customers.gender' }], measures: ['buyers'] }],
  ['revenue and quantity by segment (BarList)', { kind: 'aggregate', table: 'sessions', groupBy: [{ field: 'rfm_segment' }], measures: ['revenue', 'quantity', 'buyers'], orderBy: { measure: 'revenue', order: 'desc' }, limit: 11 }],
  ['every measure by region and customers.rfm_segment', { kind: 'aggregate', groupBy: [{ field: 'customers.region' }, { field: 'customers.rfm_segment' }], measures: ['orders', 'sessions', 'revenue', 'discount', 'visitors', 'buyers', 'quantity', 'averageOrderValue'] }],
  ['KPIs of a selection (no group key)', { kind: 'aggregate', groupBy: [], measures: ['orders', 'revenue', 'visitors', 'buyers', 'averageOrderValue'] }],
  ['orders by first-order month and order count, ascending', { kind: 'aggregate', groupBy: [{ field: 'first_order_at', bucket: 'month' }, { field: 'customer_orders' }], measures: ['orders', 'visitors'], orderBy: { measure: 'orders', order: 'asc' } }],
  ['buyers by signup week, where a consent', { kind: 'aggregate', groupBy: [{ field: 'customers.signup_date', bucket: 'week' }], measures: ['buyers', 'revenue'], where: [isIn('customers.email_opt_in', ['true'])] }],
  ['revenue and quantity by retailer and segment (Scatter)', { kind: 'aggregate', table: 'sessions', groupBy: [{ field: 'dimension' }, { field: 'rfm_segment' }], measures: ['revenue', 'quantity'], orderBy: { measure: 'revenue', order: 'desc' }, limit: 1000 }],
  ['revenue and quantity by product and segment (Scatter on lines)', { kind: 'aggregate', table: 'lines', groupBy: [{ field: 'product' }, { field: 'rfm_segment' }], measures: ['lineRevenue', 'quantity', 'orders', 'lines', 'buyers'], orderBy: { measure: 'lineRevenue', order: 'desc' }, limit: 60 }],
  ['line revenue by category, gender and order month (lines)', { kind: 'aggregate', table: 'lines', groupBy: [{ field: 'category' }, { field: 'customers.gender' }, { field: 'session_start', bucket: 'month' }], measures: ['lineRevenue', 'visitors'] }],
  ['line revenue and quantity by retailer and segment (lines)', { kind: 'aggregate', table: 'lines', groupBy: [{ field: 'dimension' }, { field: 'rfm_segment' }], measures: ['lineRevenue', 'quantity', 'orders', 'lines', 'buyers'], orderBy: { measure: 'lineRevenue', order: 'desc' }, limit: 40 }],
  ['a daily series (TimeSeries, filled) under the selection', { kind: 'aggregate', groupBy: [{ field: 'session_start', bucket: 'day' }], measures: ['orders', 'revenue', 'averageOrderValue'], fill: true }],
  ['an hour-of-day profile, filled', { kind: 'aggregate', groupBy: [{ field: 'session_start', bucket: 'hourOfDay' }], measures: ['orders'], fill: true }],
  ['buyers per signup month, filled', { kind: 'aggregate', groupBy: [{ field: 'customers.signup_date', bucket: 'month' }], measures: ['buyers'], fill: true }],
  ['a weekday x hour heatmap by gender, purchase flag and promotion', { kind: 'aggregate', groupBy: [{ field: 'session_start', bucket: 'dayOfWeek' }, { field: 'session_start', bucket: 'hourOfDay' }, { field: 'customers.gender' }, { field: 'has_purchased' }, { field: 'promotion_id' }], measures: ['sessions', 'visitors', 'averageOrderValue'], orderBy: { measure: 'sessions' }, limit: 30 }],
  ['payment bins by segment, where a category', { kind: 'aggregate', groupBy: [{ field: 'payment_amount', step: 25 }, { field: 'customers.rfm_segment' }], measures: ['orders', 'discount'], where: [isIn('category', ['Grocery/Snacks', 'Home/Cleaning', 'Pets/Cat'])] }],
  ['customers grouped twice by download date', { kind: 'aggregate', groupBy: [{ field: 'customers.download_date', bucket: 'month' }, { field: 'customers.download_date', bucket: 'dayOfWeek' }], measures: ['visitors'], orderBy: { measure: 'visitors' }, limit: 15 }],
];

const cases = specs.flatMap(([name, spec]) => filters.map(([label, filter]) => [`${name}, ${label}`, () => ({ spec, filter: filter() }) as QueryRequest] as const));

describe('aggregates by customers fields equal the in-memory ones', () => {
  it.each(cases)('%s', async (name, make) => {
    const request = make();
    if (name.endsWith('no filter')) expect(runQuery(dataset, request).rows.length).toBeGreaterThan(0);
    // The server answers aggregates without customers, messages or segment fields itself.
    const worker = /"field":"(customers\.|messages\.|rfm_segment|customer_orders)/.test(JSON.stringify(request));
    expect(canRunSummaryAggregate(request)).toBe(worker);
    const memory = runQuery(dataset, request);
    const queries: QueryRequest[] = [];
    const remote = await runSummaryAggregate(request, customersEnvOf(dataset, [], queries));
    // The server is never asked about customers, messages or derived fields.
    expect(JSON.stringify(queries)).not.toMatch(/customers\.|messages\.|rfm_segment|customer_orders|gender|location/);
    expectSameRows(remote.rows, memory.rows);
    expect(remote.meta).toEqual(memory.meta);
  });

  it('has groups to compare', () => {
    const rows = runQuery(dataset, { spec: specs[1][1], filter: and() }).rows;
    expect(rows.length).toBeGreaterThan(10);
  });

  it('asks the server only for the clauses it can apply', async () => {
    const asked: Filter[] = [];
    const brush = interval('session_start', first, first + 90 * DAY);
    await runSummaryAggregate({ spec: specs[0][1], filter: and(brush, isIn('customers.gender', ['male']), isIn('rfm_segment', ['Champions'])) }, customersEnvOf(dataset, asked));
    // The clauses the server applies, then everything (the default segmentation, as the derived field).
    expect(asked).toEqual([and(brush), and()]);
  });

  it('runs only what it can, and refuses the rest with a TypeError', async () => {
    const spec = (s: Partial<AggregateSpec>): QueryRequest => ({ spec: { kind: 'aggregate', measures: ['orders'], groupBy: [{ field: 'customers.location' }], ...s }, filter: and() });
    // The server runs these itself.
    expect(canRunSummaryAggregate(spec({ groupBy: [{ field: 'dimension' }] }))).toBe(false);
    expect(canRunSummaryAggregate({ spec: { kind: 'aggregate', measures: ['orders'], groupBy: [{ field: 'client' }] }, filter: and(interval('first_order_at', 0, 1)) })).toBe(false);
    // A segment clause runs here (no cap on the clients of the segment).
    expect(canRunSummaryAggregate({ spec: { kind: 'aggregate', measures: ['orders'], groupBy: [] }, filter: and(isIn('rfm_segment', ['Champions'])) })).toBe(true);
    // Not from summaries.
    for (const request of [spec({ table: 'customers' })]) {
      expect(canRunSummaryAggregate(request)).toBe(false);
      await expect(runSummaryAggregate(request, customersEnvOf(dataset))).rejects.toThrow(TypeError);
    }
    // Without a server for aggregates: only per-customer keys on sessions, with the measures summaries sum.
    await expect(runSummaryAggregate(spec({ fill: true }), customersEnvOf(dataset))).rejects.toThrow(/fill needs exactly one group key, a time field/);
    const { query: _q, ...summariesOnly } = customersEnvOf(dataset);
    await expect(runSummaryAggregate(spec({ groupBy: [{ field: 'dimension' }, { field: 'customers.gender' }] }), summariesOnly)).rejects.toThrow(/cannot group its orders by client/);
    expect(canRunSummaryAggregate(spec({ measures: ['lineRevenue'] }))).toBe(false);
    await expect(runSummaryAggregate(spec({ measures: ['lineRevenue'] }), summariesOnly)).rejects.toThrow(/lineRevenue cannot be computed/);
    const mixed: QueryRequest = { ...spec({}), filter: { mode: 'or', predicates: [isIn('dimension', [dimension]), isIn('customers.gender', ['male'])] } };
    expect(canRunSummaryAggregate(mixed)).toBe(true);
    await expect(runSummaryAggregate(mixed, customersEnvOf(dataset))).rejects.toThrow(/"or" selection mixing/);
    const { customers: _c, ...env } = customersEnvOf(dataset);
    await expect(runSummaryAggregate(spec({}), env)).rejects.toThrow(/no customers pages/);
  });

  it('gives no rows when no session passes (but every filled hour)', async () => {
    for (const spec of [specs[0][1], { kind: 'aggregate', groupBy: [{ field: 'session_start', bucket: 'hourOfDay' }], measures: ['orders', 'averageOrderValue'], fill: true, limit: 5 } as AggregateSpec]) {
      const request: QueryRequest = { spec, filter: and(interval('session_start', 0, 1), isIn('customers.gender', ['male'])) };
      expect(await runSummaryAggregate(request, customersEnvOf(dataset))).toEqual(runQuery(dataset, request));
    }
  });

  it('asks for the lines of a large segment in chunks of the proxy\'s array cap, and adds them up', async () => {
    // 2 500 one-order customers (one segment, by gender 2 groups of 1 250): 2 chunks per gender.
    const n = 2500;
    const ids = Array.from({ length: n }, (_, i) => `c${String(i).padStart(4, '0')}`);
    const built = buildDataset({
      sessions: ids.map((client, i) => ({ id: `o${i}`, client, start: new Date(Date.UTC(2024, 0, 1 + (i % 300), 10)).toISOString(), payment: 10 + (i % 7) })),
      lines: ids.flatMap((_, i) => [{ order: `o${i}`, product: `p${i % 5}`, price: 3 + (i % 4), quantity: 1 + (i % 3) }, { order: `o${i}`, product: `p${(i + 2) % 5}`, price: 2 }]),
      customers: ids.map((client, i) => ({ client, gender: i % 2 ? 'male' : 'female' })),
    });
    // Every customer has a download date, as the importer requires.
    const shop: Dataset = { ...built, customers: { ...built.customers!, columns: { ...built.customers!.columns, download_date: times(ids.map(() => '2023-12-01T00:00Z')) } } };
    const request: QueryRequest = { spec: { kind: 'aggregate', table: 'lines', groupBy: [{ field: 'product' }, { field: 'customers.gender' }], measures: ['lineRevenue', 'quantity', 'orders', 'lines', 'buyers'] }, filter: and() };
    const queries: QueryRequest[] = [];
    const remote = await runSummaryAggregate(request, customersEnvOf(shop, [], queries));
    expect(queries.length).toBe(2 * Math.ceil(n / 2 / MAX_SEGMENT_CLIENTS));
    const memory = runQuery(shop, request);
    expect(memory.rows.length).toBe(10);
    expectSameRows(remote.rows, memory.rows);
  });
});
