import { isIn, type Dataset, type Filter, type QueryRequest, type Row } from '@clvkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runQuery, runSummaryAnalysis, type SummaryEnv } from '../../src/index.js';
import { buildDataset } from '../helpers.js';
import { analysis, envOf, expectSameRows } from './harness.js';
import { sampleShop, withQuery } from './sample-shop.js';

// purchase_amount_distribution per "order" from the server's aggregates (env.query, here the
// in-memory aggregate on the same dataset) against the registry analysis: same rows and meta.
let dataset: Dataset;
let oneDimension: () => Filter;
let brushed: () => Filter;

beforeAll(async () => {
  const shop = await sampleShop();
  dataset = shop.dataset;
  oneDimension = () => shop.oneDimension;
  brushed = () => shop.brushed();
});

/** The harness env plus `query` answered by the in-memory registry. */
const envWithQuery = (data: Dataset, asked: QueryRequest[] = []): SummaryEnv => withQuery(envOf(data), data, asked);

function expectSameResult(remote: { rows: Row[]; meta?: Readonly<Record<string, unknown>> }, memory: { rows: Row[]; meta?: Readonly<Record<string, unknown>> }): void {
  expectSameRows(remote.rows, memory.rows);
  const { mean, ...rest } = memory.meta as Record<string, unknown>;
  const got = remote.meta as Record<string, unknown>;
  expect({ ...got, mean: null }).toEqual({ ...rest, mean: null });
  if (mean === null) expect(got.mean).toBeNull();
  else expect(got.mean as number).toBeCloseTo(mean as number, 9);
}

describe('purchase_amount_distribution per order from aggregates', () => {
  const cases: [string, () => QueryRequest][] = [
    ['every order, Sturges bins', () => analysis('purchase_amount_distribution', { per: 'order' })],
    ['7 bins', () => analysis('purchase_amount_distribution', { per: 'order', bins: 7 })],
    ['40 bins of one dimension', () => analysis('purchase_amount_distribution', { per: 'order', bins: 40 }, oneDimension())],
    ['a brushed range', () => analysis('purchase_amount_distribution', { per: 'order' }, brushed())],
    ['one bin', () => analysis('purchase_amount_distribution', { per: 'order', bins: 1 })],
  ];
  it.each(cases)('%s', async (_name, make) => {
    const request = make();
    const remote = await runSummaryAnalysis(request, envWithQuery(dataset));
    const memory = runQuery(dataset, request);
    expect(memory.rows.length).toBeGreaterThan(0);
    expectSameResult(remote, memory);
  });

  it('puts orders lying exactly on a sub-unit edge where the nice bins do (0.3 / 0.1 = 2.999...)', async () => {
    // Hand-made: payments 0.1 .. 0.7 and two more at 0.3; 7 bins of 0.1: [0.1, 0.2) ... [0.6, 0.7].
    // floor(0.3 / 0.1) = 2 would count the three 0.3 orders in [0.2, 0.3); they belong to [0.3, 0.4).
    const payments = [0.1, 0.2, 0.3, 0.3, 0.3, 0.4, 0.5, 0.6, 0.7];
    const shop = buildDataset({ sessions: payments.map((payment, i) => ({ id: `o${i}`, client: `c${i % 3}`, start: `2024-03-0${1 + (i % 5)}T10:00Z`, payment })) });
    const request = analysis('purchase_amount_distribution', { per: 'order', bins: 6 });
    const remote = await runSummaryAnalysis(request, envWithQuery(shop));
    expectSameResult(remote, runQuery(shop, request));
    expect(remote.rows.map((r) => r.orders)).toEqual([1, 1, 3, 1, 1, 2]);
  });

  it('finds the exact smallest and largest payment among many equal ones (refined bins)', async () => {
    // 1 200 orders of 10 (more than one bin lists exactly), one of 9.99 and one of 500.
    const payments = [...Array.from({ length: 1200 }, () => 10), 9.99, 500];
    const shop = buildDataset({ sessions: payments.map((payment, i) => ({ id: `o${i}`, client: `c${i % 50}`, start: `2024-03-0${1 + (i % 9)}T10:00Z`, payment })) });
    const request = analysis('purchase_amount_distribution', { per: 'order' });
    const remote = await runSummaryAnalysis(request, envWithQuery(shop));
    expect(remote.meta).toMatchObject({ min: 9.99, max: 500, values: 1202 });
    expectSameResult(remote, runQuery(shop, request));
  });

  it('is empty without orders, and refused without server aggregates', async () => {
    const none: Filter = { mode: 'and', predicates: [isIn('dimension', ['no such dimension'])] };
    const request = analysis('purchase_amount_distribution', { per: 'order' }, none);
    expectSameResult(await runSummaryAnalysis(request, envWithQuery(dataset)), runQuery(dataset, request));
    await expect(runSummaryAnalysis(analysis('purchase_amount_distribution', { per: 'order' }), envOf(dataset))).rejects.toThrow(/per "order" needs every order's value, binned by the server's aggregates/);
  });

  it('asks only aggregates of orders (never the order log)', async () => {
    const asked: QueryRequest[] = [];
    await runSummaryAnalysis(analysis('purchase_amount_distribution', { per: 'order' }), envWithQuery(dataset, asked));
    expect(asked.length).toBeGreaterThan(3);
    expect(asked.every((r) => r.spec.kind === 'aggregate')).toBe(true);
  });
});
