import { describe, expect, it } from 'vitest';
import { NO_FILTER, type QueryResult } from '@clvkit/core';
import { defineAnalysis, registerAnalysis, runAnalysis, runQuery, runQueryAsync, type Progress } from '../src/index.js';
import { buildDataset } from './helpers.js';

const dataset = buildDataset({ sessions: [{ id: 'o1', client: 'a', start: '2024-01-01T10:00Z', payment: 10 }] });

let steps = 0;
registerAnalysis(
  defineAnalysis({
    name: 'test_long_counter',
    description: 'counts to params.steps with a checkpoint per step',
    long: true,
    async run(context, params: Readonly<Record<string, unknown>>): Promise<QueryResult> {
      const total = Number(params.steps);
      for (let done = 1; done <= total; done++) {
        steps++;
        await context.checkpoint(done, total, 'Counting');
      }
      return { rows: [{ steps: total }] };
    },
  }),
);
registerAnalysis(
  defineAnalysis({ name: 'test_sync_returning_promise', description: 'a sync analysis that forgot long: true', run: async () => ({ rows: [] }) }),
);

describe('long analyses', () => {
  it('refuse the synchronous runners with a message that names the async one', () => {
    expect(() => runAnalysis(dataset, 'test_long_counter', { steps: 1 })).toThrow(/long-running.*runQueryAsync/);
    expect(() => runQuery(dataset, { spec: { kind: 'analysis', name: 'test_long_counter', params: { steps: 1 } }, filter: NO_FILTER })).toThrow(TypeError);
    expect(() => runAnalysis(dataset, 'test_sync_returning_promise')).toThrow(/long: true/);
  });

  it('report every checkpoint in order and resolve with the rows', async () => {
    const seen: Progress[] = [];
    const result = await runQueryAsync(dataset, { spec: { kind: 'analysis', name: 'test_long_counter', params: { steps: 3 } }, filter: NO_FILTER }, { onProgress: (p) => seen.push(p) });
    expect(result.rows).toEqual([{ steps: 3 }]);
    expect(seen).toEqual([
      { done: 1, total: 3, message: 'Counting' },
      { done: 2, total: 3, message: 'Counting' },
      { done: 3, total: 3, message: 'Counting' },
    ]);
  });

  it('stop at the next checkpoint once cancelled, with the abort reason', async () => {
    const controller = new AbortController();
    steps = 0;
    const run = runQueryAsync(
      dataset,
      { spec: { kind: 'analysis', name: 'test_long_counter', params: { steps: 1000 } }, filter: NO_FILTER },
      { signal: controller.signal, onProgress: (p) => { if (p.done === 2) controller.abort(); } },
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    // step 2 reported progress, the abort was seen before step 3 began
    expect(steps).toBe(2);
  });

  it('run ordinary analyses and plain aggregates too', async () => {
    const aggregate = await runQueryAsync(dataset, { spec: { kind: 'aggregate', measures: ['orders', 'revenue'] }, filter: NO_FILTER });
    expect(aggregate.rows).toEqual([{ orders: 1, revenue: 10 }]);
    const orders = await runQueryAsync(dataset, { spec: { kind: 'analysis', name: 'kpis' }, filter: NO_FILTER });
    expect(orders.rows.find((row) => row.metric === 'orders')?.value).toBe(1);
  });
});
