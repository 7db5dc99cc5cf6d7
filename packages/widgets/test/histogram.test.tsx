// @vitest-environment happy-dom
import { beforeAll, describe, expect, test } from 'vitest';
import { interval, isIn, type Selection } from '@clvkit/core';
import type { EngineLike } from '../src/engine-like.js';
import { Histogram, OPEN_END, type HistogramBin } from '../src/index.js';
import { mountChart, settleUntil, stateTests } from './chart-helpers.js';
import { dragBrush, interact, key, polyfillSvgPoint } from './helpers.js';

beforeAll(polyfillSvgPoint);

// purchase_amount_distribution: each customer's average order value in bins of $20.
const BINS = [
  { x0: 0, x1: 20, customers: 5 },
  { x0: 20, x1: 40, customers: 10 },
  { x0: 40, x1: 60, customers: 5 },
  { x0: 60, x1: 80, customers: 0 },
];
// Geometry: width 400, margins left 48 / right 12 -> x from 48 to 388 = 340 px for $0..$80,
// 4.25 px per dollar: bin edges at 48, 133, 218, 303, 388. Height 220: bars from y 192 (bottom)
// up to 10 for the nice maximum 10, so 18.2 px per customer.

function render(extra: Record<string, unknown> = {}) {
  return (engine: EngineLike, selection: Selection) => <Histogram engine={engine} selection={selection} source="hist" width={400} height={220} locale="en-US" {...extra} />;
}
const bin = (container: HTMLElement, x0: number) => container.querySelector(`.clv-bin[data-x0="${x0}"]`) as SVGGElement;
const range = (selection: Selection) => {
  const p = selection.clauseOf('hist')?.predicate;
  return p && p.type === 'interval' ? p.range : null;
};

/** A click on the brush overlay at clientX `x` (mousedown and mouseup without a move). */
async function clickOverlay(container: Element, x: number, init: MouseEventInit = {}) {
  const overlay = container.querySelector('.clv-brush .overlay')!;
  await interact(() => {
    overlay.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true, clientX: x, clientY: 50, view: window, ...init }));
    window.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, cancelable: true, clientX: x, clientY: 50, view: window, ...init }));
  });
}

async function ready(extra: Record<string, unknown> = {}, rows: unknown[] = BINS) {
  const mounted = await mountChart(render(extra), { rows });
  await settleUntil(() => mounted.container.querySelector('.clv-brush .overlay') !== null, 500);
  return mounted;
}

