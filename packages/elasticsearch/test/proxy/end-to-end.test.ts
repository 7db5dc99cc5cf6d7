import { Client } from '@elastic/elasticsearch';
import { runQuery } from '@clvkit/analytics';
import { importDataset, type Dataset, type QueryRequest, type Row } from '@clvkit/core';
import { shopCsv } from '@clvkit/sample-data';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import type { IndexLayout } from '../../src/layout.js';
import { createProxyHandler, standardFields } from '../../src/proxy/index.js';
import { startStandIn, type StandIn } from '../stand-in/server.js';

// The whole server side at once: the sample shop's CSV ingested into the stand-in (8.x headers,
// strict mappings), the proxy on a real http server running the real query layer, and the
// answers compared with the in-memory engine (`runQuery`) on the same CSV imported the same way.
let standIn: StandIn;
let client: Client;
let server: Server;
let url: string;
let dataset: Dataset;
let reportLayout: IndexLayout;

beforeAll(async () => {
  const csv = shopCsv({ orders: 400, days: 90 });
  standIn = await startStandIn();
  client = new Client({ node: standIn.url, maxRetries: 0 });
  const report = await ingest(csv.input, { client, createIndices: true, layout: { timeZone: csv.options.timeZone } });
  dataset = (await importDataset(csv.input, csv.options)).dataset;
  reportLayout = report.layout;
  const proxy = createProxyHandler({ client, layout: report.layout, allow: { fields: standardFields(report.layout) } });
  server = createServer(proxy.node);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/clvkit`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await client.close();
  await standIn.close();
});

async function viaProxy(request: QueryRequest): Promise<Row[]> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ request }) });
  const json = (await response.json()) as { result?: { rows: Row[] }; error?: unknown };
  expect(response.status, JSON.stringify(json.error)).toBe(200);
  return json.result!.rows;
}

/** Rows equal, numbers to 9 significant digits (sums may add in another order). */
function expectSameRows(actual: Row[], expected: Row[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, k) => {
    expect(Object.keys(row).sort()).toEqual(Object.keys(expected[k]).sort());
    for (const [key, value] of Object.entries(expected[k])) {
      if (typeof value === 'number' && Number.isFinite(value)) expect(row[key] as number).toBeCloseTo(value, Math.max(0, 9 - Math.ceil(Math.log10(Math.abs(value) + 1))));
      else expect(row[key]).toEqual(value);
    }
  });
}

const all = { mode: 'and', predicates: [] } as const;
const REQUESTS: [string, () => QueryRequest][] = [
  ['kpis', () => ({ spec: { kind: 'analysis', name: 'kpis' }, filter: all })],
  ['monthly orders', () => ({ spec: { kind: 'analysis', name: 'monthly_orders' }, filter: all })],
  ['revenue by dimension, organic only', () => ({ spec: { kind: 'aggregate', groupBy: [{ field: 'dimension' }], measures: ['orders', 'revenue', 'buyers'], orderBy: { measure: 'revenue', order: 'desc' } }, filter: { mode: 'and', predicates: [{ type: 'present', field: 'promotion_id', present: false }] } })],
  ['orders by week, one dimension', () => ({ spec: { kind: 'aggregate', groupBy: [{ field: 'session_start', bucket: 'week' }], measures: ['orders', 'sessions'] }, filter: { mode: 'and', predicates: [{ type: 'in', field: 'dimension', values: [dataset_dimension()] }] } })],
  ['lines by category', () => ({ spec: { kind: 'aggregate', table: 'lines', groupBy: [{ field: 'category' }], measures: ['quantity', 'lineRevenue', 'lines'] }, filter: all })],
];

function dataset_dimension(): string {
  // The first dimension value of the sample shop's sessions (read after import).
  const column = dataset.sessions.columns.dimension;
  return column.type === 'string' ? column.dictionary[0] : '';
}

describe('end to end: ingest -> proxy -> query layer -> stand-in equals the in-memory engine', () => {
  it.each(REQUESTS)('%s', async (_name, make) => {
    const request = make();
    const memory = runQuery(dataset, request).rows;
    const proxied = await viaProxy(request);
    expect(memory.length).toBeGreaterThan(0);
    expectSameRows(proxied, memory);
  });
});

describe('end to end: summaries paging through the proxy', () => {
  it('pages every customer with a session once, revenues summing to the in-memory total', async () => {
    const rows: { client: string; revenue: number }[] = [];
    let after: unknown = null;
    let pages = 0;
    do {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ summaries: { filter: all, size: 25, ...(after ? { after } : {}) } }) });
      expect(response.status).toBe(200);
      const page = (await response.json()) as { rows: { client: string; revenue: number }[]; after: unknown };
      rows.push(...page.rows);
      after = page.after;
      pages++;
    } while (after !== null && pages < 100);
    const sessions = dataset.sessions;
    const clients = sessions.columns.client;
    const payments = sessions.columns.payment_amount;
    const purchased = sessions.columns.has_purchased;
    if (clients.type !== 'string' || payments.type !== 'number' || purchased.type !== 'boolean') throw new Error('unexpected columns');
    const expected = new Set<string>();
    let revenue = 0;
    for (let k = 0; k < sessions.length; k++) {
      expected.add(clients.dictionary[clients.codes[k]]);
      if (purchased.values[k] === 1) revenue += payments.values[k];
    }
    expect(new Set(rows.map((r) => r.client))).toEqual(expected);
    expect(rows.length).toBe(expected.size);
    expect(pages).toBeGreaterThan(1);
    expect(rows.reduce((s, r) => s + r.revenue, 0)).toBeCloseTo(revenue, 6);
  });
});

describe('end to end: values and index pages', () => {
  it('filters on a product whose name holds an inch mark (a double quote)', async () => {
    const request: QueryRequest = { spec: { kind: 'aggregate', table: 'lines', groupBy: [{ field: 'product' }], measures: ['quantity', 'lines'] }, filter: { mode: 'and', predicates: [{ type: 'in', field: 'product', values: ['Laptop Sleeve 14"'] }] } };
    const memory = runQuery(dataset, request).rows;
    expect(memory).toHaveLength(1);
    expectSameRows(await viaProxy(request), memory);
  });

  it('pages the customers index with only the allow-listed fields of each customer', async () => {
    const fields = standardFields(reportLayout);
    const narrow = createProxyHandler({ client, layout: reportLayout, allow: { fields: { ...fields, customers: ['client', 'download_date', 'gender'] } } });
    const wide = createProxyHandler({ client, layout: reportLayout, allow: { fields } });
    const page = async (handler: typeof narrow) => {
      const response = await handler.fetch(new Request('http://x/api', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ customers: { size: 5 } }) }));
      expect(response.status).toBe(200);
      return (await response.json()) as { rows: { client: string; download_date: number | null; signup_date: number | null; attributes: Record<string, unknown>; actions: Record<string, unknown> }[]; after: unknown };
    };
    const [trimmed, whole] = await Promise.all([page(narrow), page(wide)]);
    expect(trimmed.rows.map((r) => r.client)).toEqual(whole.rows.map((r) => r.client));
    expect(Object.keys(whole.rows[0].attributes).length).toBeGreaterThan(1);
    for (const row of trimmed.rows) {
      expect(Object.keys(row.attributes)).toEqual(['gender']);
      expect(row.actions).toEqual({});
      expect(row.signup_date).toBeNull();
    }
    expect(trimmed.rows[0].download_date).toBe(whole.rows[0].download_date);
  });
});
