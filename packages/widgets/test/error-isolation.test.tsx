// @vitest-environment happy-dom
import type { ComponentType } from 'preact';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { Selection, type QueryResult } from '@clvkit/core';
import { defineElements, Dashboard, KpiCards, preload, TopCategories, TopProducts, WIDGETS, type ClvErrorDetail, type WidgetElement, type WidgetName } from '../src/index.js';
import { click, fakeEngine, interact, renderInto, settle } from './helpers.js';

/**
 * Error isolation (issue 7): a widget whose query throws, whose render throws or whose data is
 * malformed shows its own error state (with Retry) or a documented empty state, never throws
 * into the host page (the page's `error` and `unhandledrejection` listeners stay silent), its
 * siblings still render, and the host gets exactly one `clv-error` per failing widget.
 */

/** What reached the page: errors and unhandled rejections (the host's own listeners). */
const escaped: string[] = [];
const onError = (e: Event) => escaped.push(`error: ${(e as ErrorEvent).message ?? String((e as ErrorEvent).error)}`);
const onRejection = (e: Event) => escaped.push(`unhandledrejection: ${String((e as PromiseRejectionEvent).reason)}`);
/** Every clv-error the host received, in order. */
const events: ClvErrorDetail[] = [];
const onClvError = (e: Event) => events.push((e as CustomEvent<ClvErrorDetail>).detail);

beforeAll(async () => {
  defineElements();
  await Promise.all(Object.values(WIDGETS).map((w) => preload(w.component as ComponentType<unknown>)));
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  window.addEventListener('clv-error', onClvError);
});
afterAll(() => {
  window.removeEventListener('error', onError);
  window.removeEventListener('unhandledrejection', onRejection);
  window.removeEventListener('clv-error', onClvError);
});

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
  document.body.replaceChildren();
  escaped.length = 0;
  events.length = 0;
});

const KPI_ROWS = [{ metric: 'orders', value: 12, previous: 10, change: 20 }];
const BAR_ROWS = [
  { category: 'Books', orders: 3, quantity: 4, lineRevenue: 50 },
  { category: 'Games', orders: 2, quantity: 2, lineRevenue: 20 },
];

/** Whether `root` has an element matching `selector` of its own (not inside a widget nested in it). */
const owns = (root: Element, selector: string) => [...root.querySelectorAll(selector)].some((el) => el.closest('.clv-widget') === root);

/** The state a widget root shows (a container widget, the entity view, holds widgets of its own). */
function stateOf(root: Element): 'error' | 'empty' | 'ready' | 'loading' | 'container' | 'unknown' {
  if (owns(root, '.clv-error, [role="alert"]')) return 'error';
  if (owns(root, '.clv-empty')) return 'empty';
  if (owns(root, '.clv-content')) return 'ready';
  if (owns(root, '[aria-busy="true"]')) return 'loading';
  if (root.querySelector('.clv-widget')) return 'container';
  return 'unknown';
}

describe('one failing widget among siblings', () => {
  test('a query that throws, a render that throws and a malformed result: each fails alone, with Retry and one clv-error; the siblings render; nothing reaches the page', async () => {
    let broken = true;
    const engine = fakeEngine((spec, options) => {
      if (!broken) return options.source === 'kpi' ? { rows: KPI_ROWS } : { rows: BAR_ROWS.map((r) => ({ ...r, product: r.category })) };
      switch (options.source) {
        case 'kpi':
          throw new TypeError('the worker lost the dataset');
        case 'products':
          // A render error: a value whose formatting throws.
          return { rows: [{ product: { toString: null }, orders: { valueOf: null }, quantity: 1, lineRevenue: 1 }] };
        case 'malformed':
          return { rows: null } as unknown as QueryResult<unknown>;
        default:
          return { rows: BAR_ROWS };
      }
    });
    const selection = new Selection();
    const r = renderInto(
      <Dashboard engine={engine} selection={selection}>
        <KpiCards source="kpi" metrics={['orders']} />
        <TopProducts source="products" />
        <TopCategories source="malformed" heading="Malformed" />
        <TopCategories source="sibling" heading="Sibling" />
      </Dashboard>,
    );
    cleanup.push(r.unmount);
    await settle();
    const roots = [...r.container.querySelectorAll('.clv-widget')];
    expect(roots.map(stateOf)).toEqual(['error', 'error', 'error', 'ready']);
    for (const root of roots.slice(0, 3)) expect(root.querySelector('.clv-error[role="alert"] button.clv-retry')).not.toBeNull();
    expect(roots[3].querySelectorAll('.clv-bar').length).toBe(2);
    expect(escaped).toEqual([]);
    // Exactly one event per failure, naming the widget, the source and what failed.
    expect(events.map((e) => [e.widget, e.source, e.phase])).toEqual(
      expect.arrayContaining([
        ['kpi-cards', 'kpi', 'query'],
        ['top-products', 'products', 'render'],
        ['top-categories', 'malformed', expect.stringMatching(/^(render|query)$/)],
      ]),
    );
    expect(events).toHaveLength(3);
    expect(events.find((e) => e.source === 'kpi')!.error).toMatchObject({ name: 'TypeError', message: 'the worker lost the dataset' });
    for (const e of events) expect(e.error).toBeInstanceOf(Error);

    // Retry brings each back once the data is fine, with no further event.
    broken = false;
    for (const root of roots.slice(0, 3)) await interact(() => click(root.querySelector('.clv-retry')!));
    await settle();
    expect([...r.container.querySelectorAll('.clv-widget')].map(stateOf)).toEqual(['ready', 'ready', 'ready', 'ready']);
    expect(events).toHaveLength(3);
    expect(escaped).toEqual([]);
  });

  test('custom elements: a failing <clv-kpi-cards> beside a working one; the event bubbles to the host out of the element', async () => {
    const bad = document.createElement('clv-kpi-cards') as WidgetElement;
    const good = document.createElement('clv-kpi-cards') as WidgetElement;
    bad.setAttribute('source', 'bad');
    good.setAttribute('source', 'good');
    const engine = fakeEngine((_spec, options) => {
      if (options.source === 'bad') throw new RangeError('no such metric');
      return { rows: KPI_ROWS };
    });
    const selection = new Selection();
    const host = document.createElement('section');
    const hostEvents: ClvErrorDetail[] = [];
    host.addEventListener('clv-error', (e) => hostEvents.push((e as CustomEvent<ClvErrorDetail>).detail));
    for (const el of [bad, good]) Object.assign(el, { engine, selection });
    await interact(() => {
      host.append(bad, good);
      document.body.append(host);
    });
    await settle();
    expect(stateOf(bad.querySelector('.clv-widget')!)).toBe('error');
    expect(bad.querySelector('.clv-error-detail')!.textContent).toBe('no such metric');
    expect(stateOf(good.querySelector('.clv-widget')!)).toBe('ready');
    expect(hostEvents.map((e) => [e.widget, e.source, e.phase, e.error.name, e.error.message])).toEqual([['kpi-cards', 'bad', 'query', 'RangeError', 'no such metric']]);
    expect(escaped).toEqual([]);
  });
});

