import { calendarFor, importDataset, isIn, type AggregateSpec, type Dataset, type Filter, type QueryRequest, type Row } from '@clvkit/core';
import { generateShop, type SessionRow } from '@clvkit/sample-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { runQuery, runQueryAsync, runSummaryAnalysis, type SummaryEnv } from '../../src/index.js';
import { PAIRS_PER_REQUEST, productChunks } from '../../src/summaries/clv-by.js';
import { customersEnvOf } from './customers-harness.js';
import { analysis, expectSameRows } from './harness.js';

// clv_by from summaries, customers pages and server aggregates against the in-memory clv_by.
// The summary CLV model counts orders where the in-memory model counts purchase days (see
// clv.test.ts), so the parity shop has at most one purchase per customer and local day (`shop`
// turns a later purchase of the day into a browsing session) and the two must agree exactly; a shop
// with same-day orders shows the documented difference.

const ZONE = 'Europe/London';

/**
 * The sample shop (sessions, basket lines unless `lines` is false, customers) with at most one
 * purchase per customer and local day (a later purchase of a day becomes a browsing session),
 * or with `sameDayExtra` a second order (12.50, no lines) a minute after the first order of
 * every 10th buyer.
 */
async function shop({ lines = true, sameDayExtra = false } = {}): Promise<Dataset> {
  const data = generateShop({ orders: 1500, seed: 9, timeZone: ZONE });
  const calendar = calendarFor({ timeZone: data.options.timeZone, weekStart: data.options.weekStart });
  const purchasedOn = new Set<string>();
  const buyers = new Set<string>();
  const sessions: SessionRow[] = [];
  for (const row of data.input.sessions.data) {
    const key = `${row.client}@${calendar.floor(row.session_start, 'day')}`;
    if (!row.has_purchased) sessions.push(row);
    else if (purchasedOn.has(key)) sessions.push({ ...row, has_purchased: false, payment_amount: 0, discount_amount: 0, promotion_id: null });
    else {
      purchasedOn.add(key);
      sessions.push(row);
      if (sameDayExtra && !buyers.has(row.client)) {
        buyers.add(row.client);
        if (buyers.size % 10 === 3) sessions.push({ ...row, order_id: `x${row.order_id}`, session_start: row.session_start + 60_000, session_end: row.session_end + 60_000, payment_amount: 12.5, discount_amount: 0, promotion_id: null });
      }
    }
  }
  const input = { sessions: { ...data.input.sessions, data: sessions }, customers: data.input.customers, ...(lines && { lines: data.input.lines }) };
  return (await importDataset(input, data.options)).dataset;
}

let dataset: Dataset;
let asked: QueryRequest[];
let env: SummaryEnv;
beforeAll(async () => {
  dataset = await shop();
  asked = [];
  env = {
    ...customersEnvOf(dataset),
    query: async (request) => {
      asked.push(request);
      return runQuery(dataset, request);
    },
  };
}, 60_000);

/** The first value of a text column's dictionary (a value the sample data has). */
function firstValue(table: 'sessions' | 'customers', column: string): string {
  const c = dataset[table]!.columns[column];
  if (c?.type !== 'string') throw new Error(`${table}.${column} missing`);
  return c.dictionary[0];
}

/** Meta flattened one level (`bgnbd.r`, ...), for `expectSameRows`. */
function flat(meta: Readonly<Record<string, unknown>> | undefined): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(meta ?? {})) {
    if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out[`${key}.${k}`] = v as Row[string];
    else out[key] = value as Row[string];
  }
  return out;
}

const FILTERS: [string, () => Filter][] = [
  ['no filter', () => ({ mode: 'and', predicates: [] })],
  ['a dimension filter (refits on those orders)', () => ({ mode: 'and', predicates: [isIn('dimension', [firstValue('sessions', 'dimension')])] })],
  ['a customers-field filter (selects customers, same fit)', () => ({ mode: 'and', predicates: [isIn('customers.location', [firstValue('customers', 'location')])] })],
];
const KINDS = ['segment', 'location', 'product', 'dimension'] as const;
const CASES = KINDS.flatMap((by) => FILTERS.map(([name, filter]) => [by, name, filter] as const));

