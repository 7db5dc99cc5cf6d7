// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { isIn, type Selection } from '@clvkit/core';
import type { EngineLike } from '../../src/engine-like.js';
import { AbTestComparison } from '../../src/widgets/AbTestComparison.js';
import { AbTestDifferences } from '../../src/widgets/AbTestDifferences.js';
import { mountChart } from '../chart-helpers.js';
import { click, interact, key } from '../helpers.js';
import { COMPARISON, DIFFERENCES } from './fixtures.js';

const comparison = (extra: Record<string, unknown> = {}) => (engine: EngineLike, selection: Selection) => <AbTestComparison engine={engine} selection={selection} source="cmp" width={480} height={300} locale="en-US" {...extra} />;
const differences = (engine: EngineLike, selection: Selection) => <AbTestDifferences engine={engine} selection={selection} source="diff" width={480} height={300} locale="en-US" />;
const entry = (container: HTMLElement, value: string) => container.querySelector(`.clv-legend button[data-value="${value}"]`) as HTMLButtonElement;

describe('AbTestComparison (on the generic Scatter)', () => {
  test('one point per promotion, uplift across, reject ratio up, a no-change line', async () => {
    const { container, engine } = await mountChart(comparison(), COMPARISON);
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'promotion_comparison' });
    expect(container.querySelector('.clv-title')!.textContent).toBe('Promotions compared');
    expect(container.querySelectorAll('.clv-scatter-points circle')).toHaveLength(3);
    expect([...container.querySelectorAll('.clv-legend button')].map((b) => b.getAttribute('data-value'))).toEqual(['BUNDLEUP', 'THANKYOU', 'BF25']);
    expect(container.querySelector('.clv-scatter-line text')!.textContent).toBe('no change');
    expect([...container.querySelectorAll('.clv-axis-title')].map((t) => t.textContent)).toEqual(['Share of resamples that differ from the others', 'Mean change per customer, after − before']);
  });

  test('a legend entry (the keyboard path) picks the promotion for every widget', async () => {
    const { container, selection } = await mountChart(comparison(), COMPARISON);
    await interact(() => click(entry(container, 'BUNDLEUP')));
    expect(selection.clauseOf('cmp')).toEqual({ source: 'cmp', predicate: isIn('promotion_id', ['BUNDLEUP']), value: ['BUNDLEUP'], label: 'Promotion: BUNDLEUP' });
    await interact(() => key(entry(container, 'BUNDLEUP'), 'Escape'));
    expect(selection.clauseOf('cmp')).toBeUndefined();
  });

  test('the orders metric is passed on and drawn as a decimal', async () => {
    const { engine } = await mountChart(comparison({ params: { metric: 'orders' } }), COMPARISON);
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'promotion_comparison', params: { metric: 'orders' } });
  });
});

describe('AbTestDifferences', () => {
  test('orders change across, order value change up, zero lines where zero is in range, promotions filter', async () => {
    const { container, engine, selection } = await mountChart(differences, DIFFERENCES);
    expect(engine.calls[0].spec).toEqual({ kind: 'analysis', name: 'order_and_payment_amount_differences' });
    expect(container.querySelectorAll('.clv-scatter-points circle')).toHaveLength(3);
    // order changes 0.05 .. 0.44 do not reach 0; order value changes −12.78 .. 29.73 do
    expect([...container.querySelectorAll('.clv-scatter-line')].map((l) => l.getAttribute('class'))).toEqual(['clv-scatter-line clv-scatter-line-y']);
    await interact(() => click(entry(container, 'BF25')));
    expect(selection.clauseOf('diff')?.predicate).toEqual(isIn('promotion_id', ['BF25']));
  });
});
