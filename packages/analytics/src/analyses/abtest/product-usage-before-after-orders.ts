import { usageAnalysis } from './usage-analysis.js';

/**
 * `product_usage_before_after_orders`: per product, the paired test of orders per customer in the W days before vs after each
 * customer's first purchase of a product; every tested product, by mean difference descending (the union of the
 * seed's `_accept` and `_reject` reports, what the A/B widgets draw).
 */
export const productUsageBeforeAfterOrders = usageAnalysis('product', 'orders', 'all');
