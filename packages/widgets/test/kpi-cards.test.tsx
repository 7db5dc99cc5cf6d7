// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import { interval, Selection } from '@clvkit/core';
import { KpiCards } from '../src/index.js';
import { click, fakeEngine, interact, namedError, renderInto, settle } from './helpers.js';

const ROWS = [
  { metric: 'orders', value: 1200, previous: 1000, change: 20 },
  { metric: 'revenue', value: 54321.5, previous: 60000, change: -9.464 },
  { metric: 'visitors', value: 800, previous: 0, change: null },
  { metric: 'discount', value: 1500, previous: 1500, change: 0 },
  { metric: 'averageOrderValue', value: 45.267, previous: 60, change: -24.555 },
  { metric: 'conversion', value: 0.125, previous: 0.1, change: 25 },
];

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});
function mount(vnode: preact.ComponentChild) {
  const r = renderInto(vnode);
  cleanup.push(r.unmount);
  return r;
}
const cards = (root: Element) =>
  [...root.querySelectorAll('.clv-kpi')].map((li) => ({
    metric: li.getAttribute('data-metric'),
    label: li.querySelector('.clv-kpi-label')!.textContent,
    value: li.querySelector('.clv-kpi-value')!.textContent,
    change: li.querySelector('.clv-kpi-change [aria-hidden]')!.textContent,
    direction: li.querySelector('.clv-kpi-change')!.getAttribute('data-direction'),
  }));

describe('KpiCards', () => {
  test('queries the kpis analysis and shows a skeleton until it answers', async () => {
    const engine = fakeEngine();
    const { container } = mount(<KpiCards engine={engine} selection={new Selection()} source="kpi" locale="en-US" />);
    await settle();
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'kpis' });
    expect(container.querySelector('[aria-busy="true"]')).not.toBeNull();
    // Five default metrics -> five skeleton cards.
    expect(container.querySelectorAll('.clv-kpi .clv-skeleton')).toHaveLength(10);
    expect(container.textContent).toContain('Loading key figures');
  });

  test('default cards: orders, revenue, visitors, discount, average ticket, formatted with Intl', async () => {
    const engine = fakeEngine(() => ({ rows: ROWS }));
    const { container } = mount(<KpiCards engine={engine} selection={new Selection()} locale="en-US" currency="USD" />);
    await settle();
    expect(cards(container)).toEqual([
      { metric: 'orders', label: 'Orders', value: '1,200', change: '▲ +20%', direction: 'up' },
      { metric: 'revenue', label: 'Revenue', value: '$54,322', change: '▼ −9.5%', direction: 'down' },
      { metric: 'visitors', label: 'Visitors', value: '800', change: '—', direction: 'none' },
      { metric: 'discount', label: 'Discount', value: '$1,500', change: '→ 0%', direction: 'flat' },
      // 45.267 rounds to $45.27; -24.555 % rounds to -24.6 %.
      { metric: 'averageOrderValue', label: 'Average ticket', value: '$45.27', change: '▼ −24.6%', direction: 'down' },
    ]);
    expect(container.querySelector('[data-metric="visitors"] .clv-sr-only')!.textContent).toBe('no previous period to compare with');
  });

  test('configurable metrics, labels, locale and currency', async () => {
    const engine = fakeEngine(() => ({ rows: ROWS }));
    const { container } = mount(
      <KpiCards engine={engine} selection={new Selection()} metrics={['conversion', 'revenue']} labels={{ revenue: 'Umsatz' }} locale="de-DE" currency="EUR" />,
    );
    await settle();
    expect(cards(container).map((c) => [c.label, c.value, c.change])).toEqual([
      ['Conversion', '12,5\u00a0%', '▲ +25\u00a0%'],
      ['Umsatz', '54.322\u00a0€', '▼ −9,5\u00a0%'],
    ]);
  });

  test('all-zero figures are an empty state that says why', async () => {
    const engine = fakeEngine(() => ({ rows: ROWS.map((r) => ({ ...r, value: 0 })) }));
    const selection = new Selection();
    selection.update({ source: 'time', predicate: interval('session_start', 0, 1) });
    const { container } = mount(<KpiCards engine={engine} selection={selection} />);
    await settle();
    expect(container.querySelector('.clv-empty')!.textContent).toBe('No orders in the selected range');
  });

  test('errors show the message and a Retry button that queries again', async () => {
    let fail = true;
    const engine = fakeEngine(() => {
      if (fail) throw namedError('EngineError', 'The worker stopped');
      return { rows: ROWS };
    });
    const errors: string[] = [];
    const { container } = mount(<KpiCards engine={engine} selection={new Selection()} locale="en-US" />);
    container.addEventListener('clv-error', (e) => errors.push((e as CustomEvent).detail.error.message));
    await settle();
    const alert = container.querySelector('[role="alert"]')!;
    expect(alert.textContent).toContain('Could not load key figures');
    expect(alert.textContent).toContain('The worker stopped');
    fail = false;
    await interact(() => click(container.querySelector('.clv-retry')!));
    await settle();
    expect(engine.calls).toHaveLength(2);
    expect(cards(container)[0].value).toBe('1,200');
  });

  test('shows the previous period the change compares with', async () => {
    const engine = fakeEngine(() => ({ rows: ROWS, meta: { period: [Date.UTC(2024, 1, 1), Date.UTC(2024, 2, 1)], previousPeriod: [Date.UTC(2024, 0, 1), Date.UTC(2024, 1, 1)] } }));
    const { container } = mount(<KpiCards engine={engine} selection={new Selection()} locale="en-US" />);
    await settle();
    // [Jan 1, Feb 1) is January 1 to 31.
    expect(container.querySelector('.clv-period')!.textContent).toBe('Change versus Jan 1\u2009–\u200931, 2024');
  });

  test('without engine or selection it says what is missing', () => {
    const { container } = mount(<KpiCards />);
    expect(container.textContent).toContain('This widget needs an engine and a selection');
  });
});
