import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { interval, isIn, prefix, type Dataset, type Filter, type Predicate, type QuerySpec, type StringColumn } from '@clvkit/core';
import { sampleDataset } from '@clvkit/sample-data';
import { derivedColumns, fastPathSettings, fastPathStats, prefetchQuery, runQuery } from '../../src/index.js';

/**
 * Prefetch on activation (Mosaic's Selection.activate, Falcon's prefetch on hover): after
 * `prefetchQuery` for the field a chart filters on, the first click on that chart is answered
 * from a cube built ahead of it (no cube is built by the click), and the answer equals the scan.
 */

let dataset: Dataset;
let days: Float64Array;

beforeAll(async () => {
  dataset = (await sampleDataset({ orders: 3_000, seed: 5, timeZone: 'Europe/London' })).dataset;
  days = derivedColumns(dataset).buckets('sessions', 'session_start', 'day').bounds;
});

afterEach(() => {
  fastPathSettings.enabled = true;
});

const WIDGETS: Record<string, QuerySpec> = {
  series: { kind: 'aggregate', groupBy: [{ field: 'session_start', bucket: 'day' }], measures: ['orders', 'revenue'], fill: true },
  kpis: { kind: 'analysis', name: 'kpis' },
  products: { kind: 'aggregate', table: 'lines', groupBy: [{ field: 'product' }], measures: ['orders', 'quantity', 'lineRevenue'], orderBy: { measure: 'lineRevenue' }, limit: 10 },
  dimension: { kind: 'aggregate', groupBy: [{ field: 'dimension' }], measures: ['orders', 'revenue'] },
  histogram: { kind: 'aggregate', groupBy: [{ field: 'payment_amount', step: 25 }], measures: ['orders'], where: [isIn('has_purchased', [true])] },
  totals: { kind: 'aggregate', measures: ['orders', 'sessions', 'visitors', 'buyers', 'revenue'] },
};

const and = (predicates: Predicate[]): Filter => ({ mode: 'and', predicates });

function scan(spec: QuerySpec, filter: Filter) {
  fastPathSettings.enabled = false;
  try {
    return runQuery(dataset, { spec, filter }).rows;
  } finally {
    fastPathSettings.enabled = true;
  }
}

