import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClvDataError, interval } from '@clvkit/core';
import type { QuerySpec } from '@clvkit/core';
import { createEngine, EngineError } from '../src/index.js';
import type { EngineOptions, EngineStatus, WorkerEngine } from '../src/index.js';
import { bundle, fixture } from './fixtures/bundle.js';
import { DAY, JAN_1, tinyDataset } from './fixtures/dataset.js';
import { nodeWorker } from './fixtures/node-worker.js';
import type { NodeWorkerLike } from './fixtures/node-worker.js';

/**
 * The engine against real threads: the worker code is bundled with esbuild and started with
 * node:worker_threads behind a Worker-like wrapper that, like a browser, reports `error` events
 * but not a thread that silently stops.
 */
type Death = 'exit' | 'throw' | undefined;

const totals: QuerySpec = { kind: 'aggregate', measures: ['orders', 'revenue'] };
const jan2to4 = { mode: 'and' as const, predicates: [interval('session_start', JAN_1 + DAY, JAN_1 + 3 * DAY)] };

let dir = '';
let crashWorker = '';
const engines: WorkerEngine[] = [];
const threads: NodeWorkerLike[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clvkit-engine-'));
  crashWorker = await bundle(fixture('crash-worker-entry.ts'), dir, 'crash-worker');
}, 60_000);

afterAll(async () => {
  for (const engine of engines.splice(0)) engine.destroy();
  await Promise.all(threads.map((thread) => thread.exited));
  rmSync(dir, { recursive: true, force: true });
});

/** An engine whose n-th worker (0-based) dies as `deaths(n)` says when analysis "crash" runs. */
function start(deaths: (n: number) => Death, options: Partial<EngineOptions> = {}) {
  const started: NodeWorkerLike[] = [];
  const engine = createEngine({
    source: { kind: 'dataset', dataset: tinyDataset() },
    worker: () => {
      const thread = nodeWorker(crashWorker, { die: deaths(started.length) });
      started.push(thread);
      threads.push(thread);
      return thread as unknown as Worker;
    },
    ...options,
  });
  engines.push(engine);
  const statuses: EngineStatus[] = [];
  const errors: string[] = [];
  engine.status.subscribe((status) => statuses.push(status));
  engine.error.subscribe((error) => {
    if (error) errors.push(error.message);
  });
  return { engine, started, statuses, errors };
}

