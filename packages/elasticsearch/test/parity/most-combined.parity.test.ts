import { interval, isIn, prefix, type AnalysisSpec, type Dataset, type Filter } from '@clvkit/core';
import { runQuery } from '@clvkit/analytics';
import { sampleDataset } from '@clvkit/sample-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { executeQuery, QueryLimitError } from '../../src/query/index.js';
import { mostCombinedBody } from '../../src/query/analyses/most-combined.js';
import { queryEnv } from '../../src/query/env.js';
import { datasetOrderDocuments } from './documents.js';
import { expectParity, fixture, random, randomFilter, type Fixture } from './harness.js';

/**
 * most_combined_products pushed down (nested terms -> reverse_nested -> nested terms ->
 * reverse_nested) against the in-memory analysis, through executeQuery and the stand-in.
 */
const spec = (params: Record<string, unknown> = {}): AnalysisSpec => ({ kind: 'analysis', name: 'most_combined_products', params });
const all: Filter = { mode: 'and', predicates: [] };

describe('most_combined_products parity', () => {
  let fx: Fixture;
  let dataset: Dataset;
  let first: number;
  beforeAll(async () => {
    ({ dataset } = await sampleDataset({ orders: 1500, seed: 11, timeZone: 'Europe/London' }));
    fx = fixture(dataset, datasetOrderDocuments(dataset));
    const start = dataset.sessions.columns.session_start;
    first = start.type === 'time' ? Math.min(...start.values) : 0;
  }, 60_000);

  const variants: [string, Record<string, unknown>][] = [
    ['by orders', {}],
    ['by lift, 25 rows, pairs in at least 2 orders', { metric: 'lift', limit: 25, minOrders: 2 }],
    ['by confidence, 50 rows', { metric: 'confidence', limit: 50 }],
    ['by support, every pair', { metric: 'support', limit: 100_000 }],
  ];
  it.each(variants)('%s: unfiltered and seeded selections', async (_name, params) => {
    const expected = await expectParity(fx, { spec: spec(params), filter: all }, 'unfiltered');
    expect(expected.rows.length).toBeGreaterThan(0);
    const rand = random(7 + Object.keys(params).length);
    for (let run = 0; run < 4; run++) await expectParity(fx, { spec: spec(params), filter: randomFilter(rand, dataset, { or: false }) }, `run ${run}`);
  }, 120_000);

  it('with line predicates (a category subtree: only those lines make the baskets) and session predicates', async () => {
    await expectParity(fx, { spec: spec({ limit: 30 }), filter: { mode: 'and', predicates: [prefix('category', ['Grocery'])] } }, 'category');
    await expectParity(fx, { spec: spec(), filter: { mode: 'and', predicates: [interval('session_start', first, first + 40 * 86_400_000), isIn('dimension', ['web', 'app'])] } }, 'range and dimension');
  });

  it('pairs every order holds (hand-checked): N, orders per product, support, confidence and lift', async () => {
    const { rows, meta } = runQuery(fx.dataset, { spec: spec({ limit: 1 }), filter: all });
    const top = rows[0];
    // Independent count over the documents: orders holding both products of the top pair.
    const docs = datasetOrderDocuments(fx.dataset).filter((d) => d.has_purchased && d.basket.length > 0);
    const has = (d: (typeof docs)[number], p: unknown) => d.basket.some((l) => l.product === p);
    const both = docs.filter((d) => has(d, top.productA) && has(d, top.productB)).length;
    const a = docs.filter((d) => has(d, top.productA)).length;
    const b = docs.filter((d) => has(d, top.productB)).length;
    const remote = await executeQuery({ spec: spec({ limit: 1 }), filter: all }, { layout: fx.layout, search: fx.search });
    expect(remote.meta).toMatchObject({ orders: docs.length, skippedOrders: 0 });
    expect(meta).toMatchObject({ orders: docs.length });
    expect(remote.rows[0]).toMatchObject({ productA: top.productA, productB: top.productB, orders: both, ordersA: a, ordersB: b });
    expect(remote.rows[0].support).toBeCloseTo(both / docs.length, 12);
    expect(remote.rows[0].confidence).toBeCloseTo(both / a, 12);
    expect(remote.rows[0].lift).toBeCloseTo((both * docs.length) / (a * b), 12);
  });

  it('is refused, not truncated, when the products or pairs exceed maxBuckets', async () => {
    await expect(executeQuery({ spec: spec(), filter: all }, { layout: fx.layout, search: fx.search, limits: { maxBuckets: 5 } })).rejects.toThrow(QueryLimitError);
  });

  it('sizes its terms from the limits and keeps the line predicates inside both nested levels', () => {
    const env = queryEnv({ layout: fx.layout, search: fx.search, limits: { maxBuckets: 321 } });
    const body = mostCombinedBody(env, { mode: 'and', predicates: [isIn('product', ['x'])] }) as any;
    const outer = body.aggs.lines.aggs.passing;
    expect(outer.filter).toEqual({ terms: { 'basket.product': ['x'] } });
    expect(outer.aggs.products.terms).toEqual({ field: 'basket.product', size: 321 });
    const inner = outer.aggs.products.aggs.orders.aggs.lines.aggs.passing;
    expect(inner.filter).toEqual(outer.filter);
    expect(inner.aggs.with.terms).toEqual({ field: 'basket.product', size: 321 });
    expect(body.query.bool.filter).toContainEqual({ term: { has_purchased: true } });
  });
});
