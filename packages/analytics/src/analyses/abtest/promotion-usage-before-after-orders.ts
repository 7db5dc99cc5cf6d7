import { usageAnalysis } from './usage-analysis.js';

/**
 * `promotion_usage_before_after_orders`: per promotion, the paired test of orders per customer in the W days before vs after each
 * customer's first use of a promotion; every tested promotion, by mean difference descending (the union of the
 * seed's `_accept` and `_reject` reports, what the A/B widgets draw).
 */
export const promotionUsageBeforeAfterOrders = usageAnalysis('promotion', 'orders', 'all');
