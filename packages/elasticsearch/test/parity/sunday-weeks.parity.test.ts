import { importDataset, type AggregateSpec, type AnalysisSpec, type Dataset } from '@clvkit/core';
import { generateShop } from '@clvkit/sample-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { datasetOrderDocuments } from './documents.js';
import { expectParity, fixture, random, randomFilter, type Fixture } from './harness.js';

/**
 * Weeks starting on Sunday in a DST zone (America/New_York): Elasticsearch weeks start on
 * Monday, so the layer folds local days into Sunday weeks; parity with the in-memory calendar.
 */
const SPECS: (AggregateSpec | AnalysisSpec)[] = [
  { kind: 'aggregate', groupBy: [{ field: 'session_start', bucket: 'week' }], measures: ['orders', 'revenue', 'sessions', 'lines', 'averageOrderValue'], fill: true },
  { kind: 'aggregate', table: 'lines', groupBy: [{ field: 'session_start', bucket: 'week' }], measures: ['quantity', 'orders'] },
  { kind: 'aggregate', groupBy: [{ field: 'session_start', bucket: 'dayOfWeek' }, { field: 'dimension' }], measures: ['orders'] },
  { kind: 'analysis', name: 'weekly_orders' },
  { kind: 'analysis', name: 'weekly_funnel' },
];

describe('parity with weeks starting on Sunday in America/New_York', () => {
  let fx: Fixture;
  let dataset: Dataset;
  beforeAll(async () => {
    const shop = generateShop({ orders: 1500, seed: 13, timeZone: 'America/New_York', days: 400 });
    ({ dataset } = await importDataset(shop.input, { ...shop.options, weekStart: 0 }));
    fx = fixture(dataset, datasetOrderDocuments(dataset));
  }, 60_000);

  it('runs with weekStart 0 in the layout', () => {
    expect(fx.layout.weekStart).toBe(0);
  });

  for (const spec of SPECS) {
    it(`${spec.kind === 'analysis' ? spec.name : `${spec.table ?? 'sessions'} ${JSON.stringify(spec.groupBy)}`}`, async () => {
      await expectParity(fx, { spec, filter: { mode: 'and', predicates: [] } }, 'unfiltered');
      const rand = random(7);
      for (let run = 0; run < 4; run++) await expectParity(fx, { spec, filter: randomFilter(rand, dataset, { or: false }) }, `run ${run}`);
    }, 120_000);
  }
});
