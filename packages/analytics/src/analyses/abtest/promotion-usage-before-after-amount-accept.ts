import { usageAnalysis } from './usage-analysis.js';

/**
 * `promotion_usage_before_after_amount_accept` (a seed report name): per promotion, the paired test of average order value per customer in the W days
 * before vs after each customer's first use of a promotion (see `usageSamples`, `beforeAfterTest`); rows of
 * the promotions with verdict 'increase', by mean difference descending.
 */
export const promotionUsageBeforeAfterAmountAccept = usageAnalysis('promotion', 'amount', 'accept');
