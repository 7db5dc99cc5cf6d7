import { afterEach, describe, expect, it } from 'vitest';
import { interval, isIn, type Dataset, type QueryRequest, type QuerySpec } from '@clvkit/core';
import { createEngine } from '../src/index.js';
import type { WorkerEngine } from '../src/index.js';
import type { QueryRunner } from '../src/worker-api.js';
import { fakeRunner } from './fixtures/fake-runner.js';
import { DAY, JAN_1, tinyDataset } from './fixtures/dataset.js';
import { inlineWorkers } from './fixtures/inline.js';

const totals: QuerySpec = { kind: 'aggregate', measures: ['orders', 'revenue'] };
const byChannel: QuerySpec = { kind: 'aggregate', groupBy: [{ field: 'dimension' }], measures: ['orders'] };

/** A runner that records the prefetches it is given, in order, and answers queries as the fake runner. */
function recordingRunner(): { runner: QueryRunner; prefetched: { request: QueryRequest; field: string; step?: number }[]; order: string[] } {
  const base = fakeRunner();
  const prefetched: { request: QueryRequest; field: string; step?: number }[] = [];
  const order: string[] = [];
  const runner: QueryRunner = {
    ...base,
    runQuery(dataset: Dataset, request: QueryRequest) {
      order.push(`query ${JSON.stringify(request.spec)}`);
      return base.runQuery(dataset, request);
    },
    prefetchQuery(_dataset, request, activation) {
      order.push(`prefetch ${activation.field}`);
      prefetched.push({ request, field: activation.field, ...(activation.step !== undefined ? { step: activation.step } : {}) });
      return true;
    },
  };
  return { runner, prefetched, order };
}

const engines: WorkerEngine[] = [];
afterEach(() => {
  for (const engine of engines.splice(0)) engine.destroy();
});

function start(runner: QueryRunner) {
  const workers = inlineWorkers(runner);
  const engine = createEngine({ source: { kind: 'dataset', dataset: tinyDataset() }, worker: workers.factory });
  engines.push(engine);
  return { engine, workers };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('Engine.prefetch', () => {
  it('sends the prefetches of one task in one batch and the worker runs each with its field and filter', async () => {
    const { runner, prefetched } = recordingRunner();
    const { engine, workers } = start(runner);
    await engine.ready();
    const before = workers.batches().length;
    const period = { mode: 'and' as const, predicates: [interval('session_start', JAN_1, JAN_1 + 2 * DAY)] };
    engine.prefetch(totals, { filter: period, field: 'payment_amount', step: 10 });
    engine.prefetch(byChannel, { field: 'payment_amount', step: 10 });
    await settle();
    const batches = workers.batches().slice(before);
    expect(batches).toHaveLength(1);
    expect(batches[0].prefetch).toHaveLength(2);
    expect(prefetched).toEqual([
      { request: { spec: totals, filter: period }, field: 'payment_amount', step: 10 },
      { request: { spec: byChannel, filter: { mode: 'and', predicates: [] } }, field: 'payment_amount', step: 10 },
    ]);
    expect((await engine.stats()).prefetches).toBe(2);
  });

  it('runs queries before waiting prefetches, and a newer activation replaces the waiting ones', async () => {
    const { runner, order } = recordingRunner();
    const { engine } = start(runner);
    await engine.ready();
    // One task: prefetches for "dimension", then a query; the worker takes the query first.
    engine.prefetch(totals, { field: 'dimension' });
    engine.prefetch(byChannel, { field: 'dimension' });
    const answer = engine.query(totals, { filter: { mode: 'and', predicates: [isIn('dimension', ['web'])] } });
    await answer;
    await settle();
    expect(order[0]).toBe(`query ${JSON.stringify(totals)}`);
    expect(order.slice(1)).toEqual(['prefetch dimension', 'prefetch dimension']);
    // Activations of two fields in one task: only the last one's prefetches are kept.
    order.length = 0;
    engine.prefetch(totals, { field: 'dimension' });
    engine.prefetch(totals, { field: 'product' });
    await settle();
    expect(order).toEqual(['prefetch product']);
  });

  it('ignores bad calls instead of throwing (a prefetch is a hint)', async () => {
    const { runner, prefetched } = recordingRunner();
    const { engine } = start(runner);
    await engine.ready();
    expect(() => engine.prefetch(totals, { field: '' })).not.toThrow();
    expect(() => engine.prefetch({ kind: 'nope' } as unknown as QuerySpec, { field: 'dimension' })).not.toThrow();
    await settle();
    expect(prefetched).toHaveLength(0);
    engine.destroy();
    expect(() => engine.prefetch(totals, { field: 'dimension' })).not.toThrow();
  });
});