describe('Histogram', () => {
  test('queries the order value distribution; params pass through', async () => {
    const { engine } = await ready({ params: { per: 'order' } });
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'purchase_amount_distribution', params: { per: 'order' } });
  });

  test('bars per bin, counts from the customers column, readable labels', async () => {
    const { container } = await ready();
    const fill = bin(container, 20).querySelector('.clv-bar-fill')!;
    // Bin $20-40: x 133 + 1, width 85 - 2; 10 customers -> height 182 from y 10.
    expect([fill.getAttribute('x'), fill.getAttribute('width'), fill.getAttribute('y'), fill.getAttribute('height')]).toEqual(['134', '83', '10', '182']);
    expect(bin(container, 0).querySelector('.clv-bar-fill')!.getAttribute('height')).toBe('91');
    expect(bin(container, 20).getAttribute('aria-label')).toBe('$20.00 – $40.00: 10 customers');
    expect([...container.querySelectorAll('.clv-axis-x text')].map((t) => t.textContent)).toEqual(['$0', '$20', '$40', '$60', '$80']);
  });

  test('a click on a bin publishes its interval; Shift+click extends, Escape clears', async () => {
    const { container, selection } = await ready();
    await clickOverlay(container, 150);
    expect(selection.clauseOf('hist')).toEqual({ source: 'hist', predicate: interval('payment_amount', 20, 40), value: [20, 40], label: 'Order value: $20.00 – $40.00' });
    expect(bin(container, 20).getAttribute('aria-pressed')).toBe('true');
    expect(bin(container, 0).classList.contains('clv-dimmed')).toBe(true);
    // Shift+click on the $60-80 bin extends the range to it.
    await clickOverlay(container, 320, { shiftKey: true });
    expect(range(selection)).toEqual([20, 80]);
    expect(selection.clauseOf('hist')?.label).toBe('Order value: $20.00 – $80.00');
    await interact(() => key(bin(container, 20), 'Escape'));
    expect(selection.clauseOf('hist')).toBeUndefined();
  });

  test('brushing snaps to bin edges', async () => {
    const { container, selection } = await ready();
    // 140 px is nearest the edge at 133 ($20), 300 px nearest 303 ($60).
    await dragBrush(container, 140, 300);
    expect(range(selection)).toEqual([20, 60]);
    const brushed = container.querySelector('.clv-brush .selection')!;
    expect([Number(brushed.getAttribute('x')), Number(brushed.getAttribute('width'))]).toEqual([133, 170]);
    expect([20, 40].map((x0) => bin(container, x0).getAttribute('aria-pressed'))).toEqual(['true', 'true']);
  });

  test('keyboard: arrows move, Enter selects, Shift+Enter extends, Enter on the only bin clears', async () => {
    const { container, selection } = await ready();
    expect(bin(container, 0).getAttribute('tabindex')).toBe('0');
    bin(container, 0).focus();
    await interact(() => key(bin(container, 0), 'ArrowRight'));
    expect(document.activeElement).toBe(bin(container, 20));
    await interact(() => key(bin(container, 20), 'Enter'));
    expect(range(selection)).toEqual([20, 40]);
    await interact(() => key(bin(container, 20), 'ArrowRight'));
    await interact(() => key(bin(container, 40), 'Enter', { shiftKey: true }));
    expect(range(selection)).toEqual([20, 60]);
    await interact(() => key(bin(container, 40), 'Enter'));
    expect(range(selection)).toEqual([40, 60]);
    await interact(() => key(bin(container, 40), ' '));
    expect(selection.clauseOf('hist')).toBeUndefined();
  });

  test('counts per integer with an open last bin ("3+"), labels from the rows', async () => {
    const rows = [
      { orders: 1, label: '1', customers: 50 },
      { orders: 2, label: '2', customers: 20 },
      { orders: 3, label: '3+', customers: 5 },
    ];
    const { container, selection } = await ready({ x0: 'orders', field: 'orders_count', fieldLabel: 'Orders', xKind: 'count' }, rows);
    expect(bin(container, 3).getAttribute('aria-label')).toBe('3+: 5 customers');
    // Labelled bins are labelled under their middles: [1, 2) at 48 + 340 / 3 / 2 = 104.67 ...
    const ticks = [...container.querySelectorAll('.clv-axis-x text')];
    expect(ticks.map((t) => t.textContent)).toEqual(['1', '2', '3+']);
    expect(Math.round(Number(ticks[0].getAttribute('x')) * 100) / 100).toBe(104.67);
    await interact(() => key(bin(container, 3), 'Enter'));
    expect(selection.clauseOf('hist')).toMatchObject({ predicate: interval('orders_count', 3, OPEN_END), label: 'Orders: 3+' });
    await interact(() => key(bin(container, 1), 'Enter'));
    expect(range(selection)).toEqual([1, 2]);
  });

  test('binFilter decides the clause from the range and its bins', async () => {
    const calls: [number, number, readonly HistogramBin[]][] = [];
    const binFilter = (lo: number, hi: number, bins: readonly HistogramBin[]) => {
      calls.push([lo, hi, bins]);
      return isIn('customers.value_band', bins.map((b) => `${b.x0}-${b.x1}`));
    };
    const { container, selection } = await ready({ binFilter });
    await interact(() => key(bin(container, 20), 'Enter'));
    await interact(() => key(bin(container, 40), 'Enter', { shiftKey: true }));
    expect(selection.clauseOf('hist')?.predicate).toEqual(isIn('customers.value_band', ['20-40', '40-60']));
    expect(calls.at(-1)!.slice(0, 2)).toEqual([20, 60]);
  });

  stateTests('histogram', render(), {
    emptyRows: BINS.map((b) => ({ ...b, customers: 0 })),
    emptyText: 'No customers in the data',
    source: 'hist',
    ready: { rows: BINS },
    publish: (container) => interact(() => key(bin(container, 20), 'Enter')),
  });
});
