import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { yieldToMacrotask } from '@clvkit/core';
import type { QuerySpec } from '@clvkit/core';
import { createEngine, EngineError, SourceReadError } from '../src/index.js';
import type { EngineOptions, EngineStatus, RemoteSource, WorkerEngine } from '../src/index.js';
import type { QueryRunner } from '../src/worker-api.js';
import { MAX_ERROR_MESSAGE } from '../src/errors.js';
import { bundle } from './fixtures/bundle.js';
import { tinyDataset } from './fixtures/dataset.js';
import { fakeRunner } from './fixtures/fake-runner.js';
import { inlineWorkers } from './fixtures/inline.js';
import { nodeWorker } from './fixtures/node-worker.js';
import type { NodeWorkerLike } from './fixtures/node-worker.js';

/**
 * Faults, one by one: the worker killed mid-query, analyses that throw (anything), a model fit
 * that runs out of memory, a source stream that breaks halfway, and a data proxy that times out
 * or answers 5xx. Each must end in an answer or a clear error and a clear engine status; no
 * promise is left pending (every one is settled inside its test, `settledWithin` fails a test
 * that would otherwise hang) and no timer is left behind.
 *
 * Already covered elsewhere and not repeated: crash by process.exit / uncaught exception /
 * kill while idle, the restart cap, a failing restart (thread.test.ts); the liveness guard's
 * timing (liveness.test.ts); a 5xx with an error body, a 403 without one, one timeout, aborts
 * (remote.test.ts); errors keeping their class (engine.test.ts).
 */

const totals: QuerySpec = { kind: 'aggregate', measures: ['orders', 'revenue'] };
const engines: WorkerEngine[] = [];

afterEach(() => {
  for (const engine of engines.splice(0)) engine.destroy();
});

