// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { isIn, prefix, type Selection } from '@clvkit/core';
import type { EngineLike } from '../src/engine-like.js';
import { Donut, type DonutSlice } from '../src/index.js';
import { mountChart, stateTests } from './chart-helpers.js';
import { click, interact, key } from './helpers.js';

// customer_status rows: 60 active, 30 churned, 10 long gone = 100 buyers.
const STATUS = [
  { status: 'active', customers: 60, share: 0.6, revenue: 6000 },
  { status: 'churned', customers: 30, share: 0.3, revenue: 2500 },
  { status: 'long_gone', customers: 10, share: 0.1, revenue: 400 },
];

function render(extra: Record<string, unknown> = {}) {
  return (engine: EngineLike, selection: Selection) => <Donut engine={engine} selection={selection} source="donut" locale="en-US" {...extra} />;
}
const slice = (container: HTMLElement, value: string) => container.querySelector(`.clv-donut-slice[data-value="${value}"]`) as SVGGElement;
const entry = (container: HTMLElement, value: string) => container.querySelector(`.clv-legend button[data-value="${value}"]`) as HTMLButtonElement;
const values = (selection: Selection) => {
  const p = selection.clauseOf('donut')?.predicate;
  return p && p.type === 'in' ? p.values : null;
};

describe('Donut', () => {
  test('customer status by default: slices, shares and the total', async () => {
    const { engine, container } = await mountChart(render(), { rows: STATUS });
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'customer_status' });
    expect(container.querySelector('.clv-title')!.textContent).toBe('Customer status');
    expect([...container.querySelectorAll('.clv-legend button')].map((b) => b.textContent)).toEqual([
      'Active60% · 60',
      'Churned30% · 30',
      'Long gone10% · 10',
    ]);
    expect(container.querySelector('svg.clv-donut')!.getAttribute('aria-label')).toBe('Customer status: Active 60%, Churned 30%, Long gone 10%');
    expect(container.querySelector('.clv-donut-total')!.textContent).toBe('100');
    expect(entry(container, 'churned').getAttribute('aria-label')).toBe('Churned: 30 customers, 30%');
    expect(container.querySelectorAll('.clv-donut-slice path')).toHaveLength(3);
  });

  test('click selects a slice, shift-click adds or removes, click on the only one clears', async () => {
    const { container, selection } = await mountChart(render(), { rows: STATUS });
    await interact(() => click(slice(container, 'churned')));
    expect(selection.clauseOf('donut')).toEqual({ source: 'donut', predicate: isIn('customer_status', ['churned']), value: ['churned'], label: 'Customer status: Churned' });
    expect(entry(container, 'churned').getAttribute('aria-pressed')).toBe('true');
    expect(slice(container, 'active').classList.contains('clv-dimmed')).toBe(true);
    await interact(() => click(slice(container, 'long_gone'), { shiftKey: true }));
    expect(values(selection)).toEqual(['churned', 'long_gone']);
    expect(selection.clauseOf('donut')?.label).toBe('Customer status: Churned, Long gone');
    await interact(() => click(entry(container, 'churned'), { shiftKey: true }));
    expect(values(selection)).toEqual(['long_gone']);
    await interact(() => click(entry(container, 'long_gone')));
    expect(selection.clauseOf('donut')).toBeUndefined();
  });

  test('keyboard on the legend: Enter selects, Shift+Enter adds, arrows move, Escape clears', async () => {
    const { container, selection } = await mountChart(render(), { rows: STATUS });
    entry(container, 'active').focus();
    await interact(() => key(entry(container, 'active'), 'ArrowDown'));
    expect(document.activeElement).toBe(entry(container, 'churned'));
    await interact(() => key(entry(container, 'churned'), 'Enter'));
    expect(values(selection)).toEqual(['churned']);
    await interact(() => key(entry(container, 'churned'), 'End'));
    expect(document.activeElement).toBe(entry(container, 'long_gone'));
    await interact(() => key(entry(container, 'long_gone'), ' ', { shiftKey: true }));
    expect(values(selection)).toEqual(['churned', 'long_gone']);
    await interact(() => key(entry(container, 'long_gone'), 'Escape'));
    expect(selection.clauseOf('donut')).toBeUndefined();
  });

  test('demographics: keys from `value`, the unknown slice is shown but not a filter', async () => {
    const rows = [
      { value: 'f', customers: 3, share: 0.6 },
      { value: 'm', customers: 1, share: 0.2 },
      { value: null, customers: 1, share: 0.2 },
    ];
    const { container, selection } = await mountChart(render({ report: 'demographics', params: { by: 'gender' }, field: 'customers.gender', labels: { f: 'Women', m: 'Men' } }), { rows });
    // 3 / 5 = 60%, 1 / 5 = 20% each.
    expect([...container.querySelectorAll('.clv-legend button')].map((b) => b.textContent)).toEqual(['Women60% · 3', 'Men20% · 1', 'Unknown20% · 1']);
    const unknown = [...container.querySelectorAll('.clv-legend button')][2];
    expect(unknown.getAttribute('aria-disabled')).toBe('true');
    await interact(() => click(unknown));
    expect(selection.clauseOf('donut')).toBeUndefined();
    await interact(() => click(entry(container, 'f')));
    expect(selection.clauseOf('donut')).toMatchObject({ predicate: isIn('customers.gender', ['f']), label: 'Gender: Women' });
  });

  test('sliceFilter decides the clause from the keys and slices', async () => {
    const seen: (readonly DonutSlice[])[] = [];
    const sliceFilter = (keys: readonly (string | number | boolean)[], slices: readonly DonutSlice[]) => {
      seen.push(slices);
      return prefix('category', keys.map(String));
    };
    const { container, selection } = await mountChart(render({ sliceFilter, category: 'status' }), { rows: STATUS });
    await interact(() => click(slice(container, 'active')));
    expect(selection.clauseOf('donut')?.predicate).toEqual(prefix('category', ['active']));
    expect(seen[0].map((s) => [s.key, s.value, s.share])).toEqual([['active', 60, 0.6]]);
  });

  stateTests('donut', render(), {
    emptyRows: STATUS.map((r) => ({ ...r, customers: 0 })),
    emptyText: 'No customers in the data',
    source: 'donut',
    ready: { rows: STATUS },
    publish: (container) => interact(() => click(slice(container, 'active'))),
  });
});
