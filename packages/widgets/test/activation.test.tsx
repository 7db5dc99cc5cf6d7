// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import { interval, isIn, Selection, type Activation, type Filter, type QuerySpec } from '@clvkit/core';
import { QueryController } from '../src/data/query-controller.js';
import { DimensionPicker, Donut, Histogram, TimeSeries, TopProducts } from '../src/index.js';
import { fakeEngine, renderInto, settle } from './helpers.js';

const SPEC: QuerySpec = { kind: 'aggregate', groupBy: [{ field: 'dimension' }], measures: ['orders'] };

/** A fake engine that also records prefetches. */
function prefetchingEngine() {
  const engine = fakeEngine(() => ({ rows: [] }));
  const prefetches: { spec: QuerySpec; filter?: Filter; field: string; step?: number }[] = [];
  return Object.assign(engine, {
    prefetches,
    prefetch(spec: QuerySpec, options: { filter?: Filter; field: string; step?: number }) {
      prefetches.push({ spec, ...options });
    },
  });
}

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

describe('prefetch on activation', () => {
  test("a widget prefetches for another's coming clause, with its filter less that clause", () => {
    const engine = prefetchingEngine();
    const selection = new Selection();
    const period = interval('session_start', 0, 1000);
    selection.update({ source: 'time', predicate: period });
    selection.update({ source: 'products', predicate: isIn('product', ['Cap']) });
    selection.update({ source: 'channels', predicate: isIn('dimension', ['web']) });
    const controller = new QueryController({ engine, selection, source: 'channels', spec: SPEC });
    controller.connect();
    cleanup.push(() => controller.disconnect());
    selection.activate({ source: 'products', field: 'product' });
    // Its own clause (channels) and the coming one (products) are left out.
    expect(engine.prefetches).toEqual([{ spec: SPEC, filter: { mode: 'and', predicates: [period] }, field: 'product' }]);
    // The same activation again (the pointer re-enters): nothing new to prepare.
    selection.activate({ source: 'products', field: 'product' });
    expect(engine.prefetches).toHaveLength(1);
    // Its own activation: it never filters itself.
    selection.activate({ source: 'channels', field: 'dimension' });
    expect(engine.prefetches).toHaveLength(1);
    selection.activate({ source: 'histogram', field: 'payment_amount', step: 10 });
    expect(engine.prefetches.at(-1)).toMatchObject({ field: 'payment_amount', step: 10 });
  });

  test('no prefetch under a union selection, after disconnect, or from an engine without prefetch', () => {
    const engine = prefetchingEngine();
    const union = new Selection({ resolution: 'union' });
    const a = new QueryController({ engine, selection: union, source: 'a', spec: SPEC });
    a.connect();
    union.activate({ source: 'b', field: 'product' });
    a.disconnect();
    const selection = new Selection();
    const b = new QueryController({ engine, selection, source: 'a', spec: SPEC });
    b.connect();
    b.disconnect();
    selection.activate({ source: 'b', field: 'product' });
    expect(engine.prefetches).toHaveLength(0);
    const plain = fakeEngine(() => ({ rows: [] }));
    const c = new QueryController({ engine: plain, selection, source: 'a', spec: SPEC });
    c.connect();
    cleanup.push(() => c.disconnect());
    expect(() => selection.activate({ source: 'b', field: 'product' })).not.toThrow();
  });

  const WIDGETS: [string, (props: Record<string, unknown>) => preact.JSX.Element, Activation][] = [
    ['TopProducts', (p) => <TopProducts {...p} />, { source: 'w', field: 'product' }],
    ['DimensionPicker', (p) => <DimensionPicker {...p} />, { source: 'w', field: 'dimension' }],
    ['Donut', (p) => <Donut {...p} />, { source: 'w', field: 'customer_status' }],
    ['TimeSeries', (p) => <TimeSeries {...p} />, { source: 'w', field: 'session_start' }],
    [
      'Histogram (fixed bins)',
      (p) => <Histogram {...p} query={{ kind: 'aggregate', groupBy: [{ field: 'payment_amount', step: 10 }], measures: ['orders'] }} />,
      { source: 'w', field: 'payment_amount', step: 10 },
    ],
  ];
  for (const [name, render, expected] of WIDGETS) {
    test(`${name} announces its field when the pointer enters it or it takes the focus`, async () => {
      const engine = prefetchingEngine();
      const selection = new Selection();
      const heard: Activation[] = [];
      selection.onActivate((activation) => heard.push(activation));
      const r = renderInto(render({ engine, selection, source: 'w', width: 400 }));
      cleanup.push(r.unmount);
      await settle();
      const root = r.container.querySelector('[data-clv-source="w"]')!;
      root.dispatchEvent(new Event('pointerenter'));
      expect(heard).toEqual([expected]);
      root.dispatchEvent(new Event('focusin'));
      expect(heard).toHaveLength(2);
      r.unmount();
      root.dispatchEvent(new Event('pointerenter'));
      expect(heard).toHaveLength(2);
    });
  }

  test('a donut publishing through a host callback announces nothing', async () => {
    const selection = new Selection();
    const heard: Activation[] = [];
    selection.onActivate((activation) => heard.push(activation));
    const r = renderInto(<Donut engine={prefetchingEngine()} selection={selection} source="w" sliceFilter={(keys) => isIn('segment', keys)} />);
    cleanup.push(r.unmount);
    await settle();
    r.container.querySelector('[data-clv-source="w"]')!.dispatchEvent(new Event('pointerenter'));
    expect(heard).toEqual([]);
  });
});
