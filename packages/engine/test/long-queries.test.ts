import { afterEach, describe, expect, it } from 'vitest';
import { yieldToMacrotask } from '@clvkit/core';
import type { QuerySpec } from '@clvkit/core';
import { createEngine } from '../src/index.js';
import type { QueryProgress, WorkerEngine } from '../src/index.js';
import type { QueryRunner } from '../src/worker-api.js';
import { tinyDataset } from './fixtures/dataset.js';
import { fakeRunner } from './fixtures/fake-runner.js';
import { inlineWorkers } from './fixtures/inline.js';

/** The fake runner plus an async analysis `train` that takes `params.epochs` steps, checking its signal between them. */
function trainingRunner(log: { stepsRun: number }): QueryRunner {
  const base = fakeRunner();
  return {
    ...base,
    async runQueryAsync(dataset, request, { signal, onProgress }) {
      const { spec } = request;
      if (spec.kind !== 'analysis' || spec.name !== 'train') return base.runQuery(dataset, request);
      const epochs = Number(spec.params?.epochs);
      for (let epoch = 1; epoch <= epochs; epoch++) {
        if (signal.aborted) throw new Error('aborted');
        log.stepsRun++;
        onProgress?.({ done: epoch, total: epochs, message: 'Training' });
        await yieldToMacrotask();
      }
      return { rows: [{ epochs }] };
    },
  };
}

const train = (epochs: number): QuerySpec => ({ kind: 'analysis', name: 'train', params: { epochs } });
const engines: WorkerEngine[] = [];
afterEach(() => {
  for (const engine of engines.splice(0)) engine.destroy();
});

function start(log: { stepsRun: number }) {
  const workers = inlineWorkers(trainingRunner(log));
  const engine = createEngine({ source: { kind: 'dataset', dataset: tinyDataset() }, worker: workers.factory });
  engines.push(engine);
  return { engine, workers };
}

describe('long queries', () => {
  it('pass every progress step to the caller, then the rows', async () => {
    const { engine } = start({ stepsRun: 0 });
    await engine.ready();
    const seen: QueryProgress[] = [];
    const result = await engine.query(train(3), { onProgress: (p) => seen.push(p) });
    expect(result.rows).toEqual([{ epochs: 3 }]);
    expect(seen).toEqual([1, 2, 3].map((done) => ({ done, total: 3, message: 'Training' })));
  });

  it('share progress between callers of one shared call', async () => {
    const { engine } = start({ stepsRun: 0 });
    await engine.ready();
    const a: number[] = [];
    const b: number[] = [];
    await Promise.all([engine.query(train(2), { source: 'a', onProgress: (p) => a.push(p.done) }), engine.query(train(2), { source: 'b', onProgress: (p) => b.push(p.done) })]);
    expect(a).toEqual([1, 2]);
    expect(b).toEqual([1, 2]);
  });

  it('a running long query is stopped in the worker when its caller aborts', async () => {
    const log = { stepsRun: 0 };
    const { engine, workers } = start(log);
    await engine.ready();
    const controller = new AbortController();
    const pending = engine.query(train(10_000), { signal: controller.signal, onProgress: (p) => p.done === 5 && controller.abort() });
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers.sent('cancel')).toBe(1);
    // the worker is free again: a later query answers, and the training stopped long before its end
    expect((await engine.query(train(1))).rows).toEqual([{ epochs: 1 }]);
    expect(log.stepsRun).toBeLessThan(100);
    expect(await engine.stats()).toMatchObject({ cancelled: 1 });
  });

  it('a newer query from the same widget stops the older long one', async () => {
    const log = { stepsRun: 0 };
    const { engine } = start(log);
    await engine.ready();
    const older = engine.query(train(10_000), { source: 'chart', onProgress: (p) => p.done === 3 && void newer() });
    let newerResult: Promise<unknown> | undefined;
    const newer = () => (newerResult = engine.query(train(2), { source: 'chart' }));
    await expect(older).rejects.toMatchObject({ name: 'StaleQueryError' });
    await expect(newerResult).resolves.toMatchObject({ rows: [{ epochs: 2 }] });
    expect(log.stepsRun).toBeLessThan(100);
  });
});