/** Malformed answers an engine (or a proxy in front of one) could give. */
const MALFORMED: Record<string, () => QueryResult<unknown>> = {
  'rows: null': () => ({ rows: null }) as unknown as QueryResult<unknown>,
  'rows: a string': () => ({ rows: 'rows' }) as unknown as QueryResult<unknown>,
  'no result': () => undefined as unknown as QueryResult<unknown>,
  'null rows in the list': () => ({ rows: [null, null] }) as unknown as QueryResult<unknown>,
  'every value an unprintable object': () => ({ rows: [new Proxy({}, { get: (_t, key) => (key === 'then' ? undefined : { toString: null, valueOf: null }) })] }) as unknown as QueryResult<unknown>,
  'a query that throws': () => {
    throw new Error('worker crashed');
  },
};

/** Props every widget needs beyond the engine and selection (an entity to show). */
const EXTRA: Partial<Record<WidgetName, Record<string, unknown>>> = {
  'entity-view': { type: 'product', value: 'p' },
};

describe('every widget type with every malformed answer', () => {
  // The filter chips and the search box send no query until the user acts.
  const names = (Object.keys(WIDGETS) as WidgetName[]).filter((n) => n !== 'filter-chips' && n !== 'search-box');
  for (const [label, answer] of Object.entries(MALFORMED)) {
    test(`${label}: all ${names.length} querying widget types (and the widgets the entity view composes) show an error, empty or ready state; one clv-error per error shown; nothing reaches the page`, { timeout: 60_000 }, async () => {
      const engine = fakeEngine(() => answer());
      const selection = new Selection();
      const r = renderInto(
        <Dashboard engine={engine} selection={selection}>
          {names.map((name) => {
            const Widget = WIDGETS[name].component as ComponentType<Record<string, unknown>>;
            return <Widget key={name} source={name} {...EXTRA[name]} />;
          })}
        </Dashboard>,
      );
      cleanup.push(r.unmount);
      await settle(6);
      // Every widget, the ones the entity view composes included.
      const roots = [...r.container.querySelectorAll('.clv-widget')];
      expect(names.filter((n) => !roots.some((root) => root.getAttribute('data-clv-source') === n))).toEqual([]);
      const states = roots.map((root) => ({ source: root.getAttribute('data-clv-source')!, state: stateOf(root) }));
      expect(states.filter((s) => s.state === 'unknown' || s.state === 'loading')).toEqual([]);
      expect(escaped).toEqual([]);
      // One event per failure shown, none for the rest: a widget shows one error (a compound
      // widget, the entity view's A/B test, one per failed test) and each has a Retry.
      const failures = (root: Element) => [...root.querySelectorAll('[role="alert"]')].filter((el) => el.closest('.clv-widget') === root);
      const failed = roots.flatMap((root) => failures(root).map(() => root.getAttribute('data-clv-source')!)).sort();
      const reported = events.map((e) => e.source).sort();
      expect(reported).toEqual(failed);
      for (const root of roots) for (const alert of failures(root)) expect(alert.querySelector('.clv-retry'), root.getAttribute('data-clv-source')!).not.toBeNull();
      if (label === 'a query that throws') expect(failed.length).toBeGreaterThan(names.length / 2);
      console.log(`error isolation, ${label}: ${states.length} widgets, ${failed.length} error, ${states.filter((s) => s.state === 'empty').length} empty, ${states.filter((s) => s.state === 'ready').length} ready`);
    });
  }
});
