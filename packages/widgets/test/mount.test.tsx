// @vitest-environment happy-dom
import { afterEach, describe, expect, test, vi } from 'vitest';
import { isIn, Selection } from '@clvkit/core';
import { mount, mountAnomalySeries, mountKpiCards, mountSegmentTreemap, mountTimeSeries, mountTopProducts } from '../src/index.js';
import { brushReady, dragBrush, fakeEngine, interact, polyfillSvgPoint, settle } from './helpers.js';

afterEach(() => {
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

/** Counts listeners added minus removed on `target` (window, document). */
function trackListeners(target: EventTarget) {
  const live = new Map<string, number>();
  const add = target.addEventListener.bind(target);
  const remove = target.removeEventListener.bind(target);
  vi.spyOn(target, 'addEventListener').mockImplementation((type, listener, options) => {
    live.set(type, (live.get(type) ?? 0) + 1);
    add(type, listener, options);
  });
  vi.spyOn(target, 'removeEventListener').mockImplementation((type, listener, options) => {
    live.set(type, (live.get(type) ?? 0) - 1);
    remove(type, listener, options);
  });
  return () => [...live].filter(([, n]) => n !== 0);
}

/** Counts subscriptions to `selection` that are still open. */
function trackSubscriptions(selection: Selection) {
  let open = 0;
  const subscribe = selection.subscribe.bind(selection);
  vi.spyOn(selection, 'subscribe').mockImplementation((listener) => {
    open++;
    const unsubscribe = subscribe(listener);
    return () => {
      open--;
      unsubscribe();
    };
  });
  return () => open;
}

describe('mount', () => {
  test('mountKpiCards renders, update() re-renders with merged options, destroy() removes everything', async () => {
    const engine = fakeEngine(() => ({ rows: [{ metric: 'orders', value: 5, previous: 4, change: 25 }, { metric: 'revenue', value: 9, previous: 9, change: 0 }] }));
    const selection = new Selection();
    const open = trackSubscriptions(selection);
    const element = document.createElement('div');
    document.body.append(element);
    let handle!: ReturnType<typeof mountKpiCards>;
    await interact(() => {
      handle = mountKpiCards(element, { engine, selection, metrics: ['orders'], locale: 'en-US' });
    });
    await settle();
    expect(element.querySelectorAll('.clv-kpi')).toHaveLength(1);
    expect(open()).toBeGreaterThan(0);
    await interact(() => handle.update({ metrics: ['orders', 'revenue'] }));
    expect(element.querySelectorAll('.clv-kpi')).toHaveLength(2);
    expect(element.querySelector('.clv-kpi-value')!.textContent).toBe('5');
    await interact(() => handle.destroy());
    expect(element.childElementCount).toBe(0);
    expect(open()).toBe(0);
    handle.update({ metrics: ['revenue'] }); // no-op after destroy
    expect(element.childElementCount).toBe(0);
  });

  test('mount, brush and destroy leave no window or document listeners behind', async () => {
    const windowListeners = trackListeners(window);
    const documentListeners = trackListeners(document);
    const DAY = 86_400_000;
    const rows = Array.from({ length: 5 }, (_, i) => ({ session_start: i * DAY, orders: i, revenue: i }));
    const engine = fakeEngine(() => ({ rows }));
    const selection = new Selection();
    const open = trackSubscriptions(selection);
    const element = document.createElement('div');
    document.body.append(element);
    let handle!: ReturnType<typeof mountTimeSeries>;
    await interact(() => {
      handle = mountTimeSeries(element, { engine, selection, width: 300, timeZone: 'UTC' });
    });
    await settle();
    polyfillSvgPoint();
    await brushReady(element);
    // Brushing adds window listeners for the drag (removed at mouseup, the click guard a tick later).
    await dragBrush(element, 80, 160);
    expect(selection.value).toHaveLength(1);
    await settle();
    await interact(() => handle.destroy());
    await settle();
    expect(open()).toBe(0);
    expect(windowListeners()).toEqual([]);
    expect(documentListeners()).toEqual([]);
  });

  test('destroy aborts a query in flight', async () => {
    const engine = fakeEngine();
    const element = document.createElement('div');
    document.body.append(element);
    let handle!: ReturnType<typeof mountTopProducts>;
    await interact(() => {
      handle = mountTopProducts(element, { engine, selection: new Selection() });
    });
    await settle();
    await interact(() => handle.destroy());
    expect(engine.calls[0].signal!.aborted).toBe(true);
  });

  test('the model widgets have their typed mounters too: each mounts its widget and asks its analysis', async () => {
    const engine = fakeEngine();
    const selection = new Selection();
    const mounted = [
      [mountAnomalySeries, 'dorders_anomaly', 'clv-anomaly-series'],
      [mountSegmentTreemap, 'segmentation', 'clv-segment-treemap'],
    ] as const;
    for (const [mounter, analysis, widgetClass] of mounted) {
      const element = document.createElement('div');
      document.body.append(element);
      let handle!: { destroy(): void };
      await interact(() => {
        handle = mounter(element, { engine, selection });
      });
      await settle();
      expect(element.querySelector(`.${widgetClass}`), widgetClass).not.toBeNull();
      expect(engine.calls.some((c) => c.spec.kind === 'analysis' && c.spec.name === analysis), analysis).toBe(true);
      await interact(() => handle.destroy());
      element.remove();
    }
  });

  test('generic mount by widget name, with shadow option', async () => {
    const engine = fakeEngine(() => ({ rows: [{ dimension: 'North', orders: 2 }] }));
    const selection = new Selection();
    const element = document.createElement('div');
    document.body.append(element);
    let handle!: ReturnType<typeof mount>;
    await interact(() => {
      handle = mount(element, { widget: 'dimension-picker', engine, selection, source: 'd', shadow: true });
    });
    await settle();
    const chip = element.shadowRoot!.querySelector('.clv-chip[data-value="North"]') as HTMLButtonElement;
    await interact(() => chip.click());
    expect(selection.clauseOf('d')!.predicate).toEqual(isIn('dimension', ['North']));
    await interact(() => handle.destroy());
    expect(element.shadowRoot!.childElementCount).toBe(0);
  });

  test('unknown widget names are a RangeError that lists the names', () => {
    expect(() => mount(document.createElement('div'), { widget: 'pie' } as never)).toThrow(
      /^mount: unknown widget "pie"; expected one of kpi-cards, time-series, top-products, top-categories, dimension-picker, filter-chips, .*dashboard$/,
    );
  });

  test('generic mount of a dashboard preset', async () => {
    const engine = fakeEngine(() => ({ rows: [] }));
    const element = document.createElement('div');
    document.body.append(element);
    let handle!: ReturnType<typeof mount>;
    await interact(() => {
      handle = mount(element, { widget: 'dashboard', preset: 'overview', engine });
    });
    await settle();
    expect(element.querySelector('.clv-dashboard .clv-time-series')).not.toBeNull();
    await interact(() => handle.destroy());
  });
});
