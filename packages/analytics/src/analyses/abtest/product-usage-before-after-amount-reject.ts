import { usageAnalysis } from './usage-analysis.js';

/**
 * `product_usage_before_after_amount_reject` (a seed report name): per product, the paired test of average order value per customer in the W days
 * before vs after each customer's first purchase of a product (see `usageSamples`, `beforeAfterTest`); rows of
 * the products with verdict 'decrease' or 'no significant change', by mean difference ascending.
 */
export const productUsageBeforeAfterAmountReject = usageAnalysis('product', 'amount', 'reject');
