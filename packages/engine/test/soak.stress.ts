import { afterAll, describe, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { interval, isIn, Selection } from '@clvkit/core';
import type { Dataset, QueryRequest, QueryResult, QuerySpec } from '@clvkit/core';
import * as analytics from '@clvkit/analytics';
import { sampleDataset } from '@clvkit/sample-data';
import { createEngine } from '../src/index.js';
import type { WorkerEngine } from '../src/index.js';
import type { QueryRunner } from '../src/worker-api.js';
import { inlineWorkers } from './fixtures/inline.js';
import { mulberry32 } from '@clvkit/analytics';

/**
 * Soak: 10,000 random selection changes (brushes, clicks, clears on six widgets' fields,
 * seeded) driven through the engine (client, batching, staleness, cancellation, the worker's
 * LRU cache, the fast path's cube and customer-order caches) on the ~100k-order sample shop.
 *
 * Reference: every CHECK_EVERY-th change, each widget's answer is compared with `runQuery` of
 * @clvkit/analytics called directly on the test's own copy of the dataset (the engine works on
 * a structured clone of it, with its own cache history). That checks the layers this package
 * adds (result cache, sharing, batching, staleness and cancellation, prefetch) and that
 * analytics' caches (cubes built ahead, row indexes) answer as a fresh run does; it does not
 * check runQuery's own numbers, which are analytics' tests' business. Numbers are compared
 * within 1e-9 relative (see `compare`). Where the selection holds no line-level clause, the
 * totals (orders and revenue under the filter) are also counted by hand from the columns.
 *
 * Memory: the retained caches are read and checked against their configured bounds at every
 * checkpoint, and heapUsed + arrayBuffers (typed arrays live outside the JS heap) after a full
 * GC is sampled every WINDOW changes; after the warm-up
 * it must not grow by more than the caches may legitimately fill (their byte budgets) and
 * must not keep trending up over the second half.
 */

const CHANGES = Number(process.env.SOAK_CHANGES ?? 10_000);
const CHECK_EVERY = 100;
const WINDOW = 500;
const SEED = 20_261_123;
const ORDERS = 100_000;
/** Worker result cache entries (the engine's `cacheSize`). */
const CACHE_SIZE = 128;
/** Byte budgets of analytics' fast-path caches, lowered from 192 / 96 MB so they fill within the soak. */
const CUBE_BUDGET = 48 * 1024 * 1024;
const MASK_BUDGET = 24 * 1024 * 1024;
const MAX_CUBE = 24 * 1024 * 1024;
/** Growth of heapUsed allowed after the warm-up beyond the caches' budgets (results in the LRU, V8 slack). */
const HEAP_SLACK = 40 * 1024 * 1024;
/** Largest allowed least-squares slope of heapUsed over the second half, per 1,000 changes. */
const MAX_SLOPE_PER_1000 = 4 * 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const prng = mulberry32;

const DAY = 86_400_000;
/** The widgets that ask on every change: key figures, a daily series (brushed), a product bar list (clicked), totals. */
const widgets: { source: string; spec: QuerySpec }[] = [
  { source: 'kpis', spec: { kind: 'analysis', name: 'kpis' } },
  { source: 'series', spec: { kind: 'aggregate', groupBy: [{ field: 'session_start', bucket: 'day' }], measures: ['orders', 'revenue'], fill: true } as QuerySpec },
  {
    source: 'products',
    spec: { kind: 'aggregate', table: 'lines', groupBy: [{ field: 'product' }], measures: ['orders', 'quantity', 'lineRevenue'], orderBy: { measure: 'lineRevenue', order: 'desc' }, limit: 10 } as QuerySpec,
  },
  { source: 'totals', spec: { kind: 'aggregate', measures: ['orders', 'revenue'] } },
];
/**
 * Sources that only publish clauses here (their own queries would triple the run time): a
 * category list, the dimension picker and an amount histogram (step 10), as clicks and brushes.
 */
const ACTIVATIONS: Record<string, { field: string; step?: number }> = {
  series: { field: 'session_start' },
  amounts: { field: 'payment_amount', step: 10 },
  products: { field: 'product' },
  categories: { field: 'category' },
  picker: { field: 'dimension' },
};

/** Orders and revenue under `selection`'s full filter, counted from the columns by hand (session clauses only). */
function handTotals(dataset: Dataset, clauses: Map<string, { field: string; lo?: number; hi?: number; values?: string[] }>): { orders: number; revenue: number } | null {
  const cols = dataset.sessions.columns as Record<string, { type: string; values?: ArrayLike<number>; codes?: Int32Array; dictionary?: string[] }>;
  const tests: ((row: number) => boolean)[] = [];
  for (const clause of clauses.values()) {
    const column = cols[clause.field];
    if (!column) return null; // a line-level clause (product, category): left to the reference
    if (clause.values) {
      const wanted = new Set(clause.values);
      tests.push((row) => wanted.has(column.dictionary![column.codes![row]]));
    } else {
      tests.push((row) => column.values![row] >= clause.lo! && column.values![row] < clause.hi!);
    }
  }
  const purchased = cols.has_purchased.values!;
  const amount = cols.payment_amount.values!;
  let orders = 0;
  let revenue = 0;
  for (let row = 0; row < dataset.sessions.length; row++) {
    if (!purchased[row] || !tests.every((test) => test(row))) continue;
    orders++;
    revenue += amount[row];
  }
  return { orders, revenue };
}

const engines: WorkerEngine[] = [];
afterAll(() => {
  for (const engine of engines.splice(0)) engine.destroy();
  Object.assign(analytics.fastPathSettings, saved);
});
const saved = { ...analytics.fastPathSettings };

describe('soak: random selection changes through the engine', () => {
  it(`${CHANGES} changes on a ${ORDERS}-order shop: answers equal the reference, caches within bounds, heap flat`, async () => {
    Object.assign(analytics.fastPathSettings, { cubeBudgetBytes: CUBE_BUDGET, maskBudgetBytes: MASK_BUDGET, maxCubeBytes: MAX_CUBE });
    const started = performance.now();
    const { dataset } = await sampleDataset({ orders: ORDERS, seed: 11 });
    // The worker's copy of the dataset, seen through the runner, to read its caches.
    let workerDataset: Dataset | null = null;
    let computed = 0;
    const timing = { runQueryMs: 0, prefetchMs: 0, referenceMs: 0 };
    const runner: QueryRunner = {
      runQuery(data: Dataset, request: QueryRequest): QueryResult {
        workerDataset = data;
        computed++;
        const t = performance.now();
        try {
          return analytics.runQuery(data, request);
        } finally {
          timing.runQueryMs += performance.now() - t;
        }
      },
      prefetchQuery(data, request, activation) {
        const t = performance.now();
        try {
          return analytics.prefetchQuery(data, request, activation);
        } finally {
          timing.prefetchMs += performance.now() - t;
        }
      },
      reportNames: analytics.reportNames,
    };
    const engine = createEngine({ source: { kind: 'dataset', dataset }, worker: inlineWorkers(runner).factory, cacheSize: CACHE_SIZE });
    engines.push(engine);
    const info = await engine.ready();
    const [first, last] = info.timeExtent!;
    const firstDay = Math.floor(first / DAY) * DAY;
    const days = Math.ceil((last - firstDay) / DAY);

    const lines = dataset.lines!.columns as Record<string, { dictionary?: string[] }>;
    const sessions = dataset.sessions.columns as Record<string, { dictionary?: string[] }>;
    const products = lines.product.dictionary!.slice(0, 40);
    const categories = lines.category.dictionary!;
    const dimensions = sessions.dimension.dictionary!;

    const random = prng(SEED);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
    const selection = new Selection();
    /** The same clauses as plain data, for the hand count. */
    const plain = new Map<string, { field: string; lo?: number; hi?: number; values?: string[] }>();
    const latest = new Map<string, Promise<QueryResult>>();
    const counts = { activations: 0, bursts: 0, brushes: 0, clicks: 0, clears: 0, clearAll: 0, checks: 0, comparisons: 0, inexactNumbers: 0, handChecks: 0, stale: 0, otherErrors: 0 };
    const heap: { change: number; heapUsed: number }[] = [];
    const cacheReadings: { change: number; results: number; cubeBytes: number; maskBytes: number }[] = [];

    /** The pointer enters a chart before its clause: the widgets prefetch for it (Selection.activate). */
    const activate = (source: string): void => {
      if (random() >= 0.1) return;
      counts.activations++;
      for (const widget of widgets) {
        if (widget.source === source) continue;
        engine.prefetch(widget.spec, { filter: selection.filterFor(widget.source, source), ...ACTIVATIONS[source] });
      }
    };

    const change = (): void => {
      const roll = random();
      if (roll < 0.3) {
        // brush on the time series: 1 to 60 days from a week boundary (repeats hit the caches)
        const from = firstDay + Math.floor(random() * Math.floor(days / 7)) * 7 * DAY;
        const to = from + (1 + Math.floor(random() * 60)) * DAY;
        activate('series');
        selection.update({ source: 'series', predicate: interval('session_start', from, to) });
        plain.set('series', { field: 'session_start', lo: from, hi: to });
        counts.brushes++;
      } else if (roll < 0.45) {
        const k = Math.floor(random() * 30);
        const lo = k * 10;
        const hi = lo + 10 * (1 + Math.floor(random() * 5));
        activate('amounts');
        selection.update({ source: 'amounts', predicate: interval('payment_amount', lo, hi) });
        plain.set('amounts', { field: 'payment_amount', lo, hi });
        counts.brushes++;
      } else if (roll < 0.8) {
        const which = random();
        if (which < 0.25) {
          const values = [pick(products)];
          if (random() < 0.3) values.push(pick(products));
          activate('products');
          selection.update({ source: 'products', predicate: isIn('product', values) });
          plain.set('products', { field: 'product', values });
        } else if (which < 0.45) {
          const values = [pick(categories)];
          activate('categories');
          selection.update({ source: 'categories', predicate: isIn('category', values) });
          plain.set('categories', { field: 'category', values });
        } else {
          const values = [pick(dimensions)];
          activate('picker');
          selection.update({ source: 'picker', predicate: isIn('dimension', values) });
          plain.set('picker', { field: 'dimension', values });
        }
        counts.clicks++;
      } else if (roll < 0.98) {
        const source = pick(['series', 'amounts', 'products', 'categories', 'picker']);
        selection.clear(source);
        plain.delete(source);
        counts.clears++;
      } else {
        selection.clear();
        plain.clear();
        counts.clearAll++;
      }
      // every widget asks again, as the widgets do on a selection change
      for (const { source, spec } of widgets) {
        const pending = engine.query(spec, { filter: selection.filterFor(source), source });
        pending.catch((error: Error) => {
          if (error.name === 'StaleQueryError') counts.stale++;
          else counts.otherErrors++;
        });
        latest.set(source, pending);
      }
    };

    let burstEnd = 1;
    for (let i = 1; i <= CHANGES; i++) {
      change();
      if (i % CHECK_EVERY === 0) {
        counts.checks++;
        for (const { source, spec } of widgets) {
          const filter = selection.filterFor(source);
          const answer = await latest.get(source)!;
          const t = performance.now();
          const reference = analytics.runQuery(dataset, { spec, filter });
          timing.referenceMs += performance.now() - t;
          const differences = compare(answer, reference, `change ${i}, ${source}`);
          expect(differences.mismatches, `change ${i}, ${source}`).toEqual([]);
          counts.inexactNumbers += differences.inexact;
          counts.comparisons++;
        }
        const hand = handTotals(dataset, plain);
        if (hand) {
          const [row] = (await latest.get('totals')!).rows as { orders: number; revenue: number }[];
          expect(row.orders, `change ${i}, hand-counted orders`).toBe(hand.orders);
          expect(row.revenue, `change ${i}, hand-counted revenue`).toBeCloseTo(hand.revenue, 6);
          counts.handChecks++;
        }
        // retained caches within their bounds
        const stats = await engine.stats();
        // analytics keys its caches on the dataset with derived fields (memoised per dataset)
        const derived = analytics.derivedColumns(analytics.withDerivedFields(workerDataset!));
        const cubes = derived.memo<{ bytes: number } | null>('crossfilter:cubes', () => null);
        const masks = derived.memo<{ bytes: number } | null>('crossfilter:customerOrders', () => null);
        expect(stats.cacheSize).toBeLessThanOrEqual(CACHE_SIZE);
        expect(cubes?.bytes ?? 0).toBeLessThanOrEqual(CUBE_BUDGET);
        expect(masks?.bytes ?? 0).toBeLessThanOrEqual(MASK_BUDGET);
        cacheReadings.push({ change: i, results: stats.cacheSize, cubeBytes: cubes?.bytes ?? 0, maskBytes: masks?.bytes ?? 0 });
      } else if (i >= burstEnd) {
        // A burst (a drag: 1 to 48 changes in one task, all but the last dropped before they
        // are sent) ends: its batch goes out, and the next burst cancels what has not started.
        await new Promise((resolve) => setImmediate(resolve));
        burstEnd = i + 1 + Math.floor(random() * 48);
        counts.bursts++;
      }
      if (i % WINDOW === 0) {
        await Promise.allSettled(latest.values());
        gc();
        // typed arrays (the cubes, the datasets) live outside the JS heap: count them too
        const memory = process.memoryUsage();
        heap.push({ change: i, heapUsed: memory.heapUsed + memory.arrayBuffers });
      }
    }
    await Promise.allSettled(latest.values());
    const stats = await engine.stats();
    const seconds = (performance.now() - started) / 1000;

    const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
    // Warm-up: the first fifth (caches fill). Baseline: the median of the next four samples;
    // final: the median of the last four (medians: one sample can catch V8 mid-growth).
    const warm = Math.max(0, heap.findIndex((h) => h.change > CHANGES / 5));
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const baseline = median(heap.slice(warm, warm + 4).map((h) => h.heapUsed));
    const final = median(heap.slice(-4).map((h) => h.heapUsed));
    const peakAfter = Math.max(...heap.slice(warm).map((h) => h.heapUsed));
    const secondHalf = heap.filter((h) => h.change > CHANGES / 2);
    const slope = slopeOf(secondHalf.map((h) => [h.change / 1000, h.heapUsed]));
    console.log(
      JSON.stringify(
        {
          changes: CHANGES,
          orders: ORDERS,
          seconds: Math.round(seconds * 10) / 10,
          changesPerSecond: Math.round(CHANGES / seconds),
          counts,
          worker: { ...stats, runQueryCalls: computed },
          timingMs: Object.fromEntries(Object.entries(timing).map(([k, v]) => [k, Math.round(v)])),
          caches: { resultCap: CACHE_SIZE, cubeBudgetMB: mb(CUBE_BUDGET), maskBudgetMB: mb(MASK_BUDGET), last: cacheReadings.at(-1), maxCubeMB: mb(Math.max(...cacheReadings.map((c) => c.cubeBytes))) },
          heapMB: heap.map((h) => [h.change, mb(h.heapUsed)]),
          heapBaselineMB: mb(baseline),
          heapFinalMB: mb(final),
          heapGrowthAfterWarmupMB: mb(final - baseline),
          heapPeakAfterWarmupMB: mb(peakAfter),
          secondHalfSlopeMBPer1000: Math.round((slope / 1024 / 1024) * 100) / 100,
        },
        null,
        1,
      ),
    );
    expect(counts.otherErrors).toBe(0);
    expect(counts.comparisons).toBe((CHANGES / CHECK_EVERY) * widgets.length);
    // every query asked was answered or superseded: nothing left open
    expect(stats.computations + stats.cacheHits + stats.cancelled).toBeGreaterThan(0);
    // the caches may still fill after the warm-up, up to their budgets; anything beyond is a leak
    expect(final - baseline).toBeLessThanOrEqual(CUBE_BUDGET + MASK_BUDGET + HEAP_SLACK);
    expect(peakAfter - baseline).toBeLessThanOrEqual(CUBE_BUDGET + MASK_BUDGET + HEAP_SLACK);
    expect(slope).toBeLessThanOrEqual(MAX_SLOPE_PER_1000);
  });
});

/** Relative tolerance of numbers: sums taken in another order (a cube, a scan) differ in the last bits. */
const RELATIVE = 1e-9;

/**
 * Structural equality where numbers may differ by RELATIVE: analytics' fast path answers from
 * cubes and prefix sums whose rounding depends on what it cached before (e.g. 144.97 against
 * 144.96999999999935), so the engine's answer after thousands of queries and a fresh
 * reference can differ in the last bits. Returns the real mismatches and how many numbers
 * were equal only within the tolerance.
 */
function compare(actual: unknown, expected: unknown, path: string): { mismatches: string[]; inexact: number } {
  const mismatches: string[] = [];
  let inexact = 0;
  const walk = (a: unknown, b: unknown, at: string): void => {
    if (mismatches.length > 5) return;
    if (typeof a === 'number' && typeof b === 'number') {
      if (Object.is(a, b)) return;
      if (Math.abs(a - b) <= RELATIVE * Math.max(1, Math.abs(a), Math.abs(b))) inexact++;
      else mismatches.push(`${at}: ${a} != ${b}`);
      return;
    }
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
      if (!Object.is(a, b)) mismatches.push(`${at}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`);
      return;
    }
    if (Array.isArray(a) !== Array.isArray(b)) {
      mismatches.push(`${at}: array vs object`);
      return;
    }
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) walk((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}.${key}`);
  };
  walk(actual, expected, path);
  return { mismatches, inexact };
}

/** Least-squares slope of y over x. */
function slopeOf(points: [number, number][]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}
