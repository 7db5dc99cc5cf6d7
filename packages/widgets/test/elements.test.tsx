// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { isIn, Selection } from '@clvkit/core';
import { ClvDashboardElement, defineElements, ELEMENT_TAGS, type WidgetElement } from '../src/index.js';
import { fakeEngine, interact, settle } from './helpers.js';

const KPI_ROWS = [
  { metric: 'orders', value: 1200, previous: 1000, change: 20 },
  { metric: 'revenue', value: 5000, previous: 4000, change: 25 },
];

beforeAll(() => defineElements());
afterEach(() => {
  document.body.replaceChildren();
});

const microtask = () => interact(() => {});

describe('defineElements', () => {
  test('registers every element once and is idempotent', () => {
    // The first widgets, then the chart widgets (chart-elements.test.tsx lists those), then the dashboard.
    expect(ELEMENT_TAGS.slice(0, 6)).toEqual(['clv-kpi-cards', 'clv-time-series', 'clv-top-products', 'clv-top-categories', 'clv-dimension-picker', 'clv-filter-chips']);
    expect(ELEMENT_TAGS[ELEMENT_TAGS.length - 1]).toBe('clv-dashboard');
    const before = ELEMENT_TAGS.map((tag) => customElements.get(tag));
    expect(before.every(Boolean)).toBe(true);
    defineElements();
    expect(ELEMENT_TAGS.map((tag) => customElements.get(tag))).toEqual(before);
  });
});

describe('widget elements', () => {
  test('engine and selection as properties, options as attributes; attribute changes re-render', async () => {
    const engine = fakeEngine(() => ({ rows: KPI_ROWS }));
    const el = document.createElement('clv-kpi-cards') as WidgetElement;
    el.setAttribute('metrics', 'revenue,orders');
    el.setAttribute('locale', 'de-DE');
    el.setAttribute('currency', 'EUR');
    el.setAttribute('source', 'kpis');
    el.engine = engine;
    el.selection = new Selection();
    await interact(() => document.body.append(el));
    await settle();
    const values = () => [...el.querySelectorAll('.clv-kpi-value')].map((v) => v.textContent);
    expect(values()).toEqual(['5.000\u00a0€', '1.200']);
    expect(engine.calls[0].source).toBe('kpis');

    el.setAttribute('metrics', 'orders');
    el.setAttribute('locale', 'en-US');
    await microtask();
    expect(values()).toEqual(['1,200']);
    el.setAttribute('heading', 'Headline');
    await microtask();
    expect(el.querySelector('.clv-title')!.textContent).toBe('Headline');
  });

  test('options as camelCase properties; the latest of property and attribute wins', async () => {
    const engine = fakeEngine(() => ({ rows: KPI_ROWS }));
    const el = document.createElement('clv-kpi-cards') as WidgetElement & { metrics: unknown; labels: unknown };
    Object.assign(el, { engine, selection: new Selection() });
    el.metrics = ['orders'];
    el.labels = { orders: 'Bestellungen' };
    await interact(() => document.body.append(el));
    await settle();
    expect(el.querySelector('.clv-kpi-label')!.textContent).toBe('Bestellungen');
    expect(el.metrics).toEqual(['orders']);
    el.setAttribute('metrics', 'revenue');
    await microtask();
    expect(el.metrics).toEqual(['revenue']);
    expect(el.querySelector('.clv-kpi-label')!.textContent).toBe('Revenue');
  });

  test('kebab-case attributes map to camelCase options (time-zone, week-start, field-label)', async () => {
    const engine = fakeEngine(() => ({ rows: [{ store: 'A', orders: 1 }] }));
    const el = document.createElement('clv-dimension-picker') as WidgetElement & { fieldLabel: unknown; limit: unknown };
    el.setAttribute('field', 'store');
    el.setAttribute('field-label', 'Store');
    el.setAttribute('limit', '5');
    Object.assign(el, { engine, selection: new Selection() });
    await interact(() => document.body.append(el));
    await settle();
    expect(el.fieldLabel).toBe('Store');
    expect(el.limit).toBe(5);
    expect(engine.calls[0].spec).toMatchObject({ groupBy: [{ field: 'store' }], limit: 5 });
    expect(el.querySelector('.clv-title')!.textContent).toBe('Store');
  });

  test('properties set before the element is defined are kept (upgrade)', async () => {
    const engine = fakeEngine(() => ({ rows: KPI_ROWS }));
    const tag = 'clv-late-kpi-test';
    const el = document.createElement(tag) as HTMLElement & Record<string, unknown>;
    el.engine = engine;
    el.selection = new Selection();
    el.metrics = ['revenue'];
    await interact(() => document.body.append(el));
    const { WIDGETS } = await import('../src/index.js');
    const { createWidgetElement } = await import('../src/elements/widget-element.js');
    customElements.define(tag, createWidgetElement(WIDGETS['kpi-cards']));
    await settle();
    expect(engine.calls).toHaveLength(1);
    expect(el.querySelector('.clv-kpi-label')!.textContent).toBe('Revenue');
  });

  test('disconnecting unmounts: query aborted, selection no longer followed', async () => {
    const engine = fakeEngine();
    const selection = new Selection();
    const el = document.createElement('clv-top-products') as WidgetElement;
    Object.assign(el, { engine, selection });
    await interact(() => document.body.append(el));
    await settle();
    expect(engine.calls).toHaveLength(1);
    await interact(() => el.remove());
    expect(engine.calls[0].signal!.aborted).toBe(true);
    expect(el.childElementCount).toBe(0);
    selection.update({ source: 'x', predicate: isIn('category', ['A']) });
    await settle();
    expect(engine.calls).toHaveLength(1);
  });

  test('shadow attribute renders into an open shadow root with adopted styles', async () => {
    const engine = fakeEngine(() => ({ rows: KPI_ROWS }));
    const el = document.createElement('clv-kpi-cards') as WidgetElement;
    el.setAttribute('shadow', '');
    Object.assign(el, { engine, selection: new Selection() });
    await interact(() => document.body.append(el));
    await settle();
    expect(el.childElementCount).toBe(0);
    expect(el.shadowRoot!.querySelector('.clv-kpi-cards')).not.toBeNull();
    expect(el.shadowRoot!.adoptedStyleSheets).toHaveLength(1);
    expect(document.adoptedStyleSheets.length).toBeGreaterThanOrEqual(1);
  });
});

