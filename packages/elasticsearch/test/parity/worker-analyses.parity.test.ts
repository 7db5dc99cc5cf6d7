import { calendarFor, interval, isIn, type Dataset, type Filter, type QueryRequest, type QueryResult, type Row } from '@clvkit/core';
import { runQueryAsync, runSummaryAnalysis, type SummaryEnv } from '@clvkit/analytics';
import { sampleDataset } from '@clvkit/sample-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { executeQuery, executeSummaries, type CustomerSummaryRow } from '../../src/query/index.js';
import { datasetOrderDocuments } from './documents.js';
import { expectSameResult, fixture, type Fixture } from './harness.js';

/**
 * The worker-side versions of basket_sensitivity, purchase_amount_distribution per order and
 * the daily-series and CLV anomalies, over the Elasticsearch query layer and the stand-in
 * (summaries pages from executeSummaries, aggregates and pushed-down series from executeQuery),
 * against the in-memory registry on the same shop (seed 9: nobody orders twice on one local
 * day, checked, so the summary CLV model is exact too).
 */
const DAY = 86_400_000;
let dataset: Dataset;
let fx: Fixture;
let env: SummaryEnv;
let first: number;

beforeAll(async () => {
  ({ dataset } = await sampleDataset({ orders: 1500, seed: 9, timeZone: 'Europe/London' }));
  fx = fixture(dataset, datasetOrderDocuments(dataset));
  const options = { layout: fx.layout, search: fx.search };
  const start = dataset.sessions.columns.session_start;
  if (start.type !== 'time') throw new Error('session_start missing');
  first = Math.min(...start.values);
  const pages = async (filter: Filter, after: Record<string, unknown> | null = null): Promise<CustomerSummaryRow[]> => {
    const page = await executeSummaries({ filter, after, size: 400 }, options);
    return page.after ? [...page.rows, ...(await pages(filter, page.after))] : page.rows;
  };
  env = { time: dataset.time, timeExtent: [first, Math.max(...start.values)], summaries: (filter) => pages(filter), query: (request) => executeQuery(request, options) };
}, 60_000);

const request = (name: string, params: Record<string, unknown>, filter: Filter = { mode: 'and', predicates: [] }): QueryRequest => ({ spec: { kind: 'analysis', name, params }, filter });
const byClient = (rows: readonly Row[]) => [...rows].sort((a, b) => (String(a.client) < String(b.client) ? -1 : 1));

async function compare(req: QueryRequest, sortRows = false): Promise<QueryResult> {
  const expected = await runQueryAsync(dataset, req);
  expect(expected.rows.length).toBeGreaterThan(0);
  const actual = await runSummaryAnalysis(req, env);
  if (sortRows) expectSameResult({ ...actual, rows: byClient(actual.rows) }, { ...expected, rows: byClient(expected.rows) }, JSON.stringify(req));
  else expectSameResult(actual, expected, JSON.stringify(req));
  return actual;
}

describe('worker analyses over the Elasticsearch query layer equal the in-memory ones', () => {
  it('the shop has no customer ordering twice on one local day', () => {
    const calendar = calendarFor(dataset.time);
    const c = dataset.sessions.columns;
    const days = new Set<string>();
    let orders = 0;
    for (let i = 0; i < dataset.sessions.length; i++) {
      if (c.has_purchased.type !== 'boolean' || c.has_purchased.values[i] !== 1 || c.client.type !== 'string' || c.session_start.type !== 'time') continue;
      orders++;
      days.add(`${c.client.codes[i]}@${calendar.floor(c.session_start.values[i], 'day')}`);
    }
    expect(days.size).toBe(orders);
  });

  it('basket_sensitivity (summaries: revenue, orders, discountShareSum)', async () => {
    await compare(request('basket_sensitivity', {}), true);
    const dimension = dataset.sessions.columns.dimension;
    if (dimension.type === 'string') await compare(request('basket_sensitivity', { seed: 4 }, { mode: 'and', predicates: [isIn('dimension', [dimension.dictionary[1]])] }), true);
  }, 60_000);

  it('purchase_amount_distribution per order (step histograms, `in` on the edges)', async () => {
    await compare(request('purchase_amount_distribution', { per: 'order' }));
    await compare(request('purchase_amount_distribution', { per: 'order', bins: 30 }, { mode: 'and', predicates: [interval('session_start', first + 20 * DAY, first + 200 * DAY)] }));
  }, 60_000);

  it('dorders_anomaly and dfunnel_anomaly (pushed-down daily series)', async () => {
    await compare(request('dorders_anomaly', { epochs: 4 }));
    await compare(request('dfunnel_anomaly', { epochs: 4 }, { mode: 'and', predicates: [interval('session_start', first + 60 * DAY, first + 90 * DAY)] }));
  }, 120_000);

  it('clvrfm_anomaly (summary CLV model, window summaries)', async () => {
    await compare(request('clvrfm_anomaly', { epochs: 4 }));
  }, 120_000);
});
