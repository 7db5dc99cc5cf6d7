// @vitest-environment happy-dom
import { afterEach, describe, expect, expectTypeOf, test } from 'vitest';
import type { Engine } from '@clvkit/engine';
import { interval, isIn, MissingInputError, Selection, type QuerySpec } from '@clvkit/core';
import { QueryController } from '../src/data/query-controller.js';
import type { EngineLike } from '../src/engine-like.js';
import { fakeEngine, namedError } from './helpers.js';

const SPEC: QuerySpec = { kind: 'aggregate', groupBy: [{ field: 'category' }], measures: ['orders'] };
const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
const ticks = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

const controllers: QueryController<unknown>[] = [];
function start(options: ConstructorParameters<typeof QueryController>[0]) {
  const controller = new QueryController(options);
  controllers.push(controller);
  controller.connect();
  return controller;
}
afterEach(() => {
  for (const c of controllers.splice(0)) c.disconnect();
});

// Compile-time check (tsc): the real engine fits the structural interface the widgets use.
expectTypeOf<Engine>().toExtend<EngineLike>();

describe('QueryController', () => {
  test('first query runs on the next frame with the widget source and its filter', async () => {
    const engine = fakeEngine();
    const selection = new Selection();
    const controller = start({ engine, selection, source: 'bars', spec: SPEC });
    expect(engine.calls).toHaveLength(0);
    expect(controller.state.status).toBe('loading');
    await frame();
    expect(engine.calls).toHaveLength(1);
    expect(engine.calls[0].source).toBe('bars');
    expect(engine.calls[0].spec).toEqual(SPEC);
    expect(engine.calls[0].filter).toEqual({ mode: 'and', predicates: [] });
  });

  test('its own clause is left out of its filter, another widget clause is included', async () => {
    const engine = fakeEngine();
    const selection = new Selection();
    start({ engine, selection, source: 'bars', spec: SPEC });
    await frame();
    selection.update({ source: 'bars', predicate: isIn('category', ['Shoes']) });
    await frame();
    // Only its own clause changed: the filter is the same, so no new query.
    expect(engine.calls).toHaveLength(1);
    const period = interval('session_start', 0, 1000);
    selection.update({ source: 'time', predicate: period });
    await frame();
    expect(engine.calls).toHaveLength(2);
    expect(engine.calls[1].filter).toEqual({ mode: 'and', predicates: [period] });
  });

  test('a burst of selection changes in one frame makes one query with the last filter', async () => {
    const engine = fakeEngine();
    const selection = new Selection();
    start({ engine, selection, source: 'bars', spec: SPEC });
    await frame();
    for (let hi = 1; hi <= 5; hi++) selection.update({ source: 'time', predicate: interval('session_start', 0, hi) });
    await frame();
    expect(engine.calls).toHaveLength(2);
    expect(engine.calls[1].filter!.predicates).toEqual([interval('session_start', 0, 5)]);
  });

  test('ready, empty (no rows) and the previous result kept while reloading', async () => {
    const engine = fakeEngine();
    const selection = new Selection();
    const controller = start({ engine, selection, source: 'bars', spec: SPEC });
    await frame();
    engine.calls[0].resolve({ rows: [{ category: 'Shoes', orders: 3 }] });
    await ticks();
    expect(controller.state.status).toBe('ready');
    const first = controller.state.result;
    selection.update({ source: 'time', predicate: interval('session_start', 0, 1) });
    await frame();
    expect(controller.state.status).toBe('loading');
    expect(controller.state.settled).toBe('ready');
    expect(controller.state.result).toBe(first);
    engine.calls[1].resolve({ rows: [] });
    await ticks();
    expect(controller.state.status).toBe('empty');
    expect(controller.state.filter.predicates).toHaveLength(1);
  });

  test('a custom isEmpty decides emptiness', async () => {
    const engine = fakeEngine(() => ({ rows: [{ orders: 0 }] }));
    const controller = start({ engine, selection: new Selection(), source: 's', spec: SPEC, isEmpty: (r) => r.rows.every((row) => !(row as { orders: number }).orders) });
    await frame();
    await ticks();
    expect(controller.state.status).toBe('empty');
  });

  test('StaleQueryError and aborts are ignored; only the latest answer counts', async () => {
    const engine = fakeEngine();
    const selection = new Selection();
    const controller = start({ engine, selection, source: 'bars', spec: SPEC });
    await frame();
    selection.update({ source: 'time', predicate: interval('session_start', 0, 1) });
    await frame();
    expect(engine.calls[0].signal!.aborted).toBe(true);
    engine.calls[0].reject(namedError('StaleQueryError', 'superseded'));
    engine.calls[1].reject(namedError('StaleQueryError', 'superseded'));
    await ticks();
    expect(controller.state.status).toBe('loading');
    // A late answer to the first request must not overwrite anything.
    engine.calls[0].resolve({ rows: [{ category: 'old' }] });
    await ticks();
    expect(controller.state.result).toBeNull();
  });

  test('MissingInputError becomes an empty state naming the missing input (also when it crossed the worker as plain data)', async () => {
    const engine = fakeEngine(() => {
      throw new MissingInputError('products', 'basket lines', 'import a lines table');
    });
    const controller = start({ engine, selection: new Selection(), source: 's', spec: SPEC });
    await frame();
    await ticks();
    expect(controller.state.status).toBe('empty');
    expect(controller.state.missing).toBe('basket lines');
    expect(controller.state.error!.message).toBe('products needs basket lines: import a lines table');

    const plain = fakeEngine(() => {
      throw { name: 'MissingInputError', message: 'cohorts needs customers' };
    });
    const second = start({ engine: plain, selection: new Selection(), source: 's2', spec: SPEC });
    await frame();
    await ticks();
    expect(second.state.missing).toBe('customers');
  });

  test('other errors show the error state and are reported; retry queries again', async () => {
    let fail = true;
    const reported: Error[] = [];
    const engine = fakeEngine(() => {
      if (fail) throw new Error('worker crashed');
      return { rows: [{ orders: 1 }] };
    });
    const controller = start({ engine, selection: new Selection(), source: 's', spec: SPEC, onError: (e) => reported.push(e) });
    await frame();
    await ticks();
    expect(controller.state.status).toBe('error');
    expect(controller.state.error!.message).toBe('worker crashed');
    expect(reported.map((e) => e.message)).toEqual(['worker crashed']);
    fail = false;
    controller.retry();
    expect(engine.calls).toHaveLength(2);
    await ticks();
    expect(controller.state.status).toBe('ready');
  });

  test('disconnect aborts the request in flight, stops following the selection and cancels the frame', async () => {
    const engine = fakeEngine();
    const selection = new Selection();
    const controller = start({ engine, selection, source: 's', spec: SPEC });
    await frame();
    controller.disconnect();
    expect(engine.calls[0].signal!.aborted).toBe(true);
    selection.update({ source: 'other', predicate: isIn('category', ['A']) });
    await frame();
    expect(engine.calls).toHaveLength(1);

    const engine2 = fakeEngine();
    const c2 = start({ engine: engine2, selection, source: 's', spec: SPEC });
    c2.disconnect(); // before its first frame
    await frame();
    expect(engine2.calls).toHaveLength(0);
  });

  test('a new spec queries again, the same spec does not', async () => {
    const engine = fakeEngine();
    const selection = new Selection();
    const controller = start({ engine, selection, source: 's', spec: SPEC });
    await frame();
    controller.update({ engine, selection, source: 's', spec: { ...SPEC } });
    await frame();
    expect(engine.calls).toHaveLength(1);
    controller.update({ engine, selection, source: 's', spec: { ...SPEC, measures: ['revenue'] } });
    await frame();
    expect(engine.calls).toHaveLength(2);
    expect(engine.calls[1].spec).toEqual({ ...SPEC, measures: ['revenue'] });
  });

  test('re-queries when the engine status returns to ready', async () => {
    const listeners = new Set<(v: 'loading' | 'ready' | 'error' | 'restarting') => void>();
    let value: 'loading' | 'ready' | 'error' | 'restarting' = 'ready';
    const base = fakeEngine(() => ({ rows: [{ orders: 1 }] }));
    const engine = Object.assign(base, {
      status: {
        get value() {
          return value;
        },
        subscribe(listener: (v: typeof value) => void) {
          listeners.add(listener);
          listener(value);
          return () => listeners.delete(listener);
        },
      },
    });
    const controller = start({ engine, selection: new Selection(), source: 's', spec: SPEC });
    await frame();
    expect(base.calls).toHaveLength(1);
    for (value of ['restarting', 'ready'] as const) for (const l of listeners) l(value);
    expect(base.calls).toHaveLength(2);
    controller.disconnect();
    expect(listeners.size).toBe(0);
  });
});

describe('QueryController progress of long analyses', () => {
  test('the state carries the latest progress while loading and drops it with the answer', async () => {
    const engine = fakeEngine();
    const controller = start({ engine, selection: new Selection(), source: 'anomalies', spec: SPEC });
    await frame();
    const call = engine.last('anomalies');
    expect(controller.state.progress).toBeNull();
    call.onProgress?.({ done: 3, total: 20, message: 'Training autoencoder' });
    expect(controller.state).toMatchObject({ status: 'loading', progress: { done: 3, total: 20, message: 'Training autoencoder' } });
    call.resolve({ rows: [{ orders: 1 }] });
    await ticks();
    expect(controller.state).toMatchObject({ status: 'ready', progress: null });
  });

  test('progress of a superseded request is ignored', async () => {
    const engine = fakeEngine();
    const selection = new Selection();
    const controller = start({ engine, selection, source: 'anomalies', spec: SPEC });
    await frame();
    const older = engine.last('anomalies');
    selection.update({ source: 'time', predicate: interval('session_start', 0, 1000) });
    await frame();
    older.onProgress?.({ done: 1, total: 5 });
    expect(controller.state.progress).toBeNull();
  });
});
