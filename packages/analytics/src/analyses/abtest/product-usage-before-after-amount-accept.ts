import { usageAnalysis } from './usage-analysis.js';

/**
 * `product_usage_before_after_amount_accept` (a seed report name): per product, the paired test of average order value per customer in the W days
 * before vs after each customer's first purchase of a product (see `usageSamples`, `beforeAfterTest`); rows of
 * the products with verdict 'increase', by mean difference descending.
 */
export const productUsageBeforeAfterAmountAccept = usageAnalysis('product', 'amount', 'accept');