function expectSameRows(actual: readonly Record<string, unknown>[], expected: readonly Record<string, unknown>[], what: string): void {
  expect(actual.length, what).toBe(expected.length);
  actual.forEach((row, i) => {
    for (const [k, v] of Object.entries(expected[i])) {
      if (typeof v === 'number') expect(Math.abs((row[k] as number) - v), `${what} row ${i} ${k}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v)));
      else expect(row[k], `${what} row ${i} ${k}`).toEqual(v);
    }
  });
}

/** The activations of the charts and a clause each could publish. */
const CASES: { name: string; owner: string; field: string; step?: number; clause: () => Predicate }[] = [
  { name: 'a click on a channel', owner: 'dimension', field: 'dimension', clause: () => isIn('dimension', ['app']) },
  { name: 'a click on a histogram bin', owner: 'histogram', field: 'payment_amount', step: 25, clause: () => interval('payment_amount', 50, 75) },
  { name: 'a brush on the time series', owner: 'series', field: 'session_start', clause: () => interval('session_start', days[20], days[45]) },
  { name: 'a click on a customer status', owner: 'status', field: 'customer_status', clause: () => isIn('customer_status', ['active']) },
  { name: 'a click on a product (a line field, over sessions too)', owner: 'products', field: 'product', clause: () => isIn('product', [(dataset.lines!.columns.product as StringColumn).dictionary[3]]) },
  { name: 'a click on a category', owner: 'categories', field: 'category', clause: () => prefix('category', [(dataset.lines!.columns.category as StringColumn).dictionary[0]]) },
];

describe('prefetchQuery', () => {
  for (const c of CASES) {
    it(`builds the cubes that answer ${c.name} before it happens`, () => {
      // Some other clause is standing (the base of the cubes).
      const standing = isIn('dimension', ['web']);
      const others = Object.entries(WIDGETS).filter(([name]) => name !== c.owner);
      const base = (name: string) => (c.owner === 'dimension' || name === 'dimension' ? and([]) : and([standing]));
      const before = fastPathStats.cubesPrefetched;
      const prefetched = others.map(([name, spec]) => prefetchQuery(dataset, { spec, filter: base(name) }, { field: c.field, step: c.step }));
      expect(prefetched.some(Boolean)).toBe(true);
      expect(fastPathStats.cubesPrefetched).toBeGreaterThan(before);
      const built = fastPathStats.cubesBuilt;
      const answers = fastPathStats.cubeAnswers;
      // KPIs under a brush compare the brushed period with the one before: other filters, other cubes.
      const checked = c.field === 'session_start' ? others.filter(([name]) => name !== 'kpis') : others;
      for (const [name, spec] of checked) {
        const filter = and([...base(name).predicates, c.clause()]);
        expectSameRows(runQuery(dataset, { spec, filter }).rows, scan(spec, filter), `${name} after ${c.name}`);
      }
      expect(fastPathStats.cubesBuilt, 'the click built no cube').toBe(built);
      if (c.field === 'product') {
        // The sessions widgets (time series, channels, histogram, KPIs with distinct clients and line sums) have cubes over the lines' products.
        for (const name of ['series', 'dimension', 'histogram', 'kpis', 'totals']) expect(prefetched[others.findIndex(([other]) => other === name)], name).toBe(true);
      }
      const expectedAnswers = checked.filter(([name]) => prefetched[others.findIndex(([other]) => other === name)]).length;
      expect(fastPathStats.cubeAnswers - answers).toBeGreaterThanOrEqual(expectedAnswers);
    });
  }

  it('answers distinct clients of a single-code click from per-bin counts, as an independent count', () => {
    const spec: QuerySpec = { kind: 'aggregate', measures: ['visitors', 'buyers'] };
    expect(prefetchQuery(dataset, { spec, filter: and([]) }, { field: 'dimension' })).toBe(true);
    const clients = (dataset.sessions.columns.client as StringColumn).codes;
    const dimension = dataset.sessions.columns.dimension as StringColumn;
    const bought = (dataset.sessions.columns.has_purchased as { values: Uint8Array }).values;
    for (const value of [...dimension.dictionary, 'no such channel']) {
      const visitors = new Set<number>();
      const buyers = new Set<number>();
      for (let i = 0; i < clients.length; i++) {
        if (dimension.dictionary[dimension.codes[i]] !== value) continue;
        visitors.add(clients[i]);
        if (bought[i]) buyers.add(clients[i]);
      }
      const built = fastPathStats.cubesBuilt;
      const filter = and([isIn('dimension', [value])]);
      const rows = runQuery(dataset, { spec, filter }).rows;
      // No session passes: no row, as the scan answers.
      expect(rows, value).toEqual(visitors.size === 0 ? scan(spec, filter) : [{ visitors: visitors.size, buyers: buyers.size }]);
      expect(fastPathStats.cubesBuilt).toBe(built);
    }
  });

  it('does not run analyses that are not made of fast-path aggregates, and never throws', () => {
    expect(prefetchQuery(dataset, { spec: { kind: 'analysis', name: 'customer_status' }, filter: and([]) }, { field: 'dimension' })).toBe(false);
    expect(prefetchQuery(dataset, { spec: WIDGETS.dimension, filter: and([]) }, { field: 'no_such_field' })).toBe(false);
    expect(prefetchQuery(dataset, { spec: { kind: 'analysis', name: 'no_such_analysis' }, filter: and([]) }, { field: 'dimension' })).toBe(false);
    // A number field needs the histogram's bin width.
    expect(prefetchQuery(dataset, { spec: WIDGETS.dimension, filter: and([]) }, { field: 'payment_amount' })).toBe(false);
  });
});