describe('engine over a real thread', { timeout: 30_000 }, () => {
  it('loads, queries and rebuilds errors across the thread boundary', async () => {
    const { engine, started } = start(() => undefined);
    const info = await engine.ready();
    expect(info.tables[0]).toMatchObject({ name: 'sessions', length: 4 });
    // o1 10 + o2 20 + o4 5 = 35
    expect((await engine.query(totals)).rows).toEqual([{ orders: 3, revenue: 35 }]);
    const error = await engine.report('data-error').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClvDataError);
    expect(error).toMatchObject({ rule: 'negative', location: { row: 3, column: 'Amount' } });
    engine.destroy();
    expect(await started[0].exited).toBe(1); // terminated
  });

  it('a worker that dies silently mid-query (process.exit) is noticed by the liveness guard and replaced', async () => {
    const { engine, started, statuses } = start((n) => (n === 0 ? 'exit' : undefined), { livenessTimeout: 300 });
    await engine.ready();
    const crashing = engine.report('crash');
    const other = engine.query(totals, { filter: jan2to4, source: 'chart' });
    // both were open when the first worker died; both are answered by the second one
    expect(await crashing).toEqual({ rows: [{ name: 'crash' }], meta: { rowsSeen: 4 } });
    // [Jan 2, Jan 4): o2 20 + o4 5 = 25
    expect((await other).rows).toEqual([{ orders: 2, revenue: 25 }]);
    expect(await started[0].exited).toBe(7);
    expect(started).toHaveLength(2);
    expect(statuses).toEqual(['loading', 'ready', 'restarting', 'ready']);
    expect(engine.error.value).toBeNull();
    expect(await engine.stats()).toMatchObject({ loads: 1, computations: 2 });
  });

  it('an uncaught exception in the worker (error event) restarts it at once, without the liveness guard', async () => {
    const { engine, started, statuses, errors } = start((n) => (n === 0 ? 'throw' : undefined), { livenessTimeout: 0 });
    await engine.ready();
    expect(await engine.report('crash')).toEqual({ rows: [{ name: 'crash' }], meta: { rowsSeen: 4 } });
    expect(started).toHaveLength(2);
    expect(statuses).toEqual(['loading', 'ready', 'restarting', 'ready']);
    expect(errors).toEqual(['The analytics worker failed: boom in the worker']);
    expect(engine.error.value).toBeNull();
  });

  it('a worker killed while idle is noticed by the next query', async () => {
    const { engine, started, statuses } = start(() => undefined, { livenessTimeout: 300 });
    await engine.ready();
    await started[0].node.terminate();
    // o1 10 + o2 20 + o4 5 = 35, answered by the replacement
    expect((await engine.query(totals)).rows).toEqual([{ orders: 3, revenue: 35 }]);
    expect(started).toHaveLength(2);
    expect(statuses).toEqual(['loading', 'ready', 'restarting', 'ready']);
  });

  it('gives up after maxRestarts crashes within the window: status error, requests reject with a clear message', async () => {
    const { engine, started, statuses } = start(() => 'exit', { livenessTimeout: 200, maxRestarts: 2 });
    await engine.ready();
    const error = await engine.report('crash').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as Error).message).toMatch(/^The engine stopped: the analytics worker crashed 3 times within 60 s; last: The analytics worker stopped responding/);
    expect(started).toHaveLength(3);
    await Promise.all(started.map((thread) => thread.exited));
    expect(statuses).toEqual(['loading', 'ready', 'restarting', 'ready', 'restarting', 'ready', 'error']);
    expect(engine.status.value).toBe('error');
    expect(engine.error.value).toBe(error);
    await expect(engine.query(totals)).rejects.toBe(error);
    await expect(engine.ready()).rejects.toBe(error);
    // a new source is a fresh start
    await engine.load({ kind: 'dataset', dataset: tinyDataset() });
    expect((await engine.query(totals)).rows).toEqual([{ orders: 3, revenue: 35 }]);
    expect(started).toHaveLength(4);
  });

  it('a source whose buffers were moved to the crashed worker cannot be reloaded: status error that says why', async () => {
    const { engine, started } = start((n) => (n === 0 ? 'throw' : undefined), { source: { kind: 'dataset', dataset: tinyDataset(), transfer: true } });
    await engine.ready();
    // The worker dies right after it answers (or before; either way it is gone).
    await engine.query({ kind: 'analysis', name: 'crash' }).catch(() => undefined);
    for (let i = 0; i < 200 && engine.status.value !== 'error'; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(engine.status.value).toBe('error');
    expect(engine.error.value).toBeInstanceOf(EngineError);
    expect(engine.error.value!.message).toMatch(/cannot be reloaded: the source's buffers were moved to the worker that died/);
    await expect(engine.query(totals)).rejects.toThrow(/cannot be reloaded/);
    expect(started).toHaveLength(1);
  });

  it('a restart that cannot start a worker ends in status error and rejects the open queries', async () => {
    let calls = 0;
    const engine = createEngine({
      source: { kind: 'dataset', dataset: tinyDataset() },
      livenessTimeout: 100,
      worker: () => {
        if (calls++ > 0) throw new Error('no more threads');
        const thread = nodeWorker(crashWorker, { die: 'exit' });
        threads.push(thread);
        return thread as unknown as Worker;
      },
    });
    engines.push(engine);
    await engine.ready();
    await expect(engine.report('crash')).rejects.toThrow('The analytics worker crashed and could not be restarted: no more threads');
    expect(engine.status.value).toBe('error');
    await expect(engine.query(totals)).rejects.toThrow('could not be restarted');
  });

  it('a worker script that cannot load ends in status error once the restarts are used up', async () => {
    const missing = join(dir, 'no-such-worker.mjs');
    const engine = createEngine({
      source: { kind: 'dataset', dataset: tinyDataset() },
      maxRestarts: 1,
      worker: () => {
        const thread = nodeWorker(missing);
        threads.push(thread);
        return thread as unknown as Worker;
      },
    });
    engines.push(engine);
    const error = await engine.ready().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as Error).message).toMatch(/^The engine stopped: .*no-such-worker\.mjs/);
    expect(engine.status.value).toBe('error');
  });

  it('destroy leaves no thread, port or timer behind: a Node process using the engine exits by itself', async () => {
    const script = await bundle(fixture('destroy-script.ts'), dir, 'destroy-script');
    const run = spawnSync(process.execPath, [script, crashWorker], { encoding: 'utf8', timeout: 20_000 });
    expect(run.signal, `the process did not exit by itself:\n${run.stderr}`).toBeNull();
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout.trim())).toEqual({ rows: [{ revenue: 35 }], inFlightError: 'The engine was destroyed', exitCode: 1 });
  }, 30_000);
});

describe('the real src/worker.ts in a thread, with @clvkit/analytics', () => {
  const analyticsReady = existsSync(fixture('../../../analytics/src/index.ts'));
  it.skipIf(!analyticsReady)('answers a plain aggregate computed by runQuery', async () => {
    const realWorker = await bundle(fixture('real-worker-entry.ts'), dir, 'real-worker');
    const engine = createEngine({
      source: { kind: 'dataset', dataset: tinyDataset() },
      worker: () => {
        const thread = nodeWorker(realWorker);
        threads.push(thread);
        return thread as unknown as Worker;
      },
    });
    engines.push(engine);
    await engine.ready();
    // o1 10 + o2 20 + o4 5 = 35 over 3 orders; [Jan 2, Jan 4): o2 + o4 = 25
    expect((await engine.query(totals)).rows).toEqual([{ orders: 3, revenue: 35 }]);
    expect((await engine.query(totals, { filter: jan2to4 })).rows).toEqual([{ orders: 2, revenue: 25 }]);
    expect(await engine.reportNames()).toContain('kpis');
  }, 60_000);
  if (!analyticsReady) it.skip('skipped: packages/analytics/src/index.ts does not exist yet', () => undefined);
});
