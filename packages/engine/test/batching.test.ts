import { afterEach, describe, expect, it } from 'vitest';
import { interval, NO_FILTER } from '@clvkit/core';
import type { Filter, QueryRequest, QueryResult, QuerySpec } from '@clvkit/core';
import { createEngine, StaleQueryError } from '../src/index.js';
import type { WorkerEngine } from '../src/index.js';
import type { ResultsMessage } from '../src/batch-protocol.js';
import type { Outcome } from '../src/errors.js';
import { batchHandler } from '../src/serve-worker-api.js';
import type { WorkerApi } from '../src/worker-api.js';
import { DAY, JAN_1, tinyDataset } from './fixtures/dataset.js';
import { inlineWorkers } from './fixtures/inline.js';

// tinyDataset: orders o1 Jan 1 $10, o2 Jan 2 $20, o4 Jan 3 $5 (o3 Jan 5 is not an order).
const totals: QuerySpec = { kind: 'aggregate', measures: ['orders', 'revenue'] };
const revenue: QuerySpec = { kind: 'aggregate', measures: ['revenue'] };
const days = (from: number, to: number): Filter => ({ mode: 'and', predicates: [interval('session_start', JAN_1 + from * DAY, JAN_1 + to * DAY)] });

const engines: WorkerEngine[] = [];
function start() {
  const workers = inlineWorkers();
  const engine = createEngine({ source: { kind: 'dataset', dataset: tinyDataset() }, worker: workers.factory });
  engines.push(engine);
  return { engine, workers };
}
afterEach(() => {
  for (const engine of engines.splice(0)) engine.destroy();
});

describe('queries of one frame travel as one message', () => {
  it('N queries issued in one task: one batch message, one reply, each answer to its own caller', async () => {
    const { engine, workers } = start();
    await engine.ready();
    const before = { batches: workers.batches().length, replies: workers.replies().length };
    // What eight widgets do in one animation frame: different specs and filters.
    const asked = [
      engine.query(totals, { source: 'a' }),
      engine.query(totals, { source: 'b', filter: days(1, 3) }),
      engine.query(revenue, { source: 'c', filter: days(0, 1) }),
      engine.query(revenue, { source: 'd', filter: days(2, 5) }),
      engine.query(totals, { source: 'e', filter: days(4, 5) }),
    ];
    const answers = await Promise.all(asked);
    expect(answers.map((a) => a.rows)).toEqual([
      [{ orders: 3, revenue: 35 }],
      [{ orders: 2, revenue: 25 }],
      [{ revenue: 10 }],
      [{ revenue: 5 }],
      [{ orders: 0, revenue: 0 }],
    ]);
    const batches = workers.batches().slice(before.batches);
    expect(batches).toHaveLength(1);
    expect(batches[0].jobs).toHaveLength(5);
    const replies = workers.replies().slice(before.replies);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toHaveLength(5);
    expect(workers.sent('query')).toBe(5);
  });

  it('a query made stale in the same task is never sent; the batch holds only the newer one', async () => {
    const { engine, workers } = start();
    await engine.ready();
    const older = engine.query(totals, { source: 'chart' });
    const newer = engine.query(totals, { source: 'chart', filter: days(1, 3) });
    const other = engine.query(revenue, { source: 'kpi' });
    await expect(older).rejects.toBeInstanceOf(StaleQueryError);
    expect((await newer).rows).toEqual([{ orders: 2, revenue: 25 }]);
    expect((await other).rows).toEqual([{ revenue: 35 }]);
    const batch = workers.batches().at(-1)!;
    expect(batch.jobs).toHaveLength(2);
    expect(batch.cancel).toEqual([]);
    expect(await engine.stats()).toMatchObject({ computations: 2, cancelled: 0 });
  });

  it("the next frame's batch cancels the queries it made stale, in the same message", async () => {
    const { engine, workers } = start();
    await engine.ready();
    const first = [engine.query(totals, { source: 'a' }), engine.query(revenue, { source: 'b' })];
    await Promise.resolve(); // the first batch is posted
    const sentFirst = workers.batches().at(-1)!;
    const second = [engine.query(totals, { source: 'a', filter: days(1, 3) }), engine.query(revenue, { source: 'b', filter: days(1, 3) })];
    for (const stale of first) await expect(stale).rejects.toMatchObject({ name: 'StaleQueryError' });
    expect((await Promise.all(second)).map((r) => r.rows)).toEqual([[{ orders: 2, revenue: 25 }], [{ revenue: 25 }]]);
    const sentSecond = workers.batches().at(-1)!;
    expect(sentSecond).not.toBe(sentFirst);
    expect(sentSecond.cancel).toEqual((sentFirst.jobs as { id: number }[]).map((j) => j.id));
    expect(sentSecond.jobs).toHaveLength(2);
    // Both stale ones were dropped before the worker started them.
    expect(await engine.stats()).toMatchObject({ computations: 2, cancelled: 2 });
  });

  it('identical queries of one frame share one job', async () => {
    const { engine, workers } = start();
    await engine.ready();
    const before = workers.sent('query');
    const [a, b] = await Promise.all([engine.query(totals, { source: 'a', filter: days(1, 3) }), engine.query(totals, { source: 'b', filter: days(1, 3) })]);
    expect(a.rows).toEqual(b.rows);
    expect(workers.sent('query') - before).toBe(1);
  });
});

