import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { interval, isIn, prefix, type Dataset, type Filter, type Predicate, type QuerySpec, type StringColumn } from '@clvkit/core';
import { sampleDataset } from '@clvkit/sample-data';
import { derivedColumns, fastPathSettings, fastPathStats, prefetchQuery, runQuery } from '../../src/index.js';

/**
 * The fast path (cubes over the moving clause) against the plain scan of the same code base,
 * on a generated shop in a DST time zone, for seeded random dashboard sessions: every answer
 * must equal the scan's (sums to 1e-9 relative: only the summation order differs). The
 * independent row-object oracle lives in ../crossfilter/.
 */

let dataset: Dataset;
let days: Float64Array;
let products: readonly string[];
let categories: readonly string[];

beforeAll(async () => {
  dataset = (await sampleDataset({ orders: 4_000, seed: 11, timeZone: 'Europe/Berlin' })).dataset;
  days = derivedColumns(dataset).buckets('sessions', 'session_start', 'day').bounds;
  products = (dataset.lines!.columns.product as StringColumn).dictionary;
  categories = [...new Set((dataset.lines!.columns.category as StringColumn).dictionary.map((c) => c.split('/')[0]))];
});

afterEach(() => {
  fastPathSettings.enabled = true;
});

const WIDGETS: Record<string, QuerySpec> = {
  series: { kind: 'aggregate', groupBy: [{ field: 'session_start', bucket: 'day' }], measures: ['orders', 'revenue'], fill: true },
  kpis: { kind: 'analysis', name: 'kpis' },
  products: { kind: 'aggregate', table: 'lines', groupBy: [{ field: 'product' }], measures: ['orders', 'quantity', 'lineRevenue'], orderBy: { measure: 'lineRevenue' }, limit: 10 },
  categories: { kind: 'aggregate', table: 'lines', groupBy: [{ field: 'category' }], measures: ['orders', 'sessions', 'revenue', 'quantity', 'lineRevenue'], orderBy: { measure: 'lineRevenue' }, limit: 10 },
  dimension: { kind: 'aggregate', groupBy: [{ field: 'dimension' }], measures: ['orders', 'revenue', 'visitors', 'buyers', 'quantity'] },
  status: { kind: 'analysis', name: 'customer_status' },
  histogram: { kind: 'aggregate', groupBy: [{ field: 'payment_amount', step: 25 }], measures: ['orders'], where: [isIn('has_purchased', [true])] },
  hourly: { kind: 'aggregate', groupBy: [{ field: 'session_start', bucket: 'hourOfDay' }], measures: ['orders', 'averageOrderValue'], fill: true },
  gender: { kind: 'aggregate', groupBy: [{ field: 'customers.gender' }], measures: ['visitors', 'buyers', 'orders'] },
  totals: { kind: 'aggregate', measures: ['orders', 'sessions', 'visitors', 'buyers', 'revenue', 'discount', 'quantity', 'lineRevenue', 'lines'] },
};

/** The clause each widget publishes (the others only read). */
type Clauses = Partial<Record<string, Predicate>>;

function filterFor(clauses: Clauses, widget: string): Filter {
  return { mode: 'and', predicates: Object.entries(clauses).filter(([owner, p]) => owner !== widget && p).map(([, p]) => p!) };
}

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function brush(r: () => number): Predicate {
  const a = Math.floor(r() * (days.length - 2));
  const b = a + 1 + Math.floor(r() * (days.length - 1 - a));
  return interval('session_start', days[a], days[b]);
}

function click(r: () => number): [string, Predicate] {
  const pick = <T,>(values: readonly T[]) => values[Math.floor(r() * values.length)];
  switch (Math.floor(r() * 7)) {
    case 0: return ['products', isIn('product', [pick(products)])];
    case 1: return ['products', isIn('product', [pick(products), pick(products)])];
    case 2: return ['categories', prefix('category', [pick(categories)])];
    case 3: return ['dimension', isIn('dimension', [pick(['web', 'app', 'store', 'marketplace'])])];
    case 4: return ['gender', isIn('customers.gender', [pick(['f', 'm'])])];
    case 5: {
      const k = Math.floor(r() * 8);
      return ['histogram', interval('payment_amount', k * 25, (k + 1) * 25)];
    }
    default: return ['status', isIn('customer_status', [pick(['active', 'churned', 'long_gone'])])];
  }
}

/** What the widgets do when the pointer enters `owner`'s chart (Selection.activate). */
function hover(clauses: Clauses, owner: string, predicate: Predicate): void {
  const field = 'field' in predicate ? predicate.field : '';
  const step = predicate.type === 'interval' && field === 'payment_amount' ? predicate.range[1] - predicate.range[0] : undefined;
  const rest = { ...clauses, [owner]: undefined };
  fastPathSettings.enabled = true;
  for (const [name, spec] of Object.entries(WIDGETS)) if (name !== owner) prefetchQuery(dataset, { spec, filter: filterFor(rest, name) }, { field, step });
}