/** Resolves to 'resolved' / 'rejected' with the value, or fails when `promise` is still pending after `ms`. */
async function settledWithin<T>(promise: Promise<T>, ms = 10_000): Promise<{ ok: true; value: T } | { ok: false; error: Error }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`a promise was still pending after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise.then((value) => ({ ok: true as const, value }), (error: Error) => ({ ok: false as const, error })), hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** The error of a settled outcome (fails the test when it resolved). */
function errorOf(outcome: { ok: true } | { ok: false; error: Error }): Error {
  if (outcome.ok) throw new Error('expected a rejection');
  return outcome.error;
}

/** Active Node timers (setTimeout / setInterval) of this thread. */
function timers(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
}

/** Records every status and error of an engine. */
function watch(engine: WorkerEngine): { statuses: EngineStatus[]; errors: string[] } {
  const statuses: EngineStatus[] = [];
  const errors: string[] = [];
  engine.status.subscribe((status) => statuses.push(status));
  engine.error.subscribe((error) => {
    if (error) errors.push(error.message);
  });
  return { statuses, errors };
}

// ---- 1. the worker killed mid-query ---------------------------------------------------------

/**
 * A worker entry with the fake runner plus analysis `long`: `params.steps` steps of 20 ms each,
 * reporting progress after each (so the test knows it is running), stopping when cancelled.
 */
const LONG_WORKER = (fixtures: string, src: string) => `
import { exposeWorkerApi } from ${JSON.stringify(join(src, 'serve-worker-api.ts'))};
import { createWorkerApi } from ${JSON.stringify(join(src, 'worker-api.ts'))};
import { fakeRunner } from ${JSON.stringify(join(fixtures, 'fake-runner.ts'))};
import { installSelf } from ${JSON.stringify(join(fixtures, 'node-self.ts'))};
const base = fakeRunner();
const runner = {
  ...base,
  async runQueryAsync(dataset, request, { signal, onProgress }) {
    const spec = request.spec;
    if (spec.kind !== 'analysis' || spec.name !== 'long') return base.runQuery(dataset, request);
    const steps = Number(spec.params?.steps ?? 10);
    for (let step = 1; step <= steps; step++) {
      if (signal.aborted) throw new Error('cancelled');
      onProgress?.({ done: step, total: steps, message: 'Fitting' });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return { rows: [{ steps }], meta: { rowsSeen: dataset.sessions.length } };
  },
};
exposeWorkerApi(createWorkerApi({ runner }), installSelf());
`;

describe('1. the worker killed while a long analysis runs (a real thread)', { timeout: 30_000 }, () => {
  let dir = '';
  let longWorker = '';
  const threads: NodeWorkerLike[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'clvkit-faults-'));
    const here = fileURLToPath(new URL('.', import.meta.url));
    writeFileSync(join(dir, 'long-worker.ts'), LONG_WORKER(join(here, 'fixtures'), join(here, '../src')));
    longWorker = await bundle(join(dir, 'long-worker.ts'), dir, 'long-worker');
  }, 60_000);

  afterAll(async () => {
    for (const engine of engines.splice(0)) engine.destroy();
    await Promise.all(threads.map((thread) => thread.exited));
    rmSync(dir, { recursive: true, force: true });
  });

  function start(options: Partial<EngineOptions> = {}) {
    const started: NodeWorkerLike[] = [];
    const engine = createEngine({
      source: { kind: 'dataset', dataset: tinyDataset() },
      livenessTimeout: 150,
      worker: () => {
        const thread = nodeWorker(longWorker);
        started.push(thread);
        threads.push(thread);
        return thread as unknown as Worker;
      },
      ...options,
    });
    engines.push(engine);
    return { engine, started, ...watch(engine) };
  }

  it('the open queries are sent again to the restarted worker and answered; the status says what happened; no timer is left', async () => {
    const before = timers();
    const { engine, started, statuses, errors } = start();
    await engine.ready();
    let killed = false;
    const long = engine.query({ kind: 'analysis', name: 'long', params: { steps: 5 } }, {
      // First progress: the analysis is running in the first thread; kill that thread now.
      onProgress: () => {
        if (killed) return;
        killed = true;
        void started[0].node.terminate();
      },
    });
    const quick = engine.query(totals, { source: 'kpis' });
    const [longOutcome, quickOutcome] = await Promise.all([settledWithin(long), settledWithin(quick)]);
    expect(killed).toBe(true);
    expect(longOutcome).toEqual({ ok: true, value: { rows: [{ steps: 5 }], meta: { rowsSeen: 4 } } });
    // o1 10 + o2 20 + o4 5 = 35 (tinyDataset)
    expect(quickOutcome).toEqual({ ok: true, value: { rows: [{ orders: 3, revenue: 35 }] } });
    expect(started).toHaveLength(2);
    expect(await started[0].exited).toBe(1); // terminated
    expect(statuses).toEqual(['loading', 'ready', 'restarting', 'ready']);
    // while restarting, `error` said why; once reloaded it is clear again
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^The analytics worker stopped responding \(no message for \d+ ms while requests were open\)$/);
    expect(engine.error.value).toBeNull();
    // nothing open: the liveness guard idles without a timer
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it('without restarts allowed, every open query rejects with a clear EngineError, status error, nothing pending; a new load starts afresh', async () => {
    const before = timers();
    const { engine, started, statuses } = start({ maxRestarts: 0 });
    await engine.ready();
    let killed = false;
    const pending = [
      engine.query({ kind: 'analysis', name: 'long', params: { steps: 50 } }, { onProgress: () => void (killed ||= (void started[0].node.terminate(), true)) }),
      engine.query(totals),
      engine.report('echo', { n: 1 }),
    ];
    const outcomes = await Promise.all(pending.map((p) => settledWithin(p)));
    expect(killed).toBe(true);
    for (const outcome of outcomes) {
      expect(outcome.ok).toBe(false);
      const error = (outcome as { error: Error }).error;
      expect(error).toBeInstanceOf(EngineError);
      expect(error.message).toMatch(/^The engine stopped: the analytics worker crashed once within 60 s; last: The analytics worker stopped responding \(no message for \d+ ms while requests were open\)$/);
    }
    expect(statuses).toEqual(['loading', 'ready', 'error']);
    expect(engine.error.value).toBe((outcomes[0] as { error: Error }).error);
    // later calls fail at once with the same error, not pending
    expect(await settledWithin(engine.query(totals), 1000)).toMatchObject({ ok: false, error: { name: 'EngineError' } });
    expect(await settledWithin(engine.ready(), 1000)).toMatchObject({ ok: false, error: { name: 'EngineError' } });
    expect(timers()).toBeLessThanOrEqual(before);
    await engine.load({ kind: 'dataset', dataset: tinyDataset(2) });
    // amounts doubled: 20 + 40 + 10 = 70
    expect((await engine.query(totals)).rows).toEqual([{ orders: 3, revenue: 70 }]);
    expect(started).toHaveLength(2);
  });

  it('the replacement worker killed too, mid-analysis (two kills in a row), still ends answered', async () => {
    const { engine, started, statuses } = start({ maxRestarts: 3 });
    await engine.ready();
    let kills = 0;
    const long = engine.query({ kind: 'analysis', name: 'long', params: { steps: 3 } }, {
      onProgress: () => {
        // kill the first two threads as soon as each runs the analysis
        const thread = started[started.length - 1];
        if (kills < 2 && started.length === kills + 1) {
          kills++;
          void thread.node.terminate();
        }
      },
    });
    expect(await settledWithin(long)).toEqual({ ok: true, value: { rows: [{ steps: 3 }], meta: { rowsSeen: 4 } } });
    expect(kills).toBe(2);
    expect(started).toHaveLength(3);
    expect(statuses).toEqual(['loading', 'ready', 'restarting', 'ready', 'restarting', 'ready']);
  });
});

// ---- 2. analyses that throw -------------------------------------------------------------------

/** A hostile value: every property access and `instanceof` throws. */
function unreadable(): unknown {
  return new Proxy(
    {},
    {
      get() {
        throw new Error('no');
      },
      getPrototypeOf() {
        throw new Error('no');
      },
    },
  );
}

class NamelessError extends Error {
  override get name(): string {
    throw new Error('name getter throws');
  }
}

const HUGE = 'x'.repeat(5_000_000);

/** The fake runner plus analyses that fail in every way a host's analysis could. */
function throwingRunner(): QueryRunner {
  const base = fakeRunner();
  const throws: Record<string, () => unknown> = {
    'type-error': () => {
      throw new TypeError('Cannot read properties of undefined (reading "revenue")');
    },
    string: () => {
      throw 'just a string';
    },
    object: () => {
      throw { code: 42, reason: 'plain object' };
    },
    'error-like': () => {
      throw { name: 'TfError', message: 'thrown as a plain object' };
    },
    null: () => {
      throw null;
    },
    undefined: () => {
      throw undefined;
    },
    huge: () => {
      throw new RangeError(HUGE);
    },
    proxy: () => {
      throw unreadable();
    },
    nameless: () => {
      throw new NamelessError('bad name');
    },
    'no-rows': () => undefined,
    'function-in-rows': () => ({ rows: [{ format: () => 'x' }] }),
  };
  return {
    ...base,
    runQuery(dataset, request) {
      const { spec } = request;
      if (spec.kind === 'analysis' && spec.name in throws) return throws[spec.name]() as never;
      return base.runQuery(dataset, request);
    },
  };
}

describe('2. a query that throws inside the worker', () => {
  it('each failing query of a batch rejects with a clear error; the other queries of the same batch answer', async () => {
    const workers = inlineWorkers(throwingRunner());
    const engine = createEngine({ source: { kind: 'dataset', dataset: tinyDataset() }, worker: workers.factory });
    engines.push(engine);
    await engine.ready();
    const names = ['type-error', 'string', 'object', 'error-like', 'null', 'undefined', 'huge', 'proxy', 'nameless', 'no-rows', 'function-in-rows'];
    // One task: every query goes to the worker in ONE batch, with two good ones among them.
    const good = [engine.query(totals), engine.report('echo', { k: 1 })];
    const bad = names.map((name) => engine.query({ kind: 'analysis', name }));
    const goodOutcomes = await Promise.all(good.map((p) => settledWithin(p)));
    const badOutcomes = await Promise.all(bad.map((p) => settledWithin(p)));
    expect(workers.batches()).toHaveLength(1);
    expect(goodOutcomes).toEqual([
      { ok: true, value: { rows: [{ orders: 3, revenue: 35 }] } },
      { ok: true, value: { rows: [{ name: 'echo', k: 1 }], meta: { rowsSeen: 4 } } },
    ]);
    const seen = Object.fromEntries(
      badOutcomes.map((outcome, i) => {
        expect(outcome.ok, names[i]).toBe(false);
        const error = (outcome as { error: Error }).error;
        expect(error, names[i]).toBeInstanceOf(Error);
        return [names[i], { name: error.name, message: error.message }];
      }),
    );
    expect(seen).toEqual({
      'type-error': { name: 'TypeError', message: 'Cannot read properties of undefined (reading "revenue")' },
      string: { name: 'Error', message: 'just a string' },
      object: { name: 'Error', message: 'Non-error thrown: {"code":42,"reason":"plain object"}' },
      'error-like': { name: 'TfError', message: 'thrown as a plain object' },
      null: { name: 'Error', message: 'Non-error thrown: null' },
      undefined: { name: 'Error', message: 'Non-error thrown: undefined' },
      // cut to MAX_ERROR_MESSAGE characters and a note, not shipped (and shown) whole
      huge: { name: 'RangeError', message: `${'x'.repeat(MAX_ERROR_MESSAGE)}… (${5_000_000 - MAX_ERROR_MESSAGE} more characters)` },
      proxy: { name: 'Error', message: 'The analysis threw a value that cannot be read (its properties throw)' },
      nameless: { name: 'Error', message: 'The analysis threw a value that cannot be read (its properties throw)' },
      'no-rows': { name: 'TypeError', message: 'analysis "no-rows" returned undefined instead of { rows: [...] }' },
      'function-in-rows': {
        name: 'DataCloneError',
        message: expect.stringMatching(/^The query's result could not be sent from the analytics worker \(.*could not be cloned.*\): an analysis must return plain data/),
      },
    });
    // the engine is fine: still ready, still answering
    expect(engine.status.value).toBe('ready');
    expect((await engine.query(totals, { source: 'after' })).rows).toEqual([{ orders: 3, revenue: 35 }]);
    // failures are not cached: asked again, the analysis runs again
    const before = (await engine.stats()).computations;
    await settledWithin(engine.query({ kind: 'analysis', name: 'type-error' }));
    expect((await engine.stats()).computations).toBe(before + 1);
  });

  it('a spec that cannot be sent to the worker (a function in params) rejects at once with a TypeError; the rest of its batch answers', async () => {
    const workers = inlineWorkers();
    const engine = createEngine({ source: { kind: 'dataset', dataset: tinyDataset() }, worker: workers.factory });
    engines.push(engine);
    await engine.ready();
    const [bad, good, echo] = await Promise.all([
      settledWithin(engine.query({ kind: 'analysis', name: 'echo', params: { format: () => 'x' } })),
      settledWithin(engine.query(totals)),
      settledWithin(engine.report('echo', { k: 2 })),
    ]);
    expect(errorOf(bad)).toBeInstanceOf(TypeError);
    expect(errorOf(bad).message).toMatch(/^query: the spec or filter could not be sent to the analytics worker \(.*could not be cloned.*\); specs, params and filters must be plain data/);
    expect(good).toEqual({ ok: true, value: { rows: [{ orders: 3, revenue: 35 }] } });
    expect(echo).toEqual({ ok: true, value: { rows: [{ name: 'echo', k: 2 }], meta: { rowsSeen: 4 } } });
    expect(engine.status.value).toBe('ready');
  });

  it('a hostile error inside an async (long) analysis rejects just that query', async () => {
    const base = fakeRunner();
    const runner: QueryRunner = {
      ...base,
      async runQueryAsync(dataset, request) {
        await yieldToMacrotask();
        if (request.spec.kind === 'analysis' && request.spec.name === 'proxy') throw unreadable();
        return base.runQuery(dataset, request);
      },
    };
    const engine = createEngine({ source: { kind: 'dataset', dataset: tinyDataset() }, worker: inlineWorkers(runner).factory });
    engines.push(engine);
    const [bad, ok] = await Promise.all([settledWithin(engine.query({ kind: 'analysis', name: 'proxy' })), settledWithin(engine.query(totals))]);
    expect(bad).toMatchObject({ ok: false, error: { message: 'The analysis threw a value that cannot be read (its properties throw)' } });
    expect(ok).toEqual({ ok: true, value: { rows: [{ orders: 3, revenue: 35 }] } });
  });
});

// ---- 3. a tfjs fit that runs out of memory ------------------------------------------------------

describe('3. a model fit that runs out of memory', () => {
  /** tfjs's CPU backend allocating a tensor past the heap: what V8 throws (tfjs passes it on). */
  const oom = () => new RangeError('Array buffer allocation failed');

  it('an injected runner: the fit rejects with the RangeError as the widget shows it; the engine stays ready and answers other queries', async () => {
    const base = fakeRunner();
    let fits = 0;
    const runner: QueryRunner = {
      ...base,
      async runQueryAsync(dataset, request, { onProgress }) {
        const { spec } = request;
        if (spec.kind === 'analysis' && spec.name === 'dorders_anomaly') {
          fits++;
          onProgress?.({ done: 1, total: 20, message: 'Training autoencoder' });
          await yieldToMacrotask();
          throw oom();
        }
        return base.runQuery(dataset, request);
      },
    };
    const engine = createEngine({ source: { kind: 'dataset', dataset: tinyDataset() }, worker: inlineWorkers(runner).factory });
    engines.push(engine);
    const { statuses } = watch(engine);
    await engine.ready();
    const progress: number[] = [];
    const fit = engine.query({ kind: 'analysis', name: 'dorders_anomaly' }, { source: 'anomaly', onProgress: (p) => progress.push(p.done) });
    const other = engine.query(totals, { source: 'kpis' });
    const [fitOutcome, otherOutcome] = await Promise.all([settledWithin(fit), settledWithin(other)]);
    expect(fitOutcome.ok).toBe(false);
    const error = (fitOutcome as { error: Error }).error;
    expect(error).toBeInstanceOf(RangeError);
    expect(error.message).toBe('Array buffer allocation failed');
    expect(progress).toEqual([1]);
    expect(otherOutcome).toEqual({ ok: true, value: { rows: [{ orders: 3, revenue: 35 }] } });
    expect(statuses).toEqual(['loading', 'ready']);
    // the failure is not cached: a retry fits again (and fails again, clearly)
    expect(await settledWithin(engine.query({ kind: 'analysis', name: 'dorders_anomaly' }))).toMatchObject({ ok: false, error: { name: 'RangeError' } });
    expect(fits).toBe(2);
  });

  it('the real analytics and tfjs, with tensors that cannot be allocated: dorders_anomaly fails clearly, kpis still answer', { timeout: 60_000 }, async () => {
    const analytics = await import('@clvkit/analytics');
    const [tf, layers] = await Promise.all([import('@tensorflow/tfjs-core'), import('@tensorflow/tfjs-layers'), import('@tensorflow/tfjs-backend-cpu')]);
    // Real tfjs, except that creating a 2-D tensor (the training matrix) runs out of memory.
    const starved = new Proxy(tf, { get: (target, key) => (key === 'tensor2d' ? () => { throw oom(); } : Reflect.get(target, key)) });
    analytics.setTfLoader(async () => ({ tf: starved, layers }) as never);
    try {
      const engine = createEngine({ source: { kind: 'sample', orders: 3000, seed: 7 }, worker: 'inline' });
      engines.push(engine);
      const { statuses } = watch(engine);
      await engine.ready();
      const [fit, kpis] = await Promise.all([
        settledWithin(engine.query({ kind: 'analysis', name: 'dorders_anomaly' }, { source: 'anomaly' }), 50_000),
        settledWithin(engine.report('kpis'), 50_000),
      ]);
      expect(fit.ok).toBe(false);
      const error = (fit as { error: Error }).error;
      expect(error.name).toBe('RangeError');
      expect(error.message).toContain('Array buffer allocation failed');
      expect(kpis.ok).toBe(true);
      expect(statuses).toEqual(['loading', 'ready']);
      expect(engine.error.value).toBeNull();
    } finally {
      analytics.setTfLoader(null);
    }
  });
});

// ---- 4. a source that fails halfway through a stream ---------------------------------------------

const CSV_HEADER = 'order_id,client,session_start,has_purchased,payment_amount\n';
const csvLine = (i: number) => `o${i},c${i % 7},2024-01-${String((i % 28) + 1).padStart(2, '0')}T10:00:00Z,true,${10 + i}\n`;

async function* brokenChunks(good: number): AsyncGenerator<string> {
  yield CSV_HEADER;
  for (let i = 0; i < good - 1; i++) {
    await yieldToMacrotask();
    yield csvLine(i);
  }
  throw new Error('connection reset by peer');
}

function brokenStream(good: number): ReadableStream<string> {
  let sent = 0;
  return new ReadableStream<string>({
    pull(controller) {
      if (sent === good) return controller.error(new TypeError('network error'));
      controller.enqueue(sent === 0 ? CSV_HEADER : csvLine(sent - 1));
      sent++;
    },
  });
}

/** A stream as Safari hands it over: no async iteration, only `getReader()` (the client's reader path). */
const readerOnly = <T>(stream: ReadableStream<T>) => ({ getReader: () => stream.getReader() });

const goodCsv = (n: number) => CSV_HEADER + Array.from({ length: n }, (_, i) => csvLine(i)).join('');

describe('4. a source that fails halfway through a stream', () => {
  it('an async iterable of CSV chunks that throws: load rejects naming the table, status error, waiting queries fail too; a good source then loads', async () => {
    const engine = createEngine({ source: { kind: 'import', input: { sessions: { data: brokenChunks(4) } } }, worker: 'inline' });
    engines.push(engine);
    const { statuses } = watch(engine);
    // asked before the load failed: must not wait forever
    const early = engine.query({ kind: 'aggregate', measures: ['orders'] });
    const loaded = await settledWithin(engine.ready());
    expect(loaded.ok).toBe(false);
    const error = (loaded as { error: Error }).error;
    expect(error).toBeInstanceOf(SourceReadError);
    expect(error).toMatchObject({ table: 'sessions', chunks: 4 });
    expect(error.message).toBe('input.sessions could not be read: its stream failed after 4 chunks (connection reset by peer). Nothing was imported; fix the source and call load() again');
    expect(engine.status.value).toBe('error');
    expect(engine.error.value).toBe(error);
    const earlyOutcome = await settledWithin(early);
    expect(earlyOutcome).toMatchObject({ ok: false, error: { message: `The data could not be loaded: ${error.message}` } });
    // retry with a good source
    const info = await engine.load({ kind: 'import', input: { sessions: { data: goodCsv(5) } } });
    expect(info.report.sessions).toMatchObject({ rowsIn: 5, rowsUsed: 5 });
    expect(statuses).toEqual(['loading', 'error', 'loading', 'ready']);
    // orders o0..o4, amounts 10..14: 60
    expect((await engine.query({ kind: 'aggregate', measures: ['orders', 'revenue'] })).rows).toEqual([{ orders: 5, revenue: 60 }]);
  });

  it('a ReadableStream (read without async iteration) that errors after some chunks, replacing a loaded dataset: same clear failure, then a retry works', async () => {
    const engine = createEngine({ source: { kind: 'import', input: { sessions: { data: goodCsv(3) } } }, worker: 'inline' });
    engines.push(engine);
    await engine.ready();
    const failed = await settledWithin(engine.load({ kind: 'import', input: { sessions: { data: goodCsv(2) }, customers: { data: readerOnly(brokenStream(2)) as never } } }));
    expect(failed.ok).toBe(false);
    expect((errorOf(failed) as SourceReadError)).toBeInstanceOf(SourceReadError);
    expect((errorOf(failed) as SourceReadError)).toMatchObject({ table: 'customers', chunks: 2 });
    expect((failed as { error: Error }).error.message).toMatch(/^input\.customers could not be read: its stream failed after 2 chunks \(network error\)/);
    expect(engine.status.value).toBe('error');
    // the old dataset is not answered silently under status error: queries say the load failed
    expect(await settledWithin(engine.query({ kind: 'aggregate', measures: ['orders'] }))).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^The data could not be loaded: input\.customers/) } });
    // a good ReadableStream loads (read on the main thread, chunk by chunk)
    const chunks = [CSV_HEADER, csvLine(0), csvLine(1)];
    const good = new ReadableStream<string>({ pull: (controller) => (chunks.length ? controller.enqueue(chunks.shift()!) : controller.close()) });
    await engine.load({ kind: 'import', input: { sessions: { data: good as never } } });
    expect(engine.status.value).toBe('ready');
    expect((await engine.query({ kind: 'aggregate', measures: ['orders', 'revenue'] })).rows).toEqual([{ orders: 2, revenue: 21 }]);
  });

  it('a line-items stream that fails is named as line-items', async () => {
    const engine = createEngine({
      source: { kind: 'line-items', input: { data: brokenChunks(2) as never, mapping: {} as never } },
      worker: 'inline',
    });
    engines.push(engine);
    const failed = await settledWithin(engine.ready());
    expect((errorOf(failed) as SourceReadError)).toBeInstanceOf(SourceReadError);
    expect((errorOf(failed) as SourceReadError)).toMatchObject({ table: 'line-items', chunks: 2 });
    expect(engine.status.value).toBe('error');
  });
});

// ---- 5. the data proxy: timeouts and 5xx -----------------------------------------------------------

describe('5. a remote source whose proxy times out or fails', () => {
  type Handler = (body: Record<string, unknown>, req: IncomingMessage, res: ServerResponse) => void;
  let server: Server;
  let url = '';
  let handler: Handler;
  const DAY = 86_400_000;
  const T0 = Date.UTC(2024, 0, 1);
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const info = (res: ServerResponse) => json(res, 200, { info: { time: { timeZone: 'UTC', weekStart: 1 }, timeExtent: [T0, T0 + 30 * DAY], sessions: 10 } });
  const held: ServerResponse[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => handler(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>, req, res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/clvkit`;
  });
  afterEach(() => {
    for (const res of held.splice(0)) res.destroy();
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  function remote(source: Partial<RemoteSource> = {}): WorkerEngine {
    const engine = createEngine({ source: { kind: 'remote', endpoint: url, ...source }, worker: 'inline' });
    engines.push(engine);
    return engine;
  }

  it('a load whose {info} never answers fails after timeoutMs: status error; a retry once the proxy is back is ready', async () => {
    handler = (_body, _req, res) => void held.push(res);
    const engine = remote({ timeoutMs: 200 });
    const { statuses } = watch(engine);
    const loaded = await settledWithin(engine.ready(), 5000);
    expect(loaded).toMatchObject({ ok: false, error: { name: 'RemoteSourceError', message: "The data endpoint did not answer within 200 ms; narrow the selection or raise the source's timeoutMs" } });
    expect(engine.status.value).toBe('error');
    handler = (body, _req, res) => (body.info ? info(res) : json(res, 200, { result: { rows: [{ orders: 3 }] } }));
    await engine.load({ kind: 'remote', endpoint: url, timeoutMs: 200 });
    expect((await engine.query({ kind: 'aggregate', measures: ['orders'] })).rows).toEqual([{ orders: 3 }]);
    expect(statuses).toEqual(['loading', 'error', 'loading', 'ready']);
  });

  it('a load answered 503 (proxy up, cluster down) fails with the status, not a described-from-aggregates guess', async () => {
    handler = (_body, _req, res) => json(res, 503, { error: { code: 'unavailable', message: 'the data store is unavailable' } });
    const engine = remote();
    expect(await settledWithin(engine.ready())).toMatchObject({ ok: false, error: { name: 'RemoteSourceError', message: 'the data store is unavailable (data endpoint: 503 unavailable)' } });
    expect(engine.status.value).toBe('error');
  });

  it('a query answered 502 / 503 / 504 fails clearly; the same query asked again after the proxy recovers answers (failures are not cached)', async () => {
    let failing = true;
    const statuses = [502, 503, 504];
    let k = 0;
    handler = (body, _req, res) => {
      if (body.info) return info(res);
      if (!failing) return json(res, 200, { result: { rows: [{ orders: 9 }] } });
      const status = statuses[k++ % 3];
      if (status === 502) {
        // what a load balancer sends: HTML, not the protocol's JSON
        res.writeHead(502, { 'content-type': 'text/html' });
        return res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      }
      json(res, status, { error: { code: status === 504 ? 'timeout' : 'unavailable', message: status === 504 ? 'the data store timed out' : 'the data store is unavailable' } });
    };
    const engine = remote();
    await engine.ready();
    const messages: string[] = [];
    for (let i = 0; i < 3; i++) {
      const outcome = await settledWithin(engine.query({ kind: 'aggregate', measures: ['orders'] }, { source: 'kpis' }));
      expect(outcome.ok).toBe(false);
      messages.push((outcome as { error: Error }).error.message);
    }
    expect(messages).toEqual([
      'The data endpoint answered 502 with something other than JSON',
      'the data store is unavailable (data endpoint: 503 unavailable)',
      'the data store timed out (data endpoint: 504 timeout)',
    ]);
    expect(engine.status.value).toBe('ready'); // a failed query is the widget's error, not the engine's
    failing = false;
    expect((await engine.query({ kind: 'aggregate', measures: ['orders'] }, { source: 'kpis' })).rows).toEqual([{ orders: 9 }]);
  });

  it('a proxy that sends its headers and then stalls the body is cut at timeoutMs too', async () => {
    handler = (body, _req, res) => {
      if (body.info) return info(res);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"result": {"rows": [');
      held.push(res);
    };
    const engine = remote({ timeoutMs: 250 });
    await engine.ready();
    expect(await settledWithin(engine.query({ kind: 'analysis', name: 'kpis' }), 5000)).toMatchObject({ ok: false, error: { name: 'RemoteSourceError', message: expect.stringMatching(/did not answer within 250 ms/) } });
  });

  it('twenty queries against a proxy that never answers all reject (6 at a time, each after timeoutMs); none is left pending, none after destroy', async () => {
    handler = (body, _req, res) => (body.info ? info(res) : void held.push(res));
    const engine = remote({ timeoutMs: 150 });
    await engine.ready();
    const before = timers();
    const pending = Array.from({ length: 20 }, (_, k) => engine.query({ kind: 'aggregate', measures: ['orders'], groupBy: [{ field: 'dimension' }], limit: k + 1 } as QuerySpec));
    const outcomes = await Promise.all(pending.map((p) => settledWithin(p, 10_000)));
    expect(outcomes.every((o) => !o.ok && /did not answer within 150 ms/.test(o.error.message))).toBe(true);
    expect(timers()).toBeLessThanOrEqual(before);
    // queries open when the engine is destroyed reject at once
    const open = engine.query({ kind: 'analysis', name: 'kpis' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    engine.destroy();
    expect(await settledWithin(open, 1000)).toMatchObject({ ok: false, error: { message: 'The engine was destroyed' } });
  });

  it('a summaries page that fails halfway (500 on page 2) fails the analysis clearly; a retry pages again and answers', async () => {
    let failPage2 = true;
    const rows = Array.from({ length: 6 }, (_, i) => ({ client: `c${i}`, sessions: 1, firstSessionAt: T0, lastSessionAt: T0 + DAY, orders: 1, firstOrderAt: T0, lastOrderAt: T0 + DAY, revenue: 10, discount: 0, firstOrderRevenue: 10, promotionOrders: 0 }));
    handler = (body, _req, res) => {
      if (body.info) return info(res);
      if (body.request) return json(res, 422, { error: { code: 'unsupported', message: 'analysis "customer_status": is not pushed down to Elasticsearch aggregations' } });
      const { after } = body.summaries as { after?: { client: string } };
      const start = after ? rows.findIndex((r) => r.client > after.client) : 0;
      if (start > 0 && failPage2) return json(res, 500, { error: { code: 'upstream', message: 'the data store failed' } });
      const page = rows.slice(start, start + 3);
      json(res, 200, { rows: page, after: start + 3 < rows.length ? { client: page[page.length - 1].client } : null });
    };
    const engine = remote({ summaryPageSize: 3 });
    const first = await settledWithin(engine.query({ kind: 'analysis', name: 'customer_status' }));
    expect(first).toMatchObject({ ok: false, error: { name: 'RemoteSourceError', message: 'the data store failed (data endpoint: 500 upstream)' } });
    failPage2 = false;
    const second = await settledWithin(engine.query({ kind: 'analysis', name: 'customer_status' }));
    expect(second.ok).toBe(true);
    expect((second as unknown as { value: { rows: { customers: number }[] } }).value.rows.reduce((n, r) => n + r.customers, 0)).toBe(6);
  });
});
