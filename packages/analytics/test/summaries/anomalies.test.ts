import { calendarFor, importDataset, isIn, type Dataset, type Filter, type QueryRequest, type QueryResult, type Row } from '@clvkit/core';
import { sampleDataset } from '@clvkit/sample-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { runQueryAsync, runSummaryAnalysis, type SummaryEnv } from '../../src/index.js';
import { customersEnvOf } from './customers-harness.js';
import { analysis, envOf, expectSameRows } from './harness.js';
import { sampleShop, withQuery } from './sample-shop.js';

// The anomaly analyses on a remote source against the registry analyses on the same sample
// shop: daily series from `env.query` (here the in-memory registry answering the pushed-down
// daily_orders / daily_funnel), the cohort on a timeline dataset of activity and customers
// pages, the CLV model and window from summaries. Same rows (scores to 9 significant digits)
// and meta.
const EPOCHS = 5;
const SLOW = 120_000;
const DAY = 86_400_000;

let dataset: Dataset;
let first: number;
let last: number;
let oneDimension: () => Filter;
let brushed: () => Filter;

beforeAll(async () => {
  const shop = await sampleShop();
  ({ dataset, first, last } = shop);
  oneDimension = () => shop.oneDimension;
  brushed = () => shop.brushed(60, 120);
});

/** The harness env with customers pages and `query` answered by the in-memory registry. */
const remoteEnv = (data: Dataset, asked: QueryRequest[] = []): SummaryEnv => withQuery(customersEnvOf(data), data, asked);

/** A row with its `features` object spread into `feature.<name>` fields, so numbers compare to 9 digits. */
function flat(rows: readonly Row[]): Row[] {
  return rows.map((row) => {
    const { features, ...rest } = row as Row & { features?: Record<string, number> };
    return { ...rest, ...Object.fromEntries(Object.entries(features ?? {}).map(([k, v]) => [`feature.${k}`, v])) };
  });
}

/** Plain JSON with every nested object flattened to `a.b.c` keys (arrays kept whole). */
function flatMeta(meta: unknown, prefix = '', out: Row = {}): Row {
  for (const [k, v] of Object.entries(JSON.parse(JSON.stringify(meta ?? {})) as Record<string, unknown>)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) flatMeta(v, `${prefix}${k}.`, out);
    else out[`${prefix}${k}`] = (Array.isArray(v) ? JSON.stringify(v) : v) as Row[string];
  }
  return out;
}

function expectSameResult(remote: QueryResult, memory: QueryResult): void {
  expectSameRows(flat(remote.rows), flat(memory.rows));
  expectSameRows([flatMeta(remote.meta)], [flatMeta(memory.meta)]);
}

async function both(data: Dataset, request: QueryRequest, env: SummaryEnv = remoteEnv(data)): Promise<{ remote: QueryResult; memory: QueryResult }> {
  const [remote, memory] = [await runSummaryAnalysis(request, env), await runQueryAsync(data, request)];
  expect(memory.rows.length).toBeGreaterThan(0);
  return { remote, memory };
}

