import { usageAnalysis } from './usage-analysis.js';

/**
 * `promotion_usage_before_after_amount_reject` (a seed report name): per promotion, the paired test of average order value per customer in the W days
 * before vs after each customer's first use of a promotion (see `usageSamples`, `beforeAfterTest`); rows of
 * the promotions with verdict 'decrease' or 'no significant change', by mean difference ascending.
 */
export const promotionUsageBeforeAfterAmountReject = usageAnalysis('promotion', 'amount', 'reject');
