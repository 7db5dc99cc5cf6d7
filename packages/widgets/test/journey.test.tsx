// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { allOf, interval, isIn, type Selection } from '@clvkit/core';
import type { EngineLike } from '../src/engine-like.js';
import { Journey, journeySteps, type JourneyStep } from '../src/index.js';
import { mountChart, stateTests } from './chart-helpers.js';
import { click, interact, key } from './helpers.js';

// customer_journey rows: the k-th order's mean value and the mean hours to the next.
const ROWS = [
  { k: 1, meanOrderValue: 50, meanHoursToNext: 240, customers: 100, customersWithNext: 40 },
  { k: 2, meanOrderValue: 60, meanHoursToNext: 480, customers: 40, customersWithNext: 20 },
  { k: 3, meanOrderValue: 80, meanHoursToNext: null, customers: 20, customersWithNext: 0 },
];
const META = {
  K: 3, buyers: 100, repeatBuyers: 40, meanHoursDownloadToFirstOrder: 30, customersDownloadToFirstOrder: 90,
  downloadAfterFirstOrder: 2, meanHoursSinceLastOrder: 720, asOf: Date.UTC(2024, 5, 30), period: [0, 1],
};
// Order k sits at the sum of the earlier gaps: 0, 240 h = 10 days, 240 + 480 = 720 h = 30 days.
// Width 400, margins left 56 / right 24 -> 320 px for 30 days; height 240 -> y from 208 ($0) to 28 ($80).

function render(extra: Record<string, unknown> = {}) {
  return (engine: EngineLike, selection: Selection) => <Journey engine={engine} selection={selection} source="journey" width={400} height={240} locale="en-US" {...extra} />;
}
const point = (container: HTMLElement, k: number) => container.querySelector(`.clv-journey-point[data-order="${k}"]`) as SVGGElement;

describe('Journey', () => {
  test('journeySteps places each order at the sum of the earlier gaps', () => {
    const steps = journeySteps([ROWS[2], ROWS[0], ROWS[1]], 'k', 'meanOrderValue', 'meanHoursToNext', 'customers');
    expect(steps.map((s) => [s.order, s.at, s.gap])).toEqual([
      [1, 0, 240],
      [2, 240, 480],
      [3, 720, null],
    ]);
  });

  test('queries customer_journey; points, gaps in days and the meta figures', async () => {
    const { engine, container } = await mountChart(render(), { rows: ROWS, meta: META });
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'customer_journey' });
    const circles = [...container.querySelectorAll('.clv-journey-point circle')].map((c) => [Math.round(Number(c.getAttribute('cx')) * 100) / 100, Number(c.getAttribute('cy'))]);
    // x: 56 + 10 / 30 * 320 = 162.67; y: 208 - 50 * 180 / 80 = 95.5, 60 -> 73, 80 -> 28.
    expect(circles).toEqual([
      [56, 95.5],
      [162.67, 73],
      [376, 28],
    ]);
    expect([...container.querySelectorAll('.clv-journey-gaps text')].map((t) => t.textContent)).toEqual(['+10 d', '+20 d']);
    expect([...container.querySelectorAll('.clv-journey-value')].map((t) => t.textContent)).toEqual(['#1 $50', '#2 $60', '#3 $80']);
    // 30 h stays in hours; 720 h = 30 days.
    expect([...container.querySelectorAll('.clv-figure')].map((f) => f.textContent)).toEqual([
      'Download to first order30 h',
      'Since the last order30 days',
      'Repeat buyers40',
      'Orders shown (median of repeat buyers)3',
    ]);
    expect(point(container, 2).getAttribute('aria-label')).toBe('Order #2: mean value $60.00, 40 customers, next order after 20 days on average');
  });

  test('a click publishes the orders at that position; again clears', async () => {
    const { container, selection } = await mountChart(render(), { rows: ROWS, meta: META });
    await interact(() => click(point(container, 2)));
    expect(selection.clauseOf('journey')).toEqual({ source: 'journey', predicate: isIn('order_number', [2]), value: 2, label: 'Order #2' });
    expect(point(container, 1).classList.contains('clv-dimmed')).toBe(true);
    await interact(() => click(point(container, 2)));
    expect(selection.clauseOf('journey')).toBeUndefined();
  });

  test('keyboard: arrows move between orders, Enter toggles, Escape clears', async () => {
    const { container, selection } = await mountChart(render(), { rows: ROWS, meta: META });
    point(container, 1).focus();
    await interact(() => key(point(container, 1), 'ArrowRight'));
    expect(document.activeElement).toBe(point(container, 2));
    await interact(() => key(point(container, 2), 'Enter'));
    expect(selection.clauseOf('journey')?.value).toBe(2);
    await interact(() => key(point(container, 2), 'Escape'));
    expect(selection.clauseOf('journey')).toBeUndefined();
  });

  test('other rows: accessors, gap units, stepFilter and explicit figures', async () => {
    const rows = [
      { order: 1, value: 10, gapDays: 2 },
      { order: 2, value: 20, gapDays: null },
    ];
    const stepFilter = (s: JourneyStep) => allOf([isIn('order_number', [s.order]), interval('payment_amount', 0, 100)]);
    const { container, selection } = await mountChart(
      render({ step: 'order', value: 'value', gap: 'gapDays', gapUnit: 'days', showIn: 'hours', stepFilter, figures: [{ key: 'days', label: 'Days', kind: 'days' }] }),
      { rows, meta: { days: 4.5 } },
    );
    // 2 days shown in hours: 48 h.
    expect(container.querySelector('.clv-journey-gaps text')!.textContent).toBe('+48 h');
    expect(container.querySelector('.clv-figure')!.textContent).toBe('Days4.5 days');
    await interact(() => click(point(container, 2)));
    expect(selection.clauseOf('journey')?.predicate).toEqual(allOf([isIn('order_number', [2]), interval('payment_amount', 0, 100)]));
  });

  stateTests('journey', render(), {
    emptyRows: [],
    emptyText: 'No repeat customers in the data',
    source: 'journey',
    ready: { rows: ROWS, meta: META },
    publish: (container) => interact(() => click(point(container, 1))),
  });
});
