import { Client } from '@elastic/elasticsearch';
import { registerAnalysis, runQuery, runQueryAsync } from '@clvkit/analytics';
import { importDataset, interval, isIn, type Dataset, type Filter, type QueryRequest, type Row } from '@clvkit/core';
import { createEngine, exportCsv, toCsv, type WorkerEngine } from '@clvkit/engine';
import { shopCsv } from '@clvkit/sample-data';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { elasticsearchSource } from '../../src/browser.js';
import { ingest } from '../../src/ingest/index.js';
import { createProxyHandler, standardFields } from '../../src/proxy/index.js';
import { startStandIn, type StandIn } from '../stand-in/server.js';

// The browser side end to end: the engine (inline worker: same code, same structured clone)
// loads `elasticsearchSource` pointing at the real proxy on a real http server, which runs the
// real query layer against the stand-in cluster holding the sample shop's CSV. Every answer
// must equal the in-memory analysis (`runQuery`) on the same CSV imported the same way.
let standIn: StandIn;
let client: Client;
let server: Server;
let url: string;
let dataset: Dataset;
let timeZone: string;
let engine: WorkerEngine;
const bodies: Record<string, unknown>[] = [];

beforeAll(async () => {
  const csv = shopCsv({ orders: 400, days: 120 });
  timeZone = csv.options.timeZone ?? 'UTC';
  standIn = await startStandIn();
  client = new Client({ node: standIn.url, maxRetries: 0 });
  const report = await ingest(csv.input, { client, createIndices: true, layout: { timeZone } });
  dataset = (await importDataset(csv.input, csv.options)).dataset;
  const proxy = createProxyHandler({ client, layout: report.layout, allow: { fields: standardFields(report.layout) } });
  // Record what the browser sends (the proxy reads the body itself: parse a copy).
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
      } catch {
        bodies.push({});
      }
      const replay = new Request('http://proxy.local/api/clvkit', { method: req.method, headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) });
      void proxy.fetch(replay).then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/clvkit`;
  engine = createEngine({ source: { ...elasticsearchSource({ endpoint: url, time: { timeZone } }), summaryPageSize: 40 } as never, worker: 'inline' });
}, 60_000);

afterAll(async () => {
  engine?.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await client.close();
  await standIn.close();
});

/** Numbers equal to 9 significant digits (sums may add in another order), everything else exactly. */
function expectSameRows(actual: readonly Row[], expected: readonly Row[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, k) => {
    expect(Object.keys(row).sort()).toEqual(Object.keys(expected[k]).sort());
    for (const [key, value] of Object.entries(expected[k])) {
      if (typeof value === 'number' && Number.isFinite(value)) expect(row[key] as number, `${k}.${key}`).toBeCloseTo(value, Math.max(0, 9 - Math.ceil(Math.log10(Math.abs(value) + 1))));
      else expect(row[key], `${k}.${key}`).toEqual(value);
    }
  });
}

const byClient = (rows: readonly Row[]) => [...rows].sort((a, b) => (String(a.client) < String(b.client) ? -1 : String(a.client) > String(b.client) ? 1 : 0));

function firstDimension(): string {
  const column = dataset.sessions.columns.dimension;
  return column.type === 'string' ? column.dictionary[0] : '';
}

function extent(): [number, number] {
  const column = dataset.sessions.columns.session_start;
  if (column.type !== 'time') throw new Error('no session times');
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of column.values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return [lo, hi];
}

const all: Filter = { mode: 'and', predicates: [] };

describe('elasticsearchSource in the engine', () => {
  it('loads: the exact time extent and session count of the indexed data, the given time zone', async () => {
    const info = await engine.ready();
    expect(info.timeExtent).toEqual(extent());
    expect(info.tables[0]).toMatchObject({ name: 'sessions', length: dataset.sessions.length });
    expect(info.time.timeZone).toBe(timeZone);
    // The proxy answers the `{ info }` probe: one request describes the data.
    expect(bodies.filter((b) => 'info' in b)).toHaveLength(1);
  });

  const pushedDown: [string, () => QueryRequest][] = [
    ['an ungrouped aggregate', () => ({ spec: { kind: 'aggregate', measures: ['orders', 'revenue', 'buyers'] }, filter: all })],
    ['revenue by dimension, organic only', () => ({ spec: { kind: 'aggregate', groupBy: [{ field: 'dimension' }], measures: ['orders', 'revenue'], orderBy: { measure: 'revenue', order: 'desc' } }, filter: { mode: 'and', predicates: [{ type: 'present', field: 'promotion_id', present: false }] } })],
    ['kpis', () => ({ spec: { kind: 'analysis', name: 'kpis' }, filter: all })],
    ['weekly orders of one dimension', () => ({ spec: { kind: 'analysis', name: 'weekly_orders' }, filter: { mode: 'and', predicates: [isIn('dimension', [firstDimension()])] } })],
  ];
  it.each(pushedDown)('pushed down: %s equals the in-memory engine', async (_name, make) => {
    const request = make();
    const { rows } = await engine.query(request.spec, { filter: request.filter });
    const memory = runQuery(dataset, request).rows;
    expect(memory.length).toBeGreaterThan(0);
    expectSameRows(rows, memory);
  });

  const perCustomer: [string, () => QueryRequest, boolean][] = [
    ['rfm', () => ({ spec: { kind: 'analysis', name: 'rfm' }, filter: all }), true],
    ['rfm, quantiles, average monetary, one dimension', () => ({ spec: { kind: 'analysis', name: 'rfm', params: { method: 'quantile', monetary: 'average' } }, filter: { mode: 'and', predicates: [isIn('dimension', [firstDimension()])] } }), true],
    ['rfm as of a brushed range', () => ({ spec: { kind: 'analysis', name: 'rfm' }, filter: { mode: 'and', predicates: [interval('session_start', extent()[0] + 20 * 86_400_000, extent()[0] + 80 * 86_400_000)] } }), true],
    ['segmentation', () => ({ spec: { kind: 'analysis', name: 'segmentation' }, filter: all }), false],
    ['customer_status', () => ({ spec: { kind: 'analysis', name: 'customer_status', params: { activeDays: 30, longGoneDays: 60 } }, filter: all }), false],
    ['customer_status as of a date', () => ({ spec: { kind: 'analysis', name: 'customer_status', params: { asOf: extent()[0] + 70 * 86_400_000, activeDays: 20, longGoneDays: 45 } }, filter: all }), false],
    ['churn', () => ({ spec: { kind: 'analysis', name: 'churn' }, filter: all }), false],
    ['churn of one dimension in a brushed range', () => ({ spec: { kind: 'analysis', name: 'churn' }, filter: { mode: 'and', predicates: [isIn('dimension', [firstDimension()]), interval('session_start', extent()[0], extent()[0] + 90 * 86_400_000)] } }), false],
  ];
  it.each(perCustomer)('from summaries: %s equals the in-memory engine', async (_name, make, sortByClient) => {
    const request = make();
    const remote = await engine.query(request.spec, { filter: request.filter });
    const memory = runQuery(dataset, request);
    expect(memory.rows.length).toBeGreaterThan(0);
    // Documented difference: summary rows come in client-id order, not first appearance.
    expectSameRows(sortByClient ? byClient(remote.rows) : remote.rows, sortByClient ? byClient(memory.rows) : memory.rows);
    expect(remote.meta).toEqual(memory.meta);
  });

  const click = (): Filter => ({ mode: 'and', predicates: [isIn('rfm_segment', ['Champions', 'Hibernating'])] });
  it('a segment click (derived rfm_segment) works on aggregates: resolved in the worker to client ids', async () => {
    const request: QueryRequest = { spec: { kind: 'aggregate', groupBy: [{ field: 'dimension' }], measures: ['orders', 'revenue', 'buyers'] }, filter: click() };
    const { rows } = await engine.query(request.spec, { filter: request.filter });
    const memory = runQuery(dataset, request).rows;
    expect(memory.length).toBeGreaterThan(0);
    expectSameRows(rows, memory);
  });

  it('a segment click on rfm and customer_status equals the in-memory engine', async () => {
    for (const name of ['rfm', 'customer_status']) {
      const request: QueryRequest = { spec: { kind: 'analysis', name }, filter: click() };
      const remote = await engine.query(request.spec, { filter: request.filter });
      const memory = runQuery(dataset, request);
      expectSameRows(name === 'rfm' ? byClient(remote.rows) : remote.rows, name === 'rfm' ? byClient(memory.rows) : memory.rows);
      expect(remote.meta).toEqual(memory.meta);
    }
  });

  it('pages the summaries: several pages of 40 rows, each resumed from the previous after', async () => {
    const before = bodies.length;
    await engine.query({ kind: 'analysis', name: 'rfm', params: { seed: 7 } }, { filter: { mode: 'and', predicates: [isIn('dimension', [firstDimension()]), { type: 'present', field: 'promotion_id', present: false }] } });
    const pages = bodies.slice(before).filter((b) => 'summaries' in b) as { summaries: { after?: unknown; size: number } }[];
    expect(pages.length).toBeGreaterThan(2);
    expect(pages[0].summaries.after).toBeUndefined();
    for (const page of pages.slice(1)) expect(page.summaries.after).toBeTruthy();
    expect(pages.every((p) => p.summaries.size === 40)).toBe(true);
  });

  it('asks the proxy once per analysis name: later rfm queries go straight to summaries', async () => {
    const before = bodies.length;
    await engine.query({ kind: 'analysis', name: 'rfm', params: { seed: 11 } }, { filter: { mode: 'and', predicates: [{ type: 'present', field: 'promotion_id', present: true }] } });
    const sent = bodies.slice(before);
    expect(sent.some((b) => 'request' in b)).toBe(false);
    expect(sent.some((b) => 'summaries' in b)).toBe(true);
  });

  it('a refused query rejects with the proxy status, code and message', async () => {
    const error = await engine.query({ kind: 'aggregate', groupBy: [{ field: 'no_such_field' }], measures: ['orders'] }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('RemoteSourceError');
    expect((error as Error).message).toMatch(/no_such_field/);
    expect((error as Error).message).toMatch(/\(data endpoint: 40\d [a-z-]+\)/);
  });

  it('an analysis neither pushed down nor worker-side (a host-registered one) says so', async () => {
    registerAnalysis({ name: 'host_only_analysis', description: 'registered by a host in the worker only', run: () => ({ rows: [] }) } as never);
    const error = await engine.query({ kind: 'analysis', name: 'host_only_analysis' }).catch((e: unknown) => e as Error);
    expect((error as Error).name).toBe('RemoteSourceError');
    expect((error as Error).message).toMatch(/host_only_analysis/);
  });

  it('cohorts run in the worker on a timeline rebuilt from activity pages, equal to the in-memory engine', async () => {
    const before = bodies.length;
    const request: QueryRequest = { spec: { kind: 'analysis', name: 'retention_cohorts' }, filter: { mode: 'and', predicates: [isIn('dimension', [firstDimension()])] } };
    const remote = await engine.query(request.spec, { filter: request.filter });
    const memory = runQuery(dataset, request);
    expect(memory.rows.length).toBeGreaterThan(0);
    expect(remote.rows).toEqual(memory.rows.map((row) => expect.objectContaining(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'number' ? expect.closeTo(v, 6) : v])))));
    const activity = bodies.slice(before).filter((b) => 'activity' in b) as { activity: { filter: { predicates: unknown[] } } }[];
    expect(activity.length).toBeGreaterThan(0);
    expect(activity[0].activity.filter.predicates).toEqual(request.filter.predicates);
  });

  it('search while typing: the same hits as in memory, the value lists asked once', async () => {
    const before = bodies.length;
    for (const query of ['m', 'mo', 'mou', 'mous', 'mouse']) {
      const request: QueryRequest = { spec: { kind: 'analysis', name: 'search', params: { query } }, filter: all };
      const remote = await engine.query(request.spec);
      const memory = runQuery(dataset, request);
      expect(remote.rows, query).toEqual(memory.rows);
    }
    const productLists = bodies.slice(before).filter((b) => JSON.stringify(b).includes('"groupBy":[{"field":"product"}]'));
    expect(productLists).toHaveLength(1);
  });

  it('CLV predictions run from summaries: the same customers, t_x and T as in memory (x may count same-day orders, see analytics summaries/clv.ts)', async () => {
    const request: QueryRequest = { spec: { kind: 'analysis', name: 'client_feature_predicted', params: { limit: 10_000, sort: 'client' } }, filter: all };
    const remote = await engine.query(request.spec);
    const memory = await runQueryAsync(dataset, request);
    expect(remote.rows.map((r) => r.client)).toEqual(memory.rows.map((r) => r.client));
    expect(remote.rows.map((r) => [r.t_x, r.T])).toEqual(memory.rows.map((r) => [r.t_x, r.T]));
    expect(remote.rows.every((r, i) => (r.x as number) >= (memory.rows[i].x as number))).toBe(true);
  });

  it('report() with the seed-style date and dimension: the cut-off day and as-of, as in memory', async () => {
    const date = new Date(extent()[0] + 60 * 86_400_000).toISOString().slice(0, 10);
    const remote = await engine.report('customer_status', { date, dimension: firstDimension(), activeDays: 20, longGoneDays: 40 });
    const { reportRequest } = await import('@clvkit/analytics');
    const memory = runQuery(dataset, reportRequest(dataset, 'customer_status', { date, dimension: firstDimension(), activeDays: 20, longGoneDays: 40 }));
    expectSameRows(remote.rows, memory.rows);
    expect(remote.meta).toEqual(memory.meta);
    // An analysis without asOf gets the date as its cut-off only (as reportRequest in memory).
    const counts = await engine.report('user_counts_per_order_seq', { date, max: 5 });
    expectSameRows(counts.rows, runQuery(dataset, reportRequest(dataset, 'user_counts_per_order_seq', { date, max: 5 })).rows);
  });

  it('CSV export works over the proxy', async () => {
    const csv = await exportCsv(engine, 'segmentation');
    expect(csv).toBe(toCsv(runQuery(dataset, { spec: { kind: 'analysis', name: 'segmentation' }, filter: all }).rows));
  });

  it('report() works over the proxy (kpis)', async () => {
    const { rows } = await engine.report('kpis');
    expectSameRows(rows, runQuery(dataset, { spec: { kind: 'analysis', name: 'kpis' }, filter: all }).rows);
  });
});