describe('clv_by from summaries, nobody ordering twice on one day: equal to the in-memory clv_by', () => {
  it.each(CASES)('by %s under %s', async (by, _name, filter) => {
    const request = analysis('clv_by', { by, horizonDays: 182 }, filter());
    const memory = await runQueryAsync(dataset, request);
    const remote = await runSummaryAnalysis(request, env);
    expect(memory.rows.some((row) => (row.customers as number) > 0 && (row.expectedRevenue as number) > 0)).toBe(true);
    expectSameRows(remote.rows, memory.rows);
    expectSameRows([flat(remote.meta)], [flat(memory.meta)]);
  }, 60_000);

  it('gender, an explicit as-of, a segment click and a limit', async () => {
    const asOf = env.timeExtent![1] - 30 * 86_400_000;
    for (const request of [
      analysis('clv_by', { by: 'gender', asOf }),
      analysis('clv_by', { by: 'product', limit: 5, discountRate: 0.02 }, { mode: 'and', predicates: [isIn('rfm_segment', ['Champions', 'Loyal Customers'])] }),
      analysis('clv_by', { by: 'location' }, { mode: 'and', predicates: [isIn('customers.gender', [firstValue('customers', 'gender')]), isIn('dimension', [firstValue('sessions', 'dimension')])] }),
    ]) {
      const memory = await runQueryAsync(dataset, request);
      const remote = await runSummaryAnalysis(request, env);
      expectSameRows(remote.rows, memory.rows);
      expectSameRows([flat(remote.meta)], [flat(memory.meta)]);
    }
  }, 60_000);

  it('without basket lines: no expectedUnits, and by product refused, as in memory', async () => {
    const noLines = await shop({ lines: false });
    const bare: SummaryEnv = { ...customersEnvOf(noLines), query: async (request) => runQuery(noLines, request) };
    for (const by of ['segment', 'location', 'dimension']) {
      const request = analysis('clv_by', { by });
      const memory = await runQueryAsync(noLines, request);
      const remote = await runSummaryAnalysis(request, bare);
      expect(memory.rows[0]).not.toHaveProperty('expectedUnits');
      expectSameRows(remote.rows, memory.rows);
    }
    const product = analysis('clv_by', { by: 'product' });
    await expect(runQueryAsync(noLines, product)).rejects.toThrow(/basket lines/);
    await expect(runSummaryAnalysis(product, bare)).rejects.toThrow(/basket lines/);
  }, 60_000);

  it('asks the server only the aggregate shapes its query layer runs (covered by the Elasticsearch parity tests)', async () => {
    asked.length = 0;
    await runSummaryAnalysis(analysis('clv_by', { by: 'product' }), env);
    await runSummaryAnalysis(analysis('clv_by', { by: 'dimension' }), env);
    const shapes = new Set(asked.map((r) => (r.spec.kind === 'aggregate' ? `${r.spec.table ?? 'sessions'}:${(r.spec.groupBy ?? []).map((k) => k.field).join('+')}:${r.spec.measures.join('+')}` : r.spec.kind)));
    expect([...shapes].sort()).toEqual(['lines::lines', 'lines:client+product:lineRevenue+quantity', 'lines:product:visitors', 'sessions:client+dimension:revenue+orders+quantity']);
  }, 60_000);

  it('by product asks three aggregates on the demo shop (208 products), not one per product', async () => {
    // The demo dashboard's shop (examples/elasticsearch: 5,000 orders, default seed).
    const data = generateShop({ orders: 5_000 });
    const demo = (await importDataset(data.input, data.options)).dataset;
    const requests: QueryRequest[] = [];
    const demoEnv: SummaryEnv = { ...customersEnvOf(demo), query: async (request) => (requests.push(request), runQuery(demo, request)) };
    const result = await runSummaryAnalysis(analysis('clv_by', { by: 'product', limit: 100_000 }), demoEnv);
    const products = runQuery(demo, { spec: { kind: 'aggregate', table: 'lines', groupBy: [{ field: 'product' }], measures: ['lines'] }, filter: { mode: 'and', predicates: [] } }).rows.length;
    expect(products).toBe(208);
    expect(result.rows.length).toBeGreaterThan(100);
    // Before: the lines count, the products, then one request per product (210).
    expect(requests.length).toBe(3);
  }, 120_000);
});