describe('<clv-dashboard>', () => {
  test('gives its engine and selection to descendants that have none', async () => {
    const engine = fakeEngine(() => ({ rows: [{ product: 'Socks', orders: 3, quantity: 3, lineRevenue: 30 }] }));
    const dashboard = document.createElement('clv-dashboard') as ClvDashboardElement;
    dashboard.engine = engine;
    dashboard.innerHTML = '<div><clv-top-products source="p"></clv-top-products></div><clv-top-categories source="c"></clv-top-categories>';
    await interact(() => document.body.append(dashboard));
    await settle();
    expect(engine.calls.map((c) => c.source).sort()).toEqual(['c', 'p']);
    // Clicking a product filters the categories through the dashboard's shared selection.
    const bar = dashboard.querySelector('clv-top-products .clv-bar')!;
    await interact(() => bar.dispatchEvent(new MouseEvent('click', { bubbles: true })));
    expect(dashboard.selection.clauseOf('p')!.predicate).toEqual(isIn('product', ['Socks']));
    await settle();
    expect(engine.last('c').filter).toEqual({ mode: 'and', predicates: [isIn('product', ['Socks'])] });
  });

  test('a widget own engine wins over the dashboard one; a new dashboard engine reaches the others', async () => {
    const shared = fakeEngine(() => ({ rows: [] }));
    const own = fakeEngine(() => ({ rows: [] }));
    const dashboard = document.createElement('clv-dashboard') as ClvDashboardElement;
    dashboard.engine = shared;
    const a = document.createElement('clv-top-products') as WidgetElement;
    const b = document.createElement('clv-top-categories') as WidgetElement;
    b.engine = own;
    dashboard.append(a, b);
    await interact(() => document.body.append(dashboard));
    await settle();
    expect(shared.calls).toHaveLength(1);
    expect(own.calls).toHaveLength(1);
    const next = fakeEngine(() => ({ rows: [] }));
    dashboard.engine = next;
    await settle();
    expect(next.calls).toHaveLength(1);
    expect(own.calls).toHaveLength(1);
  });

  test('widgets upgraded before the dashboard find it once it is defined', async () => {
    const engine = fakeEngine(() => ({ rows: [] }));
    const tag = 'clv-dashboard-late-test';
    const dashboard = document.createElement(tag) as HTMLElement & { engine?: unknown };
    dashboard.engine = engine;
    dashboard.innerHTML = '<clv-top-products></clv-top-products>';
    await interact(() => document.body.append(dashboard));
    await settle();
    expect(engine.calls).toHaveLength(0);
    customElements.define(tag, class extends ClvDashboardElement {});
    await settle();
    expect(engine.calls).toHaveLength(1);
  });

  test('preset="overview" without children renders the overview layout', async () => {
    const engine = fakeEngine((spec) => ({ rows: spec.kind === 'analysis' ? KPI_ROWS : [] }));
    const dashboard = document.createElement('clv-dashboard') as ClvDashboardElement;
    dashboard.setAttribute('preset', 'overview');
    dashboard.engine = engine;
    await interact(() => document.body.append(dashboard));
    await settle();
    for (const selector of ['.clv-filter-bar', '.clv-kpi-cards', '.clv-time-series', '.clv-top-products', '.clv-top-categories', '.clv-dimension-picker']) {
      expect(dashboard.querySelector(selector), selector).not.toBeNull();
    }
    // Five queries with five distinct sources.
    expect(new Set(engine.calls.map((c) => c.source)).size).toBe(5);
    // Filter chips: a clause appears as a removable chip; "Clear all filters" clears.
    await interact(() => dashboard.selection.update({ source: 'host', predicate: isIn('dimension', ['North']), label: 'Region: North' }));
    expect(dashboard.querySelector('.clv-filter-chip')!.textContent).toContain('Region: North');
    await interact(() => (dashboard.querySelector('.clv-filter-chip button') as HTMLButtonElement).click());
    expect(dashboard.selection.value).toHaveLength(0);
    await interact(() => dashboard.selection.update({ source: 'host', predicate: isIn('dimension', ['North']) }));
    await interact(() => (dashboard.querySelector('.clv-clear-all') as HTMLButtonElement).click());
    expect(dashboard.selection.value).toHaveLength(0);
    await interact(() => dashboard.remove());
    expect(dashboard.childElementCount).toBe(0);
  });

  test('a host selection can be given', async () => {
    const selection = new Selection();
    const dashboard = document.createElement('clv-dashboard') as ClvDashboardElement;
    dashboard.selection = selection;
    expect(dashboard.selection).toBe(selection);
    expect(dashboard.context.selection).toBe(selection);
  });
});
