import { afterEach, describe, expect, it } from 'vitest';
import { ClvDataError, MissingInputError, interval } from '@clvkit/core';
import type { Filter, QuerySpec } from '@clvkit/core';
import { createEngine, EngineError, StaleQueryError } from '../src/index.js';
import type { WorkerEngine } from '../src/index.js';
import { DAY, JAN_1, tinyDataset } from './fixtures/dataset.js';
import { inlineWorkers } from './fixtures/inline.js';

const totals: QuerySpec = { kind: 'aggregate', measures: ['orders', 'revenue'] };
const jan2to4: Filter = { mode: 'and', predicates: [interval('session_start', JAN_1 + DAY, JAN_1 + 3 * DAY)] };

const engines: WorkerEngine[] = [];
function start(options: { cacheSize?: number } = {}) {
  const workers = inlineWorkers();
  const engine = createEngine({ source: { kind: 'dataset', dataset: tinyDataset() }, worker: workers.factory, ...options });
  engines.push(engine);
  return { engine, workers };
}
afterEach(() => {
  for (const engine of engines.splice(0)) engine.destroy();
});

describe('engine over an in-thread worker (MessageChannel, structured clone)', () => {
  it('loads, reports ready and answers queries', async () => {
    const { engine } = start();
    expect(engine.status.value).toBe('loading');
    const info = await engine.ready();
    expect(engine.status.value).toBe('ready');
    expect(engine.error.value).toBeNull();
    expect(info.tables.map((table) => [table.name, table.length])).toEqual([['sessions', 4]]);
    expect(info.timeExtent).toEqual([JAN_1, JAN_1 + 4 * DAY]);
    // all orders: o1 10 + o2 20 + o4 5 = 35 (o3 is a session without purchase)
    expect((await engine.query(totals)).rows).toEqual([{ orders: 3, revenue: 35 }]);
    // [Jan 2, Jan 4): o2 20 + o4 5 = 25
    expect((await engine.query(totals, { filter: jan2to4 })).rows).toEqual([{ orders: 2, revenue: 25 }]);
  });

  it('runs reports and lists their names', async () => {
    const { engine } = start();
    expect(await engine.report('echo', { bucket: 'week' })).toEqual({ rows: [{ name: 'echo', bucket: 'week' }], meta: { rowsSeen: 4 } });
    expect(await engine.reportNames()).toEqual(['data-error', 'echo', 'missing']);
  });

  it('rebuilds errors from the worker with their class and fields', async () => {
    const { engine } = start();
    const dataError = await engine.report('data-error').catch((error: unknown) => error);
    expect(dataError).toBeInstanceOf(ClvDataError);
    expect(dataError).toMatchObject({
      name: 'ClvDataError',
      rule: 'negative',
      location: { table: 'sessions', field: 'payment_amount', column: 'Amount', row: 3 },
      value: '-5',
      hint: 'refunds belong in a separate column',
      message: 'sessions.payment_amount (column "Amount"), row 3: must not be negative (refunds belong in a separate column)',
    });
    const missing = await engine.report('missing').catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(MissingInputError);
    expect(missing).toMatchObject({ name: 'MissingInputError', analysis: 'top-products', missing: 'basket lines', message: 'top-products needs basket lines: pass input.lines' });
    const typeError = await engine.report('type-error').catch((error: unknown) => error);
    expect(typeError).toBeInstanceOf(TypeError);
    expect((typeError as Error).message).toBe('params.bucket: expected "day" or "week"');
  });

  it('answers a repeated query from the cache, even when param keys come in another order', async () => {
    const { engine } = start();
    const first = await engine.query({ kind: 'analysis', name: 'echo', params: { a: 1, b: 2 } });
    first.rows[0].a = 999; // results are copies: mutating one does not touch the cache
    const second = await engine.query({ kind: 'analysis', name: 'echo', params: { b: 2, a: 1 } });
    expect(second.rows).toEqual([{ name: 'echo', a: 1, b: 2 }]);
    expect(await engine.stats()).toMatchObject({ computations: 1, cacheHits: 1, cacheSize: 1 });
  });

  it('bounds the cache by cacheSize', async () => {
    const { engine } = start({ cacheSize: 2 });
    for (const n of [1, 2, 3, 1]) await engine.report('echo', { n });
    // 1, 2, 3 computed (3 evicts 1), 1 computed again: 4 computations, never more than 2 entries
    expect(await engine.stats()).toMatchObject({ computations: 4, cacheHits: 0, cacheSize: 2 });
  });

  it('load replaces the data and clears the cache', async () => {
    const { engine } = start();
    expect((await engine.query(totals)).rows).toEqual([{ orders: 3, revenue: 35 }]);
    const loading = engine.load({ kind: 'dataset', dataset: tinyDataset(2) });
    expect(engine.status.value).toBe('loading');
    await loading;
    // amounts doubled: 20 + 40 + 10 = 70
    expect((await engine.query(totals)).rows).toEqual([{ orders: 3, revenue: 70 }]);
    expect(await engine.stats()).toMatchObject({ computations: 2, cacheHits: 0, loads: 2 });
  });

  it('a bad source sets status error and says why', async () => {
    const workers = inlineWorkers();
    const engine = createEngine({ source: { kind: 'dataset', dataset: {} as never }, worker: workers.factory });
    engines.push(engine);
    await expect(engine.ready()).rejects.toThrow('source.dataset must be a Dataset with at least a sessions table');
    expect(engine.status.value).toBe('error');
    expect(engine.error.value?.message).toContain('sessions table');
    await expect(engine.query(totals)).rejects.toThrow('The data could not be loaded');
    await engine.load({ kind: 'dataset', dataset: tinyDataset() });
    expect(engine.status.value).toBe('ready');
    expect(engine.error.value).toBeNull();
  });
});

