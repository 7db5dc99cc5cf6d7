import { describe, expect, it } from 'vitest';
import { NO_FILTER, interval } from '@clvkit/core';
import type { QueryRequest } from '@clvkit/core';
import { createWorkerApi } from '../src/worker-api.js';
import { DAY, JAN_1, tinyDataset } from './fixtures/dataset.js';
import { fakeRunner } from './fixtures/fake-runner.js';

const revenue: QueryRequest = { spec: { kind: 'aggregate', measures: ['orders', 'revenue'] }, filter: NO_FILTER };
const revenueJan2to4: QueryRequest = { spec: revenue.spec, filter: { mode: 'and', predicates: [interval('session_start', JAN_1 + DAY, JAN_1 + 3 * DAY)] } };

describe('worker api (same thread, no comlink)', () => {
  it('loads a dataset and describes it', async () => {
    const api = createWorkerApi({ runner: fakeRunner() });
    const outcome = await api.load({ kind: 'dataset', dataset: tinyDataset() });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const info = outcome.value;
    expect(info.tables).toEqual([
      {
        name: 'sessions',
        length: 4,
        fields: [
          { name: 'order_id', type: 'string' },
          { name: 'client', type: 'string' },
          { name: 'session_start', type: 'time' },
          { name: 'has_purchased', type: 'boolean' },
          { name: 'payment_amount', type: 'number' },
        ],
      },
    ]);
    // session_start values: Jan 1, Jan 2, Jan 5, Jan 3 -> first Jan 1, last Jan 5
    expect(info.timeExtent).toEqual([JAN_1, JAN_1 + 4 * DAY]);
    expect(info.time).toEqual({ timeZone: 'UTC', weekStart: 1 });
    expect(info.report.sessions).toEqual({ rowsIn: 4, rowsUsed: 4, rejected: {}, repaired: {}, samples: [] });
  });

  it('computes, then answers the same request from the cache', async () => {
    const api = createWorkerApi({ runner: fakeRunner() });
    await api.load({ kind: 'dataset', dataset: tinyDataset() });
    // orders o1, o2, o4: 3 orders, revenue 10 + 20 + 5 = 35
    expect(await api.query(1, revenue)).toEqual({ ok: true, value: { rows: [{ orders: 3, revenue: 35 }] } });
    expect(await api.query(2, revenue)).toEqual({ ok: true, value: { rows: [{ orders: 3, revenue: 35 }] } });
    // [Jan 2, Jan 4): o2 (20) and o4 (5) -> 2 orders, 25
    expect(await api.query(3, revenueJan2to4)).toEqual({ ok: true, value: { rows: [{ orders: 2, revenue: 25 }] } });
    expect(api.stats()).toEqual({ computations: 2, cacheHits: 1, cacheSize: 2, cancelled: 0, loads: 1, prefetches: 0 });
  });

  it('a request cancelled in the same task as it arrived is never computed', async () => {
    const api = createWorkerApi({ runner: fakeRunner() });
    await api.load({ kind: 'dataset', dataset: tinyDataset() });
    const first = api.query(1, revenue);
    const second = api.query(2, revenueJan2to4);
    api.cancel(1);
    expect(await first).toMatchObject({ ok: false, error: { name: 'StaleQueryError' } });
    expect(await second).toEqual({ ok: true, value: { rows: [{ orders: 2, revenue: 25 }] } });
    expect(api.stats()).toMatchObject({ computations: 1, cancelled: 1 });
    api.cancel(2); // finished: nothing to cancel
    expect(api.stats().cancelled).toBe(1);
  });

  it('queries sent while loading wait for the new data, and a load clears the cache', async () => {
    const api = createWorkerApi({ runner: fakeRunner() });
    await api.load({ kind: 'dataset', dataset: tinyDataset() });
    expect(await api.query(1, revenue)).toMatchObject({ ok: true, value: { rows: [{ revenue: 35 }] } });
    const loading = api.load({ kind: 'dataset', dataset: tinyDataset(2) });
    const during = api.query(2, revenue);
    expect((await loading).ok).toBe(true);
    // amounts doubled: 20 + 40 + 10 = 70, computed again (not the cached 35)
    expect(await during).toMatchObject({ ok: true, value: { rows: [{ orders: 3, revenue: 70 }] } });
    expect(api.stats()).toMatchObject({ computations: 2, cacheHits: 0, loads: 2 });
  });

  it('requests that arrive before the first load wait for it (a restarted worker gets both at once)', async () => {
    const api = createWorkerApi({ runner: fakeRunner() });
    const early = api.query(1, revenue);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await api.load({ kind: 'dataset', dataset: tinyDataset() });
    expect(await early).toEqual({ ok: true, value: { rows: [{ orders: 3, revenue: 35 }] } });
  });

  it('keeps at most cacheSize results, evicting the least recently used', async () => {
    const api = createWorkerApi({ runner: fakeRunner(), cacheSize: 2 });
    await api.load({ kind: 'dataset', dataset: tinyDataset() });
    const a = { spec: { kind: 'analysis', name: 'echo', params: { n: 1 } }, filter: NO_FILTER } as const;
    const b = { spec: { kind: 'analysis', name: 'echo', params: { n: 2 } }, filter: NO_FILTER } as const;
    const c = { spec: { kind: 'analysis', name: 'echo', params: { n: 3 } }, filter: NO_FILTER } as const;
    await api.query(1, a);
    await api.query(2, b);
    await api.query(3, c); // evicts a
    expect(api.stats()).toMatchObject({ computations: 3, cacheSize: 2 });
    await api.query(4, c); // hit
    await api.query(5, a); // miss: computed again, evicts b
    await api.query(6, b); // miss
    expect(api.stats()).toMatchObject({ computations: 5, cacheHits: 1, cacheSize: 2 });
  });

  it('returns errors as data and load failures to later queries', async () => {
    const api = createWorkerApi({ runner: fakeRunner() });
    const failed = await api.load({ kind: 'dataset', dataset: {} as never });
    expect(failed).toMatchObject({ ok: false, error: { name: 'TypeError', message: expect.stringContaining('sessions table') } });
    expect(await api.query(1, revenue)).toMatchObject({ ok: false, error: { message: expect.stringContaining('could not be loaded') } });
    await api.load({ kind: 'dataset', dataset: tinyDataset() });
    expect(await api.report('data-error')).toMatchObject({ ok: false, error: { name: 'ClvDataError', rule: 'negative', location: { row: 3 } } });
    expect(await api.report('echo', { x: 1 })).toEqual({ ok: true, value: { rows: [{ name: 'echo', x: 1 }], meta: { rowsSeen: 4 } } });
    expect(await api.reportNames()).toEqual({ ok: true, value: ['data-error', 'echo', 'missing'] });
  });

  it('abortLoad discards the load in progress', async () => {
    const api = createWorkerApi({ runner: fakeRunner() });
    const loading = api.load({ kind: 'dataset', dataset: tinyDataset() });
    const waiting = api.query(1, revenue);
    api.abortLoad();
    expect(await loading).toMatchObject({ ok: false, error: { name: 'StaleQueryError' } });
    expect(await waiting).toMatchObject({ ok: false, error: { name: 'AbortError' } });
    expect(api.stats()).toMatchObject({ computations: 0, loads: 0 });
  });

  it('rejects an unknown source kind with a message naming the kinds', async () => {
    const api = createWorkerApi({ runner: fakeRunner() });
    expect(await api.load({ kind: 'csv' } as never)).toMatchObject({ ok: false, error: { name: 'TypeError', message: expect.stringContaining('"sample", "import"') } });
  });
});
