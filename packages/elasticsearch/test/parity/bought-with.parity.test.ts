import { interval, isIn, prefix, type AnalysisSpec, type Dataset, type Filter } from '@clvkit/core';
import { sampleDataset } from '@clvkit/sample-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { executeQuery } from '../../src/query/index.js';
import { datasetOrderDocuments } from './documents.js';
import { expectParity, fixture, random, randomFilter, type Fixture } from './harness.js';

/**
 * bought_with pushed down (a nested filter on X -> nested terms -> reverse_nested) against the
 * in-memory analysis, through executeQuery and the stand-in; plus one hand count over the documents.
 */
const spec = (params: Record<string, unknown>): AnalysisSpec => ({ kind: 'analysis', name: 'bought_with', params });
const all: Filter = { mode: 'and', predicates: [] };

describe('bought_with parity', () => {
  let fx: Fixture;
  let dataset: Dataset;
  let first: number;
  let products: string[];
  beforeAll(async () => {
    ({ dataset } = await sampleDataset({ orders: 1500, seed: 11, timeZone: 'Europe/London' }));
    fx = fixture(dataset, datasetOrderDocuments(dataset));
    const start = dataset.sessions.columns.session_start;
    first = start.type === 'time' ? Math.min(...start.values) : 0;
    const product = dataset.lines!.columns.product;
    products = product.type === 'string' ? [...product.dictionary] : [];
  }, 60_000);

  it('three products, several params, unfiltered and seeded selections', async () => {
    const rand = random(3);
    for (const [k, params] of [{}, { metric: 'lift', limit: 25 }, { metric: 'confidence', limit: 100_000, minOrders: 2 }].entries()) {
      const product = products[k * 7];
      const expected = await expectParity(fx, { spec: spec({ product, ...params }), filter: all }, `${product} unfiltered`);
      expect(expected.rows.length).toBeGreaterThan(0);
      for (let run = 0; run < 3; run++) await expectParity(fx, { spec: spec({ product, ...params }), filter: randomFilter(rand, dataset, { or: false }) }, `${product} run ${run}`);
    }
  }, 120_000);

  it('line and session predicates; a product with an inch mark; a product that was never bought', async () => {
    await expectParity(fx, { spec: spec({ product: products[0], limit: 30 }), filter: { mode: 'and', predicates: [prefix('category', [products.length ? 'Electronics' : ''])] } }, 'category');
    await expectParity(fx, { spec: spec({ product: products[1] }), filter: { mode: 'and', predicates: [interval('session_start', first, first + 40 * 86_400_000), isIn('dimension', ['web', 'app'])] } }, 'range and dimension');
    await expectParity(fx, { spec: spec({ product: 'Laptop Sleeve 14"' }), filter: all }, 'inch mark');
    const none = await expectParity(fx, { spec: spec({ product: 'No Such Product' }), filter: all }, 'never bought');
    expect(none.rows).toEqual([]);
  });

  it('hand count: the orders holding X and Y, over the documents', async () => {
    const x = products[0];
    const remote = await executeQuery({ spec: spec({ product: x, limit: 1 }), filter: all }, { layout: fx.layout, search: fx.search });
    const top = remote.rows[0];
    const docs = datasetOrderDocuments(fx.dataset).filter((d) => d.has_purchased && d.basket.length > 0);
    const has = (d: (typeof docs)[number], p: unknown) => d.basket.some((l) => l.product === p);
    expect(top.orders).toBe(docs.filter((d) => has(d, x) && has(d, top.product)).length);
    expect(top.ordersProduct).toBe(docs.filter((d) => has(d, top.product)).length);
    expect(remote.meta).toMatchObject({ product: x, productOrders: docs.filter((d) => has(d, x)).length, orders: docs.length, skippedOrders: 0 });
  });
});
