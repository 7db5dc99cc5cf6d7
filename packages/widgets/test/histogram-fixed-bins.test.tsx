// @vitest-environment happy-dom
import { beforeAll, describe, expect, test } from 'vitest';
import { interval, isIn, type AggregateSpec, type Row } from '@clvkit/core';
import { Histogram } from '../src/index.js';
import { fixedBinRows, stepOf } from '../src/data/fixed-bins.js';
import { fakeEngine, interact, renderInto, settle } from './helpers.js';
import { settleUntil } from './chart-helpers.js';
import { polyfillSvgPoint } from './helpers.js';
import { Selection } from '@clvkit/core';

beforeAll(polyfillSvgPoint);

const SPEC: AggregateSpec = { kind: 'aggregate', groupBy: [{ field: 'payment_amount', step: 10 }], measures: ['orders'], where: [isIn('has_purchased', [true])] };
// All the data: bins $0-10 .. $50-60, none in $30-40 (the aggregate returns only bins with rows).
const ALL: Row[] = [
  { payment_amount: 0, orders: 4 },
  { payment_amount: 10, orders: 8 },
  { payment_amount: 20, orders: 6 },
  { payment_amount: 40, orders: 2 },
  { payment_amount: 50, orders: 1 },
];
// Under another widget's filter only two bins keep orders.
const FILTERED: Row[] = [
  { payment_amount: 20, orders: 3 },
  { payment_amount: 40, orders: 1 },
];

async function mount() {
  const engine = fakeEngine((_spec, options) => ({ rows: options.filter && options.filter.predicates.length > 0 ? FILTERED : ALL }));
  const selection = new Selection();
  const r = renderInto(<Histogram engine={engine} selection={selection} source="hist" query={SPEC} width={400} height={220} locale="en-US" />);
  await settle();
  await settleUntil(() => r.container.querySelector('.clv-brush .overlay') !== null, 500);
  return { engine, selection, container: r.container, unmount: r.unmount };
}

const labels = (container: HTMLElement) => [...container.querySelectorAll('.clv-bin')].map((g) => g.getAttribute('aria-label'));

describe('Histogram over a fixed-step aggregate', () => {
  test('one bin per step from the lowest to the highest, empty bins as zeros, counts from the first measure', async () => {
    const { container, engine, unmount } = await mount();
    expect(labels(container)).toEqual([
      '$0.00 – $10.00: 4 orders',
      '$10.00 – $20.00: 8 orders',
      '$20.00 – $30.00: 6 orders',
      '$30.00 – $40.00: 0 orders',
      '$40.00 – $50.00: 2 orders',
      '$50.00 – $60.00: 1 orders',
    ]);
    // The widget's own query, and the unfiltered one that fixes the bins (no source, no filter).
    expect(engine.calls.map((c) => [c.source, c.filter === undefined])).toEqual(expect.arrayContaining([['hist', false], [undefined, true]]));
    expect(engine.calls.every((c) => JSON.stringify(c.spec) === JSON.stringify(SPEC))).toBe(true);
    unmount();
  });

  test("the bins stay where they are under another widget's filter", async () => {
    const { container, selection, unmount } = await mount();
    await interact(() => selection.update({ source: 'elsewhere', predicate: interval('session_start', 0, 86_400_000) }));
    await settle();
    expect(labels(container)).toEqual([
      '$0.00 – $10.00: 0 orders',
      '$10.00 – $20.00: 0 orders',
      '$20.00 – $30.00: 3 orders',
      '$30.00 – $40.00: 0 orders',
      '$40.00 – $50.00: 1 orders',
      '$50.00 – $60.00: 0 orders',
    ]);
    unmount();
  });

  test('a bin publishes interval(field, lo, lo + step) on the grouped field; a second click clears it', async () => {
    const { container, selection, unmount } = await mount();
    const bin = container.querySelector('.clv-bin[data-x0="20"]') as SVGGElement;
    await interact(() => bin.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    expect(selection.clauseOf('hist')?.predicate).toEqual(interval('payment_amount', 20, 30));
    expect(selection.clauseOf('hist')?.value).toEqual([20, 30]);
    await interact(() => (container.querySelector('.clv-bin[data-x0="20"]') as SVGGElement).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    expect(selection.clauseOf('hist')).toBeUndefined();
    unmount();
  });
});

describe('fixedBinRows', () => {
  const fixed = { field: 'v', step: 10, measure: 'n' };

  test('fills the gaps between the lowest and highest bin of the frame, adding x0 and x1', () => {
    const rows = fixedBinRows([{ v: 10, n: 2 }], [{ v: -10, n: 1 }, { v: 20, n: 5 }], fixed);
    expect(rows).toEqual([
      { v: -10, n: 0, x0: -10, x1: 0 },
      { v: 0, n: 0, x0: 0, x1: 10 },
      { v: 10, n: 2, x0: 10, x1: 20 },
      { v: 20, n: 0, x0: 20, x1: 30 },
    ]);
  });

  test('without a frame the rows span themselves; a null key (missing values) is left out', () => {
    expect(fixedBinRows([{ v: 30, n: 1 }, { v: null, n: 9 }, { v: 50, n: 2 }], null, fixed).map((r) => [r.x0, r.n])).toEqual([
      [30, 1],
      [40, 0],
      [50, 2],
    ]);
    expect(fixedBinRows([], null, fixed)).toEqual([]);
  });

  test('fractional steps match bins by index, not by float equality', () => {
    const rows = fixedBinRows([{ v: 0.30000000000000004, n: 1 }], [{ v: 0.1, n: 1 }, { v: 0.30000000000000004, n: 1 }], { field: 'v', step: 0.1, measure: 'n' });
    expect(rows.map((r) => r.n)).toEqual([0, 0, 1]);
  });

  test('stepOf: only an aggregate over one {field, step} key', () => {
    expect(stepOf(SPEC)).toEqual({ field: 'payment_amount', step: 10, measure: 'orders' });
    expect(stepOf({ kind: 'analysis', name: 'purchase_amount_distribution' })).toBeNull();
    expect(stepOf({ kind: 'aggregate', groupBy: [{ field: 'payment_amount' }], measures: ['orders'] })).toBeNull();
    expect(stepOf({ kind: 'aggregate', groupBy: [{ field: 'a', step: 1 }, { field: 'b' }], measures: ['orders'] })).toBeNull();
    expect(stepOf({ kind: 'aggregate', groupBy: [{ field: 'a', step: 0 }], measures: ['orders'] })).toBeNull();
  });
});
