import { afterEach, describe, expect, it } from 'vitest';
import { ClvDataError } from '@clvkit/core';
import type { QuerySpec } from '@clvkit/core';
import { createEngine } from '../src/index.js';
import type { EngineOptions, WorkerEngine } from '../src/index.js';

/**
 * The engine with the real packages behind it (core import, analytics, sample data), in
 * inline mode: the worker API on this thread behind a MessageChannel.
 */
const totals: QuerySpec = { kind: 'aggregate', measures: ['orders', 'revenue'] };
const engines: WorkerEngine[] = [];
function start(source: EngineOptions['source'], worker: EngineOptions['worker'] = 'inline'): WorkerEngine {
  const engine = createEngine({ source, worker });
  engines.push(engine);
  return engine;
}
afterEach(() => {
  for (const engine of engines.splice(0)) engine.destroy();
});

const sessionRows = [
  { order_id: 'o1', client: 'a', session_start: '2024-01-01T10:00:00Z', has_purchased: true, payment_amount: 10 },
  { order_id: 'o2', client: 'b', session_start: '2024-01-02T10:00:00Z', has_purchased: true, payment_amount: 20 },
  { order_id: 'o3', client: 'a', session_start: '2024-01-05T10:00:00Z', has_purchased: false, payment_amount: 0 },
  { order_id: 'o4', client: 'c', session_start: '2024-01-03T10:00:00Z', has_purchased: true, payment_amount: 5 },
];

describe('engine with the real analytics (inline mode)', () => {
  it('imports rows, reports what it kept, and aggregates them', async () => {
    const rows = [...sessionRows, { order_id: 'o5', client: 'd', session_start: '2024-01-04T10:00:00Z', has_purchased: true, payment_amount: -5 }];
    const engine = start({ kind: 'import', input: { sessions: { data: rows } } });
    const info = await engine.ready();
    // o5 has a negative amount: rejected, counted
    expect(info.report.sessions).toMatchObject({ rowsIn: 5, rowsUsed: 4, rejected: { negative: 1 } });
    expect(info.timeExtent).toEqual([Date.UTC(2024, 0, 1, 10), Date.UTC(2024, 0, 5, 10)]);
    // orders o1, o2, o4: 10 + 20 + 5 = 35
    expect((await engine.query(totals)).rows).toEqual([{ orders: 3, revenue: 35 }]);
    expect(await engine.reportNames()).toContain('kpis');
    const kpis = await engine.report('kpis');
    expect(kpis.rows.find((row) => row.metric === 'revenue')?.value).toBe(35);
    // The first test of the file also pays the inline worker's first import of the analytics.
  }, 60_000);

  it('reports as the seed\'s API does: a date cuts the data after that day, a dimension keeps one value', async () => {
    const rows = sessionRows.map((row, i) => ({ ...row, dimension: i === 1 ? 'app' : 'web' }));
    const engine = start({ kind: 'import', input: { sessions: { data: rows, mapping: { order_id: 'order_id', client: 'client', session_start: 'session_start', has_purchased: 'has_purchased', payment_amount: 'payment_amount', dimension: 'dimension' } } } });
    await engine.ready();
    const value = (result: { rows: Record<string, unknown>[] }, metric: string) => result.rows.find((row) => row.metric === metric)?.value;
    // Up to the end of 01-02: o1 (10, web) and o2 (20, app).
    expect(value(await engine.report('kpis', { date: '2024-01-02' }), 'revenue')).toBe(30);
    // Web only, all dates: o1 10 + o4 5.
    expect(value(await engine.report('kpis', { dimension: 'web' }), 'revenue')).toBe(15);
    await expect(engine.report('kpis', { date: 'yesterday' })).rejects.toThrow(/YYYY-MM-DD/);
  });

  it('drains iterables and async iterables on the main thread before sending them', async () => {
    function* rows() {
      yield* sessionRows;
    }
    async function* csvChunks() {
      yield 'order_id,client,session_start,has_purchased,payment_amount\n';
      yield 'o1,a,2024-01-01T10:00:00Z,true,10\no2,b,2024-01-02T10:00:00Z,true,20\n';
    }
    const fromIterable = start({ kind: 'import', input: { sessions: { data: rows() } } });
    expect((await fromIterable.query(totals)).rows).toEqual([{ orders: 3, revenue: 35 }]);
    const fromChunks = start({ kind: 'import', input: { sessions: { data: csvChunks(), format: 'csv' } } });
    // o1 10 + o2 20
    expect((await fromChunks.query(totals)).rows).toEqual([{ orders: 2, revenue: 30 }]);
  });

  it('imports line items: one order per invoice, paid Σ price × quantity', async () => {
    const lines = [
      { order_id: 'i1', client: 'a', session_start: '2024-01-01', product: 'p1', price: 2, quantity: 3 },
      { order_id: 'i1', client: 'a', session_start: '2024-01-01', product: 'p2', price: 5, quantity: 1 },
      { order_id: 'i2', client: 'b', session_start: '2024-01-02', product: 'p1', price: 2, quantity: 2 },
    ];
    const engine = start({ kind: 'line-items', input: { data: lines, mapping: { isCancelled: /^C/ } } });
    await engine.ready();
    // i1: 2 × 3 + 5 × 1 = 11; i2: 2 × 2 = 4; total 15 over 2 orders
    expect((await engine.query(totals)).rows).toEqual([{ orders: 2, revenue: 15 }]);
    const functionRule = start({ kind: 'line-items', input: { data: lines, mapping: { isCancelled: () => false } } });
    await expect(functionRule.ready()).rejects.toThrow('isCancelled is a function, which cannot be sent to the worker');
  });

  it('a data error of the import reaches ready() as a ClvDataError', async () => {
    const rows = [{ ...sessionRows[0], payment_amount: -1 }];
    const engine = start({ kind: 'import', input: { sessions: { data: rows } }, options: { onInvalidRow: 'throw' } });
    const error = await engine.ready().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClvDataError);
    expect(error).toMatchObject({ rule: 'negative', location: { table: 'sessions', field: 'payment_amount', row: 1 } });
    expect(engine.status.value).toBe('error');
    expect(engine.error.value).toBe(error);
  });

  it('aborting the import through options.signal rejects ready() and sets status error', async () => {
    const controller = new AbortController();
    const engine = start({ kind: 'import', input: { sessions: { data: sessionRows } }, options: { signal: controller.signal } });
    controller.abort();
    await expect(engine.ready()).rejects.toMatchObject({ name: 'AbortError' });
    expect(engine.status.value).toBe('error');
    await expect(engine.query(totals)).rejects.toThrow('aborted');
  });

  it('loads the sample shop with exactly the orders asked for', async () => {
    const engine = start({ kind: 'sample', orders: 1000, seed: 7 });
    const info = await engine.ready();
    expect(info.tables.map((table) => table.name)).toContain('sessions');
    const { rows } = await engine.query({ kind: 'aggregate', measures: ['orders'] });
    expect(rows).toEqual([{ orders: 1000 }]);
  }, 60_000);

  it("'auto' runs inline where there is no Worker (Node, SSR)", async () => {
    expect(typeof Worker).toBe('undefined');
    const engine = start({ kind: 'import', input: { sessions: { data: sessionRows } } }, undefined);
    expect((await engine.query(totals)).rows).toEqual([{ orders: 3, revenue: 35 }]);
  });
});
