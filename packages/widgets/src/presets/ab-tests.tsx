import { AbTestComparison } from '../widgets/AbTestComparison.js';
import { AbTestDifferences } from '../widgets/AbTestDifferences.js';
import { AbTestForest } from '../widgets/AbTestForest.js';
import { AbTestPairs } from '../widgets/AbTestPairs.js';
import { AbTestVerdicts } from '../widgets/AbTestVerdicts.js';
import { DimensionPicker } from '../widgets/DimensionPicker.js';
import { FilterChips } from '../widgets/FilterChips.js';

/**
 * Seed 003's A/B test pages (promotions, products, customer segments): a promotion picker
 * (`isIn('promotion_id', ...)`), the promotion comparison scatter and the orders / order value
 * difference scatter (a point or legend entry picks its promotion), verdict cards in plain
 * language for the order value test, the result charts (forest plots: change after vs before
 * with its interval, coloured by verdict; a row picks its promotion) of the order value and
 * order count tests, the per-customer before/after scatter of the first (or picked)
 * promotion, the product test (needs basket lines; a row filters the product) and the weekly
 * segment test (a row filters the segment). Every test is a long analysis with progress.
 */
export function AbTestsLayout() {
  return (
    <>
      <FilterChips className="clv-wide" />
      <DimensionPicker className="clv-wide" heading="Promotion" field="promotion_id" fieldLabel="Promotion" mode="select" />
      <AbTestComparison />
      <AbTestDifferences />
      <AbTestVerdicts className="clv-wide" heading="Order value before and after first use" report="promotion_usage_before_after_amount" limit={6} />
      <AbTestForest report="promotion_usage_before_after_amount" />
      <AbTestForest report="promotion_usage_before_after_orders" />
      <AbTestPairs report="promotion_usage_before_after_amount" />
      <AbTestForest report="product_usage_before_after_amount" limit={15} />
      <AbTestForest className="clv-wide" report="segments_change_weekly_before_after_amount" />
    </>
  );
}
