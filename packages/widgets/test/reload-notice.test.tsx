// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import { interval, isIn, Selection, type QuerySpec } from '@clvkit/core';
import { QueryController, RELOAD_NOTICE_MS } from '../src/data/query-controller.js';
import { useOwnClause } from '../src/data/use-clauses.js';
import type { QueryState } from '../src/data/query-state.js';
import { fakeEngine, interact, renderInto } from './helpers.js';

const SPEC: QuerySpec = { kind: 'aggregate', groupBy: [{ field: 'category' }], measures: ['orders'] };
const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ticks = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

const controllers: QueryController<unknown>[] = [];
afterEach(() => {
  for (const c of controllers.splice(0)) c.disconnect();
});

async function readyController() {
  const engine = fakeEngine();
  const selection = new Selection();
  const controller = new QueryController<unknown>({ engine, selection, source: 'bars', spec: SPEC });
  controllers.push(controller);
  const seen: QueryState<unknown>['status'][] = [];
  controller.subscribe((state) => seen.push(state.status));
  controller.connect();
  await frame();
  engine.calls[0].resolve({ rows: [{ category: 'Shoes', orders: 3 }] });
  await ticks();
  return { engine, selection, controller, seen };
}

describe('reloads are announced only when they take a while', () => {
  test('the first load is announced at once (the skeleton)', async () => {
    const { seen } = await readyController();
    expect(seen).toEqual(['loading', 'ready']);
  });

  test('a reload answered quickly goes from ready to ready: the view renders once', async () => {
    const { engine, selection, controller, seen } = await readyController();
    selection.update({ source: 'time', predicate: interval('session_start', 0, 1) });
    await frame();
    // The controller knows it is loading; its listeners are not told yet.
    expect(controller.state.status).toBe('loading');
    engine.calls[1].resolve({ rows: [{ category: 'Shoes', orders: 1 }] });
    await ticks();
    await wait(RELOAD_NOTICE_MS + 20);
    expect(seen).toEqual(['loading', 'ready', 'ready']);
  });

  test('a slow reload is announced after RELOAD_NOTICE_MS, with the previous result to dim', async () => {
    const { engine, selection, seen } = await readyController();
    const states: QueryState<unknown>[] = [];
    const { controller } = { controller: controllers[0] };
    controller.subscribe((state) => states.push(state));
    selection.update({ source: 'time', predicate: interval('session_start', 0, 1) });
    await frame();
    expect(seen).toEqual(['loading', 'ready']);
    await wait(RELOAD_NOTICE_MS + 20);
    expect(seen).toEqual(['loading', 'ready', 'loading']);
    expect(states[0]).toMatchObject({ status: 'loading', settled: 'ready', result: { rows: [{ category: 'Shoes', orders: 3 }] } });
    engine.calls[1].resolve({ rows: [] });
    await ticks();
    expect(seen).toEqual(['loading', 'ready', 'loading', 'empty']);
  });

  test('disconnecting drops a pending announcement', async () => {
    const { selection, controller, seen } = await readyController();
    selection.update({ source: 'time', predicate: interval('session_start', 0, 1) });
    await frame();
    controller.disconnect();
    await wait(RELOAD_NOTICE_MS + 20);
    expect(seen).toEqual(['loading', 'ready']);
  });
});

describe('useOwnClause', () => {
  test("re-renders for its own clause only, not for another widget's", async () => {
    const selection = new Selection();
    let renders = 0;
    function Probe() {
      renders++;
      const clause = useOwnClause(selection, 'mine');
      return <span>{clause ? JSON.stringify(clause.value) : 'none'}</span>;
    }
    const { container, unmount } = renderInto(<Probe />);
    const initial = renders;
    await interact(() => selection.update({ source: 'other', predicate: isIn('category', ['Shoes']), value: ['Shoes'] }));
    await interact(() => selection.update({ source: 'other', predicate: isIn('category', ['Bags']), value: ['Bags'] }));
    expect(renders).toBe(initial);
    expect(container.textContent).toBe('none');
    await interact(() => selection.update({ source: 'mine', predicate: isIn('dimension', ['web']), value: ['web'] }));
    expect(container.textContent).toBe('["web"]');
    expect(renders).toBe(initial + 1);
    await interact(() => selection.clear());
    expect(container.textContent).toBe('none');
    unmount();
  });
});