describe('batchHandler (worker side)', () => {
  /** A worker API whose queries answer when the test says so. */
  function controlledApi() {
    const pending = new Map<number, (outcome: Outcome<QueryResult>) => void>();
    const cancelled: number[] = [];
    const api = {
      query: (id: number) => new Promise<Outcome<QueryResult>>((resolve) => pending.set(id, resolve)),
      cancel: (id: number) => {
        cancelled.push(id);
        pending.get(id)?.({ ok: false, error: { name: 'StaleQueryError', message: 'cancelled' } });
      },
    } as unknown as WorkerApi;
    const answer = (id: number) => pending.get(id)!({ ok: true, value: { rows: [{ id }] } });
    return { api, answer, cancelled };
  }
  const request: QueryRequest = { spec: totals, filter: NO_FILTER };
  const ids = (messages: ResultsMessage[]) => messages.map((m) => m.results.map((r) => r.id));
  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('answers a batch in one message once its last query is in', async () => {
    const { api, answer } = controlledApi();
    const posted: ResultsMessage[] = [];
    batchHandler(api, (m) => posted.push(m), 1000)({ clv: 'batch', jobs: [1, 2, 3].map((id) => ({ id, request })), cancel: [] });
    answer(2);
    answer(1);
    await tick();
    expect(posted).toEqual([]);
    answer(3);
    await tick();
    expect(ids(posted)).toEqual([[2, 1, 3]]);
  });

  it('sends what is in after the reply window when the rest takes longer', async () => {
    const { api, answer } = controlledApi();
    const posted: ResultsMessage[] = [];
    batchHandler(api, (m) => posted.push(m), 5)({ clv: 'batch', jobs: [1, 2].map((id) => ({ id, request })), cancel: [] });
    answer(1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(ids(posted)).toEqual([[1]]);
    answer(2);
    await tick();
    expect(ids(posted)).toEqual([[1], [2]]);
  });

  it('cancels before it queues', async () => {
    const { api, answer, cancelled } = controlledApi();
    const posted: ResultsMessage[] = [];
    const handle = batchHandler(api, (m) => posted.push(m), 1000);
    handle({ clv: 'batch', jobs: [{ id: 1, request }], cancel: [] });
    handle({ clv: 'batch', jobs: [{ id: 2, request }], cancel: [1] });
    expect(cancelled).toEqual([1]);
    answer(2);
    await tick();
    expect(posted.map((m) => m.results.map((r) => [r.id, r.outcome.ok]))).toEqual([[[1, false]], [[2, true]]]);
  });
});