function runAll(clauses: Clauses, enabled: boolean) {
  fastPathSettings.enabled = enabled;
  return Object.fromEntries(Object.entries(WIDGETS).map(([name, spec]) => [name, runQuery(dataset, { spec, filter: filterFor(clauses, name) }).rows]));
}

function expectClose(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
    if (Math.abs(actual - expected) > tolerance) expect.fail(`${path}: ${actual} != ${expected}`);
    return;
  }
  if (expected && typeof expected === 'object') {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const k of Object.keys(expected)) expectClose((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

describe('cross-filter fast path', () => {
  it('answers random brushes and clicks exactly as the scan, and answers most of them from cubes', () => {
    const r = random(2026);
    const clauses: Clauses = {};
    runAll(clauses, true);
    const before = { ...fastPathStats };
    for (let step = 0; step < 80; step++) {
      const roll = r();
      if (roll < 0.5) clauses.series = brush(r);
      else if (roll < 0.85) {
        const [owner, predicate] = click(r);
        // Half the time the pointer entered the chart first: every other widget prefetched.
        if (r() < 0.5) hover(clauses, owner, predicate);
        clauses[owner] = clauses[owner] && r() < 0.3 ? undefined : predicate;
      } else if (roll < 0.92) clauses.series = undefined;
      else clauses.histogram = interval('payment_amount', 25 * Math.floor(r() * 8), 25 * Math.floor(r() * 8) + 25);
      const fast = runAll(clauses, true);
      const scan = runAll(clauses, false);
      expectClose(fast, scan, `step ${step} ${JSON.stringify(clauses)}`);
    }
    expect(fastPathStats.cubesBuilt - before.cubesBuilt).toBeGreaterThan(5);
    expect(fastPathStats.cubesPrefetched - before.cubesPrefetched).toBeGreaterThan(5);
    // Most widget queries of a moving clause come from cubes, not scans.
    expect(fastPathStats.cubeAnswers - before.cubeAnswers).toBeGreaterThan(250);
    // Clicked products and histogram bins are read from row indexes.
    expect(fastPathStats.indexAnswers - before.indexAnswers).toBeGreaterThan(100);
  }, 120_000);

  it('keeps answering a brush that jumps from the cube built on its first move', () => {
    const r = random(7);
    const clauses: Clauses = { dimension: isIn('dimension', ['web']) };
    runAll(clauses, true);
    clauses.series = brush(r);
    runAll(clauses, true);
    const built = fastPathStats.cubesBuilt;
    for (let k = 0; k < 20; k++) {
      clauses.series = brush(r);
      expectClose(runAll(clauses, true), runAll(clauses, false), `jump ${k}`);
    }
    expect(fastPathStats.cubesBuilt).toBe(built);
  }, 60_000);

  it('counts a client once across the brushed days (visitors, buyers)', () => {
    // Independent count: distinct clients of the sessions in the brushed days.
    const starts = (dataset.sessions.columns.session_start as { values: Float64Array }).values;
    const clients = (dataset.sessions.columns.client as StringColumn).codes;
    const bought = (dataset.sessions.columns.has_purchased as { values: Uint8Array }).values;
    const spec: QuerySpec = { kind: 'aggregate', measures: ['visitors', 'buyers'] };
    runQuery(dataset, { spec, filter: { mode: 'and', predicates: [] } });
    const r = random(99);
    for (let k = 0; k < 15; k++) {
      const p = brush(r) as Extract<Predicate, { type: 'interval' }>;
      const visitors = new Set<number>();
      const buyers = new Set<number>();
      for (let i = 0; i < starts.length; i++) {
        if (starts[i] >= p.range[0] && starts[i] < p.range[1]) {
          visitors.add(clients[i]);
          if (bought[i]) buyers.add(clients[i]);
        }
      }
      const [row] = runQuery(dataset, { spec, filter: { mode: 'and', predicates: [p] } }).rows;
      expect(row).toEqual({ visitors: visitors.size, buyers: buyers.size });
    }
  });

  it('answers customer_status as the scan when the per-customer lists exceed their budget (one pass each time)', () => {
    const spec: QuerySpec = { kind: 'analysis', name: 'customer_status' };
    const budget = fastPathSettings.maskBudgetBytes;
    fastPathSettings.maskBudgetBytes = 1;
    try {
      const r = random(31);
      for (let k = 0; k < 6; k++) {
        // Each filter twice: the second time is where lists would be built and kept.
        const filter: Filter = { mode: 'and', predicates: [brush(r), click(r)[1]] };
        for (let repeat = 0; repeat < 2; repeat++) {
          fastPathSettings.enabled = true;
          const fast = runQuery(dataset, { spec, filter });
          fastPathSettings.enabled = false;
          expectClose(fast, runQuery(dataset, { spec, filter }), `filter ${k} run ${repeat}`);
        }
      }
    } finally {
      fastPathSettings.maskBudgetBytes = budget;
    }
  });
});
