// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { isIn, type Selection } from '@clvkit/core';
import type { EngineLike } from '../../src/engine-like.js';
import { AbTestForest } from '../../src/widgets/AbTestForest.js';
import { mountChart, stateTests } from '../chart-helpers.js';
import { click, interact, key } from '../helpers.js';
import { PROMOTION_AMOUNT, SEGMENT_ORDERS } from './fixtures.js';

function render(extra: Record<string, unknown> = {}) {
  return (engine: EngineLike, selection: Selection) => <AbTestForest engine={engine} selection={selection} source="ab" width={600} locale="en-US" {...extra} />;
}
const row = (container: HTMLElement, subject: string) => container.querySelector(`.clv-ab-row[data-subject="${subject}"]`) as SVGGElement;

describe('AbTestForest', () => {
  test('one row per test in the report order, coloured by verdict, the change and p in text', async () => {
    const { container, engine } = await mountChart(render(), PROMOTION_AMOUNT);
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'promotion_usage_before_after_amount' });
    expect(container.querySelector('.clv-title')!.textContent).toBe('Average order value before and after first use');
    const rows = [...container.querySelectorAll('.clv-ab-row')];
    expect(rows.map((r) => [r.getAttribute('data-subject'), r.getAttribute('data-verdict')])).toEqual([
      ['BUNDLEUP', 'increase'],
      ['XMAS25', 'no significant change'],
      ['THANKYOU', 'no significant change'],
      ['BF25', 'decrease'],
    ]);
    expect(rows[0].classList.contains('clv-ab-increase')).toBe(true);
    expect(rows[3].classList.contains('clv-ab-decrease')).toBe(true);
    expect(rows[1].classList.contains('clv-ab-flat')).toBe(true);
    expect([...container.querySelectorAll('.clv-ab-value')].map((t) => t.textContent)).toEqual(['+47%, p < 0.001', '−3%, p = 0.68', '−8.9%, p = 0.12', '−20%, p < 0.001']);
    // The accessible name of a row is its verdict sentence.
    expect(rows[0].getAttribute('aria-label')).toBe('Customers who used BUNDLEUP spent 47% more per order in the 7 days after than in the 7 days before (95% CI 25% to 70%), p < 0.001.');
  });

  test('the dot sits at the change and the whisker spans the interval on a shared axis with a zero line', async () => {
    const { container } = await mountChart(render(), PROMOTION_AMOUNT);
    // width 600: labels to 180, plot 188 .. 488 (600 − 112); domain −0.28 .. 0.7 → nice −0.3 .. 0.7
    const x = (v: number) => 188 + ((v + 0.3) / 1) * 300;
    const zero = container.querySelector('.clv-ab-zero')!;
    expect(Number(zero.getAttribute('x1'))).toBeCloseTo(x(0), 6);
    const bundle = row(container, 'BUNDLEUP');
    expect(Number(bundle.querySelector('circle')!.getAttribute('cx'))).toBeCloseTo(x(0.4662), 6);
    const whisker = bundle.querySelector('.clv-ab-whisker')!;
    expect([Number(whisker.getAttribute('x1')), Number(whisker.getAttribute('x2'))].map((v) => Math.round(v * 1000) / 1000)).toEqual([x(0.25), x(0.7)].map((v) => Math.round(v * 1000) / 1000));
  });

  test('a click filters the promotion, Shift adds, a second click and Escape clear', async () => {
    const { container, selection } = await mountChart(render(), PROMOTION_AMOUNT);
    await interact(() => click(row(container, 'BUNDLEUP')));
    expect(selection.clauseOf('ab')).toEqual({ source: 'ab', predicate: isIn('promotion_id', ['BUNDLEUP']), value: ['BUNDLEUP'], label: 'Promotion: BUNDLEUP' });
    expect(row(container, 'BUNDLEUP').getAttribute('aria-pressed')).toBe('true');
    expect(row(container, 'THANKYOU').classList.contains('clv-dimmed')).toBe(true);
    await interact(() => click(row(container, 'THANKYOU'), { shiftKey: true }));
    expect(selection.clauseOf('ab')?.predicate).toEqual(isIn('promotion_id', ['BUNDLEUP', 'THANKYOU']));
    await interact(() => key(row(container, 'THANKYOU'), 'Escape'));
    expect(selection.clauseOf('ab')).toBeUndefined();
  });

  test('keyboard: one tab stop, arrows move, Enter selects', async () => {
    const { container, selection } = await mountChart(render(), PROMOTION_AMOUNT);
    const rows = [...container.querySelectorAll('.clv-ab-row')];
    expect(rows.map((r) => r.getAttribute('tabindex'))).toEqual(['0', '-1', '-1', '-1']);
    await interact(() => key(rows[0], 'ArrowDown'));
    expect([...container.querySelectorAll('.clv-ab-row')].map((r) => r.getAttribute('tabindex'))).toEqual(['-1', '0', '-1', '-1']);
    await interact(() => key(row(container, 'XMAS25'), 'Enter'));
    expect(selection.clauseOf('ab')?.predicate).toEqual(isIn('promotion_id', ['XMAS25']));
  });

  test('segment tests filter the segment; a test without relative changes is drawn in units', async () => {
    const { container, selection } = await mountChart(render({ report: 'segments_change_weekly_before_after_orders' }), SEGMENT_ORDERS);
    expect(container.querySelector('.clv-title')!.textContent).toBe('Orders per customer per segment: this week vs the last 4 weeks');
    // Lost has a before mean of 0: every row in orders per customer
    expect([...container.querySelectorAll('.clv-ab-value')].map((t) => t.textContent)).toEqual(['−0.04, p < 0.001', '+0.01, p = 0.08']);
    await interact(() => click(row(container, 'Champions')));
    expect(selection.clauseOf('ab')).toMatchObject({ predicate: isIn('rfm_segment', ['Champions']), label: 'Segment: Champions' });
  });

  test('product tests filter the product; limit cuts the rows and says so', async () => {
    const products = { rows: PROMOTION_AMOUNT.rows.map((r, i) => ({ ...r, subject: `P${i}` })), meta: { kind: 'product', metric: 'amount', windowDays: 7 } };
    const { container, selection } = await mountChart(render({ report: 'product_usage_before_after_amount', limit: 2 }), products);
    expect(container.querySelectorAll('.clv-ab-row')).toHaveLength(2);
    expect(container.querySelector('.clv-status')!.textContent).toBe('Showing 2 of 4 tests.');
    await interact(() => click(row(container, 'P1')));
    expect(selection.clauseOf('ab')?.predicate).toEqual(isIn('product', ['P1']));
  });

  test('subjects from the data are text, never markup', async () => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    const { container } = await mountChart(render(), { rows: [{ ...PROMOTION_AMOUNT.rows[0], subject: evil }], meta: PROMOTION_AMOUNT.meta });
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('.clv-ab-label')!.textContent).toBe(`${evil.slice(0, 24)}…`);
    expect(container.querySelector('.clv-ab-row')!.getAttribute('data-subject')).toBe(evil);
    expect(container.querySelector('.clv-ab-row')!.getAttribute('aria-label')).toContain(evil);
  });

  stateTests('AbTestForest', render(), {
    emptyRows: [],
    emptyText: 'No tested promotions in the data',
    source: 'ab',
    ready: PROMOTION_AMOUNT,
    publish: async (container) => {
      await interact(() => click(row(container, 'BUNDLEUP')));
    },
  });
});