describe('staleness, sharing and aborts', () => {
  it('a newer query from the same source makes the older one stale; the stale one is never computed', async () => {
    const { engine, workers } = start();
    await engine.ready();
    const older = engine.query(totals, { source: 'chart' });
    const newer = engine.query(totals, { source: 'chart', filter: jan2to4 });
    const error = await older.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaleQueryError);
    expect((error as Error).name).toBe('StaleQueryError');
    expect((await newer).rows).toEqual([{ orders: 2, revenue: 25 }]);
    expect(await engine.stats()).toMatchObject({ computations: 1 });
    expect(workers.sent('query')).toBe(1); // dropped before it was even sent
  });

  it('a request already sent is cancelled in the worker before it starts', async () => {
    const { engine, workers } = start();
    await engine.ready();
    const older = engine.query(totals, { source: 'chart' });
    await Promise.resolve(); // the client has posted it now
    expect(workers.sent('query')).toBe(1);
    const newer = engine.query(totals, { source: 'chart', filter: jan2to4 });
    await expect(older).rejects.toMatchObject({ name: 'StaleQueryError' });
    expect((await newer).rows).toEqual([{ orders: 2, revenue: 25 }]);
    expect(workers.sent('cancel')).toBe(1);
    expect(await engine.stats()).toMatchObject({ computations: 1, cancelled: 1 });
  });

  it('queries from different sources do not make each other stale', async () => {
    const { engine } = start();
    const a = engine.query(totals, { source: 'a' });
    const b = engine.query(totals, { source: 'b', filter: jan2to4 });
    expect((await a).rows).toEqual([{ orders: 3, revenue: 35 }]);
    expect((await b).rows).toEqual([{ orders: 2, revenue: 25 }]);
  });

  it('identical concurrent queries from different sources share one worker call', async () => {
    const { engine, workers } = start();
    await engine.ready();
    const results = await Promise.all([
      engine.query(totals, { source: 'kpi', filter: jan2to4 }),
      engine.query(totals, { source: 'table', filter: { mode: 'and', predicates: [...jan2to4.predicates] } }),
      engine.query(totals, { filter: jan2to4 }),
    ]);
    for (const result of results) expect(result.rows).toEqual([{ orders: 2, revenue: 25 }]);
    expect(workers.sent('query')).toBe(1);
    expect(await engine.stats()).toMatchObject({ computations: 1, cacheHits: 0 });
  });

  it('a shared call survives one of its callers going stale', async () => {
    const { engine, workers } = start();
    await engine.ready();
    const fromA = engine.query(totals, { source: 'a' });
    const fromB = engine.query(totals, { source: 'b' });
    const newerA = engine.query(totals, { source: 'a', filter: jan2to4 });
    await expect(fromA).rejects.toMatchObject({ name: 'StaleQueryError' });
    expect((await fromB).rows).toEqual([{ orders: 3, revenue: 35 }]);
    expect((await newerA).rows).toEqual([{ orders: 2, revenue: 25 }]);
    expect(workers.sent('query')).toBe(2);
    expect(workers.sent('cancel')).toBe(0);
  });

  it('abort via signal rejects with AbortError and cancels the work', async () => {
    const { engine, workers } = start();
    await engine.ready();
    const controller = new AbortController();
    const pending = engine.query(totals, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    const already = engine.query(totals, { signal: controller.signal });
    await expect(already).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers.sent('query')).toBe(0);
    expect(await engine.stats()).toMatchObject({ computations: 0 });
    // an abort after the answer changes nothing
    const late = new AbortController();
    const answered = await engine.query(totals, { signal: late.signal });
    late.abort();
    expect(answered.rows).toEqual([{ orders: 3, revenue: 35 }]);
  });

  it('abort after sending cancels the request in the worker', async () => {
    const { engine, workers } = start();
    await engine.ready();
    const controller = new AbortController();
    const pending = engine.query(totals, { signal: controller.signal });
    await Promise.resolve();
    controller.abort(new Error('user left'));
    await expect(pending).rejects.toThrow('user left');
    expect(workers.sent('cancel')).toBe(1);
    expect(await engine.stats()).toMatchObject({ computations: 0, cancelled: 1 });
  });
});

describe('destroy', () => {
  it('rejects open and later requests and ready()', async () => {
    const { engine } = start();
    const pending = engine.query(totals);
    engine.destroy();
    await expect(pending).rejects.toBeInstanceOf(EngineError);
    await expect(pending).rejects.toThrow('The engine was destroyed');
    await expect(engine.query(totals)).rejects.toThrow('The engine was destroyed');
    await expect(engine.ready()).rejects.toThrow('The engine was destroyed');
    engine.destroy(); // twice is harmless
  });

  it('rejects specs that are not queries', async () => {
    const { engine } = start();
    await expect(engine.query({ kind: 'sql' } as never)).rejects.toThrow('spec.kind must be "aggregate" or "analysis"');
  });
});
