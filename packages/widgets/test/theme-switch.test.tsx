// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { Selection } from '@clvkit/core';
import { ClvDashboardElement, defineElements, preload, PRESETS, type WidgetElement } from '../src/index.js';
import { fakeEngine, interact, settle } from './helpers.js';

beforeAll(async () => {
  defineElements();
  await preload(PRESETS.overview.layout);
});
afterEach(() => {
  document.body.replaceChildren();
});

const PRODUCTS = { rows: [{ product: 'Socks', orders: 3, quantity: 3, lineRevenue: 30 }] };

describe('switching the theme at run time', () => {
  test('a widget element: the theme attribute and property re-theme it without a new query or a remount', async () => {
    const engine = fakeEngine(() => PRODUCTS);
    const widget = document.createElement('clv-top-products') as WidgetElement & { theme?: string };
    widget.engine = engine;
    widget.selection = new Selection();
    widget.setAttribute('theme', 'dark');
    await interact(() => document.body.append(widget));
    await settle();
    const root = widget.querySelector('.clv-root')!;
    const bar = widget.querySelector('.clv-bar')!;
    expect(root.getAttribute('data-clv-theme')).toBe('dark');
    expect(engine.calls).toHaveLength(1);

    await interact(() => widget.setAttribute('theme', 'light'));
    await settle();
    expect(widget.querySelector('.clv-root')!.getAttribute('data-clv-theme')).toBe('light');
    await interact(() => {
      widget.theme = 'dark';
    });
    await settle();
    expect(widget.querySelector('.clv-root')!.getAttribute('data-clv-theme')).toBe('dark');
    await interact(() => widget.removeAttribute('theme'));
    await settle();
    // The same nodes, re-rendered in place; the data was not asked for again.
    expect(widget.querySelector('.clv-root')).toBe(root);
    expect(widget.querySelector('.clv-bar')).toBe(bar);
    expect(engine.calls).toHaveLength(1);
  });

  test('<clv-dashboard preset theme>: switching re-themes the dashboard, no query is sent again', async () => {
    const engine = fakeEngine(() => ({ rows: [] }));
    const dashboard = document.createElement('clv-dashboard') as ClvDashboardElement;
    dashboard.engine = engine;
    dashboard.setAttribute('preset', 'overview');
    dashboard.setAttribute('theme', 'dark');
    await interact(() => document.body.append(dashboard));
    await settle();
    const grid = dashboard.querySelector('.clv-dashboard')!;
    expect(grid.getAttribute('data-clv-theme')).toBe('dark');
    const queries = engine.calls.length;
    expect(queries).toBeGreaterThan(0);

    await interact(() => dashboard.setAttribute('theme', 'light'));
    await settle();
    expect(dashboard.querySelector('.clv-dashboard')).toBe(grid);
    expect(grid.getAttribute('data-clv-theme')).toBe('light');
    expect(engine.calls).toHaveLength(queries);
  });

  test('<clv-dashboard theme> with child widgets: the theme rule matches the element, the children inherit it', async () => {
    const engine = fakeEngine(() => PRODUCTS);
    const dashboard = document.createElement('clv-dashboard') as ClvDashboardElement;
    dashboard.engine = engine;
    dashboard.setAttribute('theme', 'dark');
    dashboard.innerHTML = '<clv-top-products></clv-top-products>';
    await interact(() => document.body.append(dashboard));
    await settle();
    // The token rules select clv-dashboard[theme="dark"] (zero specificity), so the children inherit the dark values.
    expect(dashboard.matches('clv-dashboard[theme="dark"]')).toBe(true);
    await interact(() => dashboard.setAttribute('theme', 'light'));
    await settle();
    expect(dashboard.matches('clv-dashboard[theme="light"]')).toBe(true);
    expect(engine.calls).toHaveLength(1);
  });
});
