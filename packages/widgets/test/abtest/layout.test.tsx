// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import { isIn, Selection } from '@clvkit/core';
import { AbTestsLayout } from '../../src/presets/ab-tests.js';
import { Dashboard } from '../../src/widgets/Dashboard.js';
import { click, fakeEngine, interact, renderInto, settle } from '../helpers.js';
import { abResult } from './fixtures.js';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

async function mountLayout() {
  const engine = fakeEngine((spec) => abResult(spec));
  const selection = new Selection();
  const r = renderInto(
    <Dashboard engine={engine} selection={selection} locale="en-US">
      <AbTestsLayout />
    </Dashboard>,
  );
  cleanup.push(r.unmount);
  await settle();
  return { engine, selection, container: r.container };
}

const names = (calls: ReturnType<typeof fakeEngine>['calls']) => calls.map((c) => (c.spec.kind === 'analysis' ? c.spec.name : 'aggregate')).sort();
const ANALYSES = [
  'aggregate', // the promotion picker
  'order_and_payment_amount_differences',
  'product_usage_before_after_amount',
  'promotion_comparison',
  'promotion_usage_before_after_amount',
  'promotion_usage_before_after_amount',
  'promotion_usage_before_after_amount',
  'promotion_usage_before_after_orders',
  'segments_change_weekly_before_after_amount',
].sort();

describe('AbTestsLayout', { timeout: 30_000 }, () => {
  test('runs the A/B analyses of the seed pages once each and shows every widget', async () => {
    const { engine, container } = await mountLayout();
    expect(names(engine.calls)).toEqual(ANALYSES);
    expect([...container.querySelectorAll('.clv-title')].map((t) => t.textContent)).toEqual([
      'Promotion',
      'Promotions compared',
      'Change in orders and order value per promotion',
      'Order value before and after first use',
      'Average order value before and after first use',
      'Orders per customer before and after first use',
      'Before and after, per customer: BUNDLEUP',
      'Average order value before and after first purchase',
      'Orders per customer per segment: this week vs the last 4 weeks',
    ]);
    expect(container.querySelector('.clv-error')).toBeNull();
  });

  test('a forest row picks a promotion: every other widget asks again with it in its filter', async () => {
    const { engine, selection, container } = await mountLayout();
    const before = engine.calls.length;
    await interact(() => click(container.querySelector('.clv-ab-row[data-subject="BUNDLEUP"]')!));
    await settle();
    expect(selection.value.map((c) => c.predicate)).toEqual([isIn('promotion_id', ['BUNDLEUP'])]);
    const after = engine.calls.slice(before);
    // All but the clicked forest (its own clause stays out of its own filter).
    expect(after).toHaveLength(ANALYSES.length - 1);
    for (const call of after) expect(call.filter?.predicates).toEqual([isIn('promotion_id', ['BUNDLEUP'])]);
  });

  test('the picker offers the promotions and picks one', async () => {
    const { selection, container } = await mountLayout();
    const select = container.querySelector('.clv-picker select') as HTMLSelectElement;
    // organic orders (no promotion) are not a choice; 400 + 300 + 200 + 100 promoted orders
    expect([...select.options].map((o) => o.textContent)).toEqual(['All (1,000 orders)', 'XMAS25 (400)', 'THANKYOU (300)', 'BF25 (200)', 'BUNDLEUP (100)']);
    await interact(() => {
      select.value = '1';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(selection.value.map((c) => c.predicate)).toEqual([isIn('promotion_id', ['THANKYOU'])]);
  });
});
