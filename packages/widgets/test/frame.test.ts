// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { Selection, interval, type QuerySpec } from '@clvkit/core';
import { scheduleFrame } from '../src/data/frame.js';
import { observeQueryStates, type QueryStateEvent } from '../src/data/query-events.js';
import { QueryController } from '../src/data/query-controller.js';
import { fakeEngine } from './helpers.js';

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

describe('scheduleFrame', () => {
  test('callbacks scheduled together run in one task, in order, with no microtask between them', async () => {
    const log: string[] = [];
    scheduleFrame(() => {
      log.push('a');
      queueMicrotask(() => log.push('microtask'));
    });
    scheduleFrame(() => log.push('b'));
    await frame();
    await Promise.resolve();
    expect(log).toEqual(['a', 'b', 'microtask']);
  });

  test('a cancelled callback does not run; the others do', async () => {
    const log: string[] = [];
    const cancel = scheduleFrame(() => log.push('cancelled'));
    scheduleFrame(() => log.push('kept'));
    cancel();
    await frame();
    expect(log).toEqual(['kept']);
  });

  test('a callback that throws does not stop the others', async () => {
    const log: string[] = [];
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => {
      errors.push(event.error);
      event.preventDefault();
    };
    window.addEventListener('error', onError);
    const original = queueMicrotask;
    // happy-dom reports errors thrown in microtasks through the window; collect them.
    globalThis.queueMicrotask = (fn) =>
      original(() => {
        try {
          fn();
        } catch (error) {
          errors.push(error);
        }
      });
    try {
      scheduleFrame(() => {
        throw new Error('boom');
      });
      scheduleFrame(() => log.push('after'));
      await frame();
      await Promise.resolve();
    } finally {
      globalThis.queueMicrotask = original;
      window.removeEventListener('error', onError);
    }
    expect(log).toEqual(['after']);
    expect(errors.map((e) => (e as Error).message)).toEqual(['boom']);
  });
});

describe('scheduleFrame timing', () => {
  test('after a quiet spell the batch runs in a microtask; a batch right after one waits for an animation frame', async () => {
    const frames: FrameRequestCallback[] = [];
    const realRaf = globalThis.requestAnimationFrame;
    const realCancel = globalThis.cancelAnimationFrame;
    globalThis.requestAnimationFrame = (callback) => frames.push(callback);
    globalThis.cancelAnimationFrame = () => undefined;
    const task = () => new Promise((resolve) => setImmediate(resolve));
    try {
      await new Promise((resolve) => setTimeout(resolve, 25));
      const log: string[] = [];
      scheduleFrame(() => log.push('click'));
      scheduleFrame(() => log.push('click, other widget'));
      expect(log).toEqual([]);
      await Promise.resolve();
      expect(log).toEqual(['click', 'click, other widget']);
      expect(frames).toHaveLength(0);
      // A drag keeps publishing: the next change waits for the frame.
      scheduleFrame(() => log.push('move 1'));
      scheduleFrame(() => log.push('move 1, other widget'));
      await task();
      expect(log).toEqual(['click', 'click, other widget']);
      expect(frames).toHaveLength(1);
      frames.shift()!(0);
      expect(log).toEqual(['click', 'click, other widget', 'move 1', 'move 1, other widget']);
    } finally {
      globalThis.requestAnimationFrame = realRaf;
      globalThis.cancelAnimationFrame = realCancel;
    }
  });
});

describe('observeQueryStates', () => {
  const SPEC: QuerySpec = { kind: 'aggregate', groupBy: [{ field: 'category' }], measures: ['orders'] };

  test('reports every state change of every controller with its source and filter; unsubscribes', async () => {
    const events: QueryStateEvent[] = [];
    const stop = observeQueryStates((event) => events.push(event));
    const engine = fakeEngine(() => ({ rows: [{ category: 'Shoes', orders: 1 }] }));
    const selection = new Selection();
    const a = new QueryController({ engine, selection, source: 'a', spec: SPEC });
    const b = new QueryController({ engine, selection, source: 'b', spec: SPEC });
    a.connect();
    b.connect();
    await frame();
    await Promise.resolve();
    expect(events.map((e) => [e.source, e.state.status])).toEqual([
      ['a', 'loading'],
      ['b', 'loading'],
      ['a', 'ready'],
      ['b', 'ready'],
    ]);
    const period = interval('session_start', 0, 1000);
    selection.update({ source: 'a', predicate: period });
    await frame();
    await Promise.resolve();
    // Only b's filter changed; its ready state carries the filter it answered (a reload this
    // quick is never announced as loading: see reload-notice.test.ts).
    expect(events.slice(4).map((e) => [e.source, e.state.status, e.state.filter.predicates])).toEqual([['b', 'ready', [period]]]);
    stop();
    selection.clear();
    await frame();
    await Promise.resolve();
    expect(events).toHaveLength(5);
    a.disconnect();
    b.disconnect();
  });
});