describe('productChunks: the client × product requests of clv_by by product', () => {
  it('one request without a product clause while the customer counts add up to at most PAIRS_PER_REQUEST', () => {
    expect(productChunks([{ product: 'a', visitors: PAIRS_PER_REQUEST - 1 }, { product: null, visitors: 1 }])).toEqual([[]]);
  });

  it('above it: products in listing order up to PAIRS_PER_REQUEST each, a larger product alone, the null product apart', () => {
    const rows: Row[] = [
      { product: 'a', visitors: 6_000 },
      { product: 'b', visitors: 3_000 },
      { product: 'c', visitors: 2_000 },
      { product: null, visitors: 5 },
      { product: 'd', visitors: 12_000 },
    ];
    // Hand-worked: a + b = 9,000; + c would be 11,000; c + d would be 14,000.
    expect(productChunks(rows)).toEqual([[isIn('product', ['a', 'b'])], [{ type: 'present', field: 'product', present: false }], [isIn('product', ['c'])], [isIn('product', ['d'])]]);
  });

  it('chunked requests give the rows of the single request (in memory, every product its own chunk)', () => {
    const filter: Filter = { mode: 'and', predicates: [] };
    const spec: AggregateSpec = { kind: 'aggregate', table: 'lines', groupBy: [{ field: 'client' }, { field: 'product' }], measures: ['lineRevenue', 'quantity'] };
    const products = runQuery(dataset, { spec: { kind: 'aggregate', table: 'lines', groupBy: [{ field: 'product' }], measures: ['visitors'] }, filter }).rows;
    const chunks = productChunks(products.map((row) => ({ ...row, visitors: PAIRS_PER_REQUEST })));
    expect(chunks.length).toBe(products.length);
    const chunked = chunks.flatMap((where) => runQuery(dataset, { spec: { ...spec, where }, filter }).rows);
    const key = (row: Row) => `${String(row.client)}\u001f${String(row.product)}`;
    const sorted = (rows: readonly Row[]) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    expectSameRows(sorted(chunked), sorted(runQuery(dataset, { spec, filter }).rows));
  });
});

describe('clv_by from summaries with same-day orders: the documented difference', () => {
  it('groups, customers and the as-of means (recency, frequency, monetary) are exact; the predictions move with x = orders − 1', async () => {
    const raw = await shop({ sameDayExtra: true });
    const rawEnv: SummaryEnv = { ...customersEnvOf(raw), query: async (request) => runQuery(raw, request) };
    for (const by of ['location', 'product']) {
      const request = analysis('clv_by', { by, limit: 100_000 });
      const memory = await runQueryAsync(raw, request);
      const remote = await runSummaryAnalysis(request, rawEnv);
      const byKey = (rows: readonly Row[]) => [...rows].sort((a, b) => String(a.key).localeCompare(String(b.key)));
      const [r, m] = [byKey(remote.rows), byKey(memory.rows)];
      expectSameRows(r, m, ['key', 'customers', 'recency', 'frequency', 'monetary']);
      // The fits differ (x counts orders here, purchase days in memory), so the expected revenue does.
      expect(r.some((row, k) => Math.abs((row.expectedRevenue as number) - (m[k].expectedRevenue as number)) > 1e-6 * (m[k].expectedRevenue as number))).toBe(true);
      expect(remote.meta?.bgnbd).not.toEqual(memory.meta?.bgnbd);
    }
  }, 60_000);
});
