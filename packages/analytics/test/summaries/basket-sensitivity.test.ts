import { interval, isIn, type Dataset, type Filter, type QueryRequest, type Row } from '@clvkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveDerivedClauses, runQuery, runSummaryAnalysis } from '../../src/index.js';
import { analysis, byClient, envOf, expectSameRows, summariesOf } from './harness.js';
import { sampleShop } from './sample-shop.js';

// basket_sensitivity from summaries (revenue, orders, discountShareSum) against the registry
// analysis on the same sample shop: same rows (in client-id order, the documented difference)
// and the same bracket sizes and ranges.
let dataset: Dataset;
let first: number;
let oneDimension: () => Filter;
let brushed: () => Filter;
const DAY = 86_400_000;

beforeAll(async () => {
  const shop = await sampleShop();
  ({ dataset, first } = shop);
  oneDimension = () => shop.oneDimension;
  brushed = () => shop.brushed();
});

describe('basket_sensitivity from summaries', () => {
  const cases: [string, () => QueryRequest][] = [
    ['every customer', () => analysis('basket_sensitivity')],
    ['one dimension', () => analysis('basket_sensitivity', {}, oneDimension())],
    ['a brushed range (as-of at its end)', () => analysis('basket_sensitivity', {}, brushed())],
    ['as of a date, seed 7', () => analysis('basket_sensitivity', { asOf: first + 60 * DAY + 123, seed: 7 }, oneDimension())],
    ['sampled to 30 customers', () => analysis('basket_sensitivity', { limit: 30 })],
    ['one RFM segment (brackets of everyone, rows of the segment)', () => analysis('basket_sensitivity', {}, { mode: 'and', predicates: [isIn('rfm_segment', ['Champions', 'Hibernating'])] })],
  ];
  it.each(cases)('%s', async (_name, make) => {
    const request = make();
    const remote = await runSummaryAnalysis(request, envOf(dataset));
    const memory = runQuery(dataset, request);
    expect(memory.rows.length).toBeGreaterThan(0);
    expectSameRows(byClient(remote.rows), byClient(memory.rows));
    const { basketBrackets, discountBrackets, ...rest } = memory.meta as Record<string, unknown>;
    const got = remote.meta as Record<string, unknown>;
    expectSameRows(got.basketBrackets as Row[], basketBrackets as Row[]);
    expectSameRows(got.discountBrackets as Row[], discountBrackets as Row[]);
    expect({ ...got, basketBrackets: null, discountBrackets: null }).toEqual({ ...rest, basketBrackets: null, discountBrackets: null });
  });

  it('handles rfm_segment clauses itself: the worker does not turn them into a client list first (brackets over everyone)', async () => {
    const request = analysis('basket_sensitivity', {}, { mode: 'and', predicates: [isIn('rfm_segment', ['Champions'])] });
    expect(await resolveDerivedClauses(request, envOf(dataset))).toBe(request);
    const clv = analysis('clvrfm_anomaly', {}, request.filter);
    expect(await resolveDerivedClauses(clv, envOf(dataset))).toBe(clv);
  });

  it('reads a discount sensitivity the shop really has (not all zero) and in [0, 1]', async () => {
    const { rows } = await runSummaryAnalysis(analysis('basket_sensitivity'), envOf(dataset));
    const shares = rows.map((r) => r.discountSensitivity as number);
    expect(shares.some((v) => v > 0)).toBe(true);
    expect(shares.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it('is empty on data without sessions', async () => {
    const env = { ...envOf(dataset), timeExtent: null };
    const { rows, meta } = await runSummaryAnalysis(analysis('basket_sensitivity'), env);
    expect(rows).toEqual([]);
    expect(meta).toMatchObject({ customers: 0, asOf: null });
  });

  it('asks for the summaries cut at the as-of instant', async () => {
    const asked: Filter[] = [];
    const asOf = first + 60 * DAY;
    await runSummaryAnalysis(analysis('basket_sensitivity', { asOf }), envOf(dataset, asked));
    expect(asked).toHaveLength(1);
    expect(asked[0].predicates).toEqual([interval('session_start', first, asOf + 1)]);
    // The harness's independent sums are what the analysis divided.
    expect(summariesOf(dataset, asked[0]).every((r) => r.discountShareSum <= r.orders)).toBe(true);
  });
});
