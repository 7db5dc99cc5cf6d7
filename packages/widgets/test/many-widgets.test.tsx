// @vitest-environment happy-dom
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { interval, isIn, Selection } from '@clvkit/core';
import type { Dataset, QueryRequest, QueryResult } from '@clvkit/core';
import * as analytics from '@clvkit/analytics';
import { sampleDataset } from '@clvkit/sample-data';
import { createEngine, type WorkerEngine } from '@clvkit/engine';
// The engine's in-thread worker, built by hand so the test can count workers and computations
// (the package exports only createEngine; these are its own building blocks, not copies).
import { createInlineWorker } from '../../engine/src/inline-worker.js';
import { createWorkerApi } from '../../engine/src/worker-api.js';
import { mount, type MountHandle } from '../src/index.js';
import { interact, settle } from './helpers.js';

/**
 * 50 widgets on one page, one engine: one worker, and each distinct query computed once
 * however many widgets ask it (identical requests of one frame share one worker call; later
 * ones hit the cache). Real analytics on the sample shop; the worker runs in-thread.
 */

const layout: { widget: string; options: Record<string, unknown>; count: number }[] = [
  { widget: 'kpi-cards', options: {}, count: 10 },
  { widget: 'time-series', options: { bucket: 'week', width: 300, timeZone: 'UTC' }, count: 6 },
  { widget: 'time-series', options: { bucket: 'day', width: 300, timeZone: 'UTC' }, count: 4 },
  { widget: 'top-products', options: { limit: 5 }, count: 6 },
  { widget: 'top-products', options: { limit: 10 }, count: 4 },
  { widget: 'top-categories', options: {}, count: 10 },
  { widget: 'dimension-picker', options: {}, count: 10 },
];

let dataset: Dataset;
let engine: WorkerEngine;
let workersCreated = 0;
let asked = 0;
/** runQuery calls by request (spec and filter). */
const computedBy = new Map<string, number>();
const handles: MountHandle<unknown>[] = [];
const containers: HTMLElement[] = [];
const selection = new Selection();

beforeAll(async () => {
  ({ dataset } = await sampleDataset({ orders: 3000, seed: 5 }));
  const runner = {
    runQuery(data: Dataset, request: QueryRequest): QueryResult {
      const key = JSON.stringify(request);
      computedBy.set(key, (computedBy.get(key) ?? 0) + 1);
      return analytics.runQuery(data, request);
    },
    prefetchQuery: analytics.prefetchQuery,
    reportNames: analytics.reportNames,
  };
  engine = createEngine({
    source: { kind: 'dataset', dataset },
    worker: () => {
      workersCreated++;
      return createInlineWorker(createWorkerApi({ runner })) as unknown as Worker;
    },
  });
  await engine.ready();
  // count what the widgets ask (every engine.query call), against what the worker computes
  const query = engine.query.bind(engine);
  engine.query = ((spec, options) => {
    asked++;
    return query(spec, options);
  }) as WorkerEngine['query'];
}, 60_000);

afterAll(() => {
  for (const handle of handles.splice(0)) handle.destroy();
  for (const container of containers.splice(0)) container.remove();
  engine.destroy();
});

/**
 * Waits until every widget shows content (no loading state) and the worker is idle (two
 * readings of its counters a few frames apart agree), up to `frames` settles.
 */
async function settleAll(frames = 40): Promise<void> {
  let last = '';
  for (let i = 0; i < frames; i++) {
    await settle(2);
    const stats = await engine.stats();
    const reading = `${stats.computations}/${stats.cacheHits}/${stats.cancelled}`;
    const shown = containers.every((c) => c.querySelector('[aria-busy="true"]') === null && c.childElementCount > 0);
    if (shown && reading === last) return;
    last = reading;
  }
}

describe('50 widgets on one engine', () => {
  test('mount: one worker, every distinct query computed once, all 50 render', { timeout: 60_000 }, async () => {
    await interact(() => {
      for (const { widget, options, count } of layout) {
        for (let k = 0; k < count; k++) {
          const element = document.createElement('div');
          document.body.append(element);
          containers.push(element);
          handles.push(mount(element, { widget, engine, selection, locale: 'en-US', ...options } as never) as MountHandle<unknown>);
        }
      }
    });
    await settleAll();
    expect(containers).toHaveLength(50);
    expect(workersCreated).toBe(1);
    // every widget rendered its content: no loading, no error state
    const states = containers.map((c) => (c.querySelector('.clv-error') ? 'error' : c.querySelector('[aria-busy="true"]') ? 'loading' : c.querySelector('.clv-content') ? 'content' : 'other'));
    expect(states.filter((s) => s !== 'content')).toEqual([]);
    // 7 widget kinds / options => 7 distinct queries (kpis, 2 series, 2 product lists, categories, picker), each computed once
    const counts = [...computedBy.values()];
    expect(counts.every((n) => n === 1)).toBe(true);
    expect(computedBy.size).toBe(7);
    const stats = await engine.stats();
    expect(stats.computations).toBe(7);
    // each of the 50 asked at least once
    expect(asked).toBeGreaterThanOrEqual(50);
    console.log(JSON.stringify({ widgets: containers.length, workers: workersCreated, queriesAsked: asked, computed: stats.computations, cacheHits: stats.cacheHits }));
  });

  test('a selection change: each widget asks again, each distinct (query, filter) is computed once', { timeout: 60_000 }, async () => {
    computedBy.clear();
    const before = await engine.stats();
    const [from] = (await engine.ready()).timeExtent!;
    // the host narrows the time range, then one picker clicks a dimension value
    await interact(() => selection.update({ source: 'host:dates', predicate: interval('session_start', from, from + 60 * 86_400_000) }));
    await settleAll();
    const dimension = (dataset.sessions.columns.dimension as unknown as { dictionary: string[] }).dictionary[0];
    await interact(() => selection.update({ source: 'host:picker', predicate: isIn('dimension', [dimension]) }));
    await settleAll();
    const counts = [...computedBy.entries()];
    expect(counts.filter(([, n]) => n !== 1)).toEqual([]);
    const after = await engine.stats();
    // at most 7 distinct queries per change (a query cancelled before it ran is not computed)
    expect(after.computations - before.computations).toBe(computedBy.size);
    expect(computedBy.size).toBeLessThanOrEqual(14);
    expect(workersCreated).toBe(1);
    const states = containers.map((c) => (c.querySelector('.clv-error') ? 'error' : c.querySelector('[aria-busy="true"]') ? 'loading' : 'settled'));
    expect(states.filter((s) => s !== 'settled')).toEqual([]);
  });
});