describe('daily series anomalies from the server’s daily aggregates', () => {
  const cases: [string, () => QueryRequest][] = [
    ['dorders_anomaly', () => analysis('dorders_anomaly', { epochs: EPOCHS })],
    ['dorders_anomaly of one dimension, seed 3, k 2', () => analysis('dorders_anomaly', { epochs: EPOCHS, seed: 3, k: 2 }, oneDimension())],
    ['dorders_anomaly in a brushed range (trained on the whole history)', () => analysis('dorders_anomaly', { epochs: EPOCHS }, brushed())],
    ['dfunnel_anomaly', () => analysis('dfunnel_anomaly', { epochs: EPOCHS })],
    ['dfunnel_anomaly of one dimension in a brushed range', () => analysis('dfunnel_anomaly', { epochs: EPOCHS }, { mode: 'and', predicates: [...oneDimension().predicates, ...brushed().predicates] })],
  ];
  it.each(cases)('%s', { timeout: SLOW }, async (_name, make) => {
    const asked: QueryRequest[] = [];
    const request = make();
    const { remote, memory } = await both(dataset, request, remoteEnv(dataset, asked));
    expectSameResult(remote, memory);
    // One pushed-down series, without the date range (the whole history trains the detector).
    expect(asked).toHaveLength(1);
    expect(asked[0].spec).toEqual({ kind: 'analysis', name: request.spec.kind === 'analysis' && request.spec.name === 'dorders_anomaly' ? 'daily_orders' : 'daily_funnel' });
    expect(asked[0].filter.predicates.some((p) => p.type === 'interval')).toBe(false);
  });

  it('needs the server’s series (a source without queries is told so)', async () => {
    await expect(runSummaryAnalysis(analysis('dorders_anomaly'), envOf(dataset))).rejects.toThrow(/dorders_anomaly needs the server's daily series/);
  });
});

describe('dcohort_anomaly on a timeline dataset of activity and customers pages', () => {
  it.each([
    ['every cohort', () => analysis('dcohort_anomaly', { epochs: EPOCHS })],
    ['cohorts in a brushed range, one dimension', () => analysis('dcohort_anomaly', { epochs: EPOCHS }, { mode: 'and', predicates: [...oneDimension().predicates, ...brushed().predicates] })],
  ] as [string, () => QueryRequest][])('%s', { timeout: SLOW }, async (_name, make) => {
    const { remote, memory } = await both(dataset, make());
    const { approximatedOrders, ...meta } = remote.meta as Record<string, unknown>;
    expect(approximatedOrders).toBeTypeOf('number');
    expectSameResult({ rows: remote.rows, meta }, memory);
  });
});

/**
 * The sample shop's sessions with every purchase after a client's first one on the same local
 * day turned into a browsing session: there the in-memory CLV (order days) and the summaries'
 * (orders) agree exactly.
 */
async function oneOrderPerDay(): Promise<Dataset> {
  const { dataset: shop } = await sampleDataset({ orders: 2500, seed: 9, timeZone: 'Europe/London' });
  const calendar = calendarFor(shop.time);
  const c = shop.sessions.columns;
  if (c.client.type !== 'string' || c.session_start.type !== 'time' || c.has_purchased.type !== 'boolean' || c.payment_amount.type !== 'number') throw new Error('sample columns missing');
  const { client, session_start: start, has_purchased: bought, payment_amount: pay } = c;
  const days = new Set<string>();
  const sessions = Array.from({ length: shop.sessions.length }, (_, i) => {
    const id = client.dictionary[client.codes[i]];
    const day = `${id} ${calendar.floor(start.values[i], 'day')}`;
    const purchased = bought.values[i] === 1 && !days.has(day);
    if (purchased) days.add(day);
    return { order_id: `s${i}`, client: id, session_start: start.values[i], has_purchased: purchased, payment_amount: purchased ? pay.values[i] : 0 };
  });
  return (await importDataset({ sessions: { data: sessions } }, { timeZone: 'Europe/London' })).dataset;
}

describe('clvrfm_anomaly from summaries (nobody ordering twice on one day)', () => {
  let shop: Dataset;
  let end: number;
  beforeAll(async () => {
    shop = await oneOrderPerDay();
    end = envOf(shop).timeExtent![1];
  });
  it.each([
    ['default window (90 days)', () => analysis('clvrfm_anomaly', { epochs: EPOCHS })],
    ['60 days as of a date, 30 rows', () => analysis('clvrfm_anomaly', { epochs: EPOCHS, lookbackDays: 60, asOf: end - 20 * DAY, limit: 30 })],
    ['two customers reported (the detector trains on everyone)', () => analysis('clvrfm_anomaly', { epochs: EPOCHS }, { mode: 'and', predicates: [isIn('client', twoBuyers(shop))] })],
  ] as [string, () => QueryRequest][])('%s', { timeout: SLOW }, async (_name, make) => {
    const { remote, memory } = await both(shop, make(), envOf(shop));
    expectSameResult(remote, memory);
  });
});

describe('clvrfm_anomaly from summaries with same-day orders (the documented difference)', () => {
  it('reports the same customers with the same actual revenue and recency; actualOrders counts orders, not order days', { timeout: SLOW }, async () => {
    const request = analysis('clvrfm_anomaly', { epochs: EPOCHS, limit: 100_000 });
    const { remote, memory } = await both(dataset, request, envOf(dataset));
    const byKey = (rows: readonly Row[]) => new Map(rows.map((r) => [r.key as string, r as Row & { features: Record<string, number> }]));
    const got = byKey(remote.rows);
    const want = byKey(memory.rows);
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    let more = 0;
    for (const [key, row] of want) {
      const r = got.get(key)!;
      expect(r.value).toBeCloseTo(row.value as number, 6);
      expect(r.features.recency).toBeCloseTo(row.features.recency, 9);
      expect(r.features.actualOrders).toBeGreaterThanOrEqual(row.features.actualOrders);
      if (r.features.actualOrders > row.features.actualOrders) more++;
    }
    // The sample shop has customers ordering twice on one day in the window.
    expect(more).toBeGreaterThan(0);
  });
});

/** Two clients with orders, read from the dataset. */
function twoBuyers(data: Dataset): string[] {
  const client = data.sessions.columns.client;
  return client.type === 'string' ? [client.dictionary[2], client.dictionary[5]] : [];
}

describe('registered', () => {
  it('every anomaly analysis runs from a remote source', async () => {
    const { summaryAnalysisNames } = await import('../../src/index.js');
    expect(summaryAnalysisNames()).toEqual(expect.arrayContaining(['dorders_anomaly', 'dfunnel_anomaly', 'dcohort_anomaly', 'clvrfm_anomaly']));
    expect(last).toBeGreaterThan(first);
  });
});
