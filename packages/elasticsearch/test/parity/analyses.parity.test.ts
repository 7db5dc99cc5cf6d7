import { type AnalysisSpec, type Dataset } from '@clvkit/core';
import { sampleDataset } from '@clvkit/sample-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { executeQuery, pushedDownAnalyses, UnsupportedQueryError } from '../../src/query/index.js';
import { datasetOrderDocuments } from './documents.js';
import { expectParity, fixture, random, randomFilter, type Fixture } from './harness.js';

/**
 * Parity of every pushed-down analysis (and its params variants) under seeded random
 * selections, in memory and through executeQuery + the stand-in, in Europe/London and UTC.
 */
const SPECS: AnalysisSpec[] = [
  // Those with a required param are listed below with it (bought_with: its own parity test).
  ...pushedDownAnalyses().filter((name) => !['product_kpis', 'client_kpis', 'bought_with'].includes(name)).map((name) => ({ kind: 'analysis' as const, name })),
  { kind: 'analysis', name: 'product_kpis', params: { product: 'Espresso Beans 1kg' } },
  { kind: 'analysis', name: 'product_kpis', params: { product: 'Salted Almonds', bucket: 'month' } },
  { kind: 'analysis', name: 'product_kpis', params: { product: 'No Such Product' } },
  { kind: 'analysis', name: 'most_ordered_products', params: { metric: 'revenue', limit: 5 } },
  { kind: 'analysis', name: 'most_ordered_categories', params: { metric: 'quantity', limit: 100 } },
  { kind: 'analysis', name: 'dimension_values', params: { sort: 'revenue' } },
  { kind: 'analysis', name: 'dimension_values', params: { field: 'promotion_id', sort: 'orders' } },
  { kind: 'analysis', name: 'dimension_kpis', params: { sort: 'value' } },
  { kind: 'analysis', name: 'client_kpis', params: { client: 'C000001' } },
  { kind: 'analysis', name: 'client_kpis', params: { client: 'C000042', limit: 2 } },
  { kind: 'analysis', name: 'client_kpis', params: { client: 'nobody' } },
  { kind: 'analysis', name: 'category_tree', params: { path: 'Grocery', metric: 'revenue' } },
  { kind: 'analysis', name: 'category_tree', params: { path: 'Grocery/Coffee & Tea', limit: 3 } },
  { kind: 'analysis', name: 'category_tree', params: { path: 'Nowhere' } },
  { kind: 'analysis', name: 'promotion_kpis', params: { limit: 3 } },
  { kind: 'analysis', name: 'promotion_kpis', params: { promotion: 'XMAS25' } },
];

const RUNS = 4;

for (const zone of ['Europe/London', 'UTC'] as const) {
  describe(`analysis parity in ${zone}`, () => {
    let fx: Fixture;
    let dataset: Dataset;
    beforeAll(async () => {
      ({ dataset } = await sampleDataset({ orders: 2000, seed: zone === 'UTC' ? 5 : 3, timeZone: zone }));
      fx = fixture(dataset, datasetOrderDocuments(dataset));
    }, 60_000);

    for (const spec of SPECS) {
      it(`${spec.name} ${JSON.stringify(spec.params ?? {})}: unfiltered and ${RUNS} seeded selections`, async () => {
        await expectParity(fx, { spec, filter: { mode: 'and', predicates: [] } }, `${spec.name} unfiltered`);
        const rand = random(spec.name.length * 104729 + (zone === 'UTC' ? 3 : 0));
        for (let run = 0; run < RUNS; run++) {
          const filter = randomFilter(rand, dataset);
          try {
            await expectParity(fx, { spec, filter }, `${spec.name} run ${run}`);
          } catch (error) {
            if (!(error instanceof UnsupportedQueryError) || filter.mode !== 'or') throw error;
          }
        }
      }, 120_000);
    }

    it('refuses every other analysis by name', async () => {
      await expect(executeQuery({ spec: { kind: 'analysis', name: 'rfm' }, filter: { mode: 'and', predicates: [] } }, { layout: fx.layout, search: fx.search })).rejects.toThrow(/analysis "rfm"/);
    });
  });
}
