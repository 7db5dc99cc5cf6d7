import type { Row } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { defineAnalysis } from '../../types.js';
import { promotionStats, rankedPromotions } from './promotion-stats.js';

/**
 * `avg_order_count_per_promo_per_cust` (a seed report name): per promotion_id used by an
 * order (has_purchased) passing the filter, `{ promotion, ordersPerCustomer }` = the mean over
 * the customers who used it of their orders using it = orders / customers (the
 * `ordersPerCustomer` of promotion_kpis). Sorted by ordersPerCustomer descending, ties by id.
 * Needs a promotion_id column.
 */
export const avgOrderCountPerPromoPerCust = defineAnalysis({
  name: 'avg_order_count_per_promo_per_cust',
  description: 'Mean orders per customer of each promotion',
  params: (raw) => {
    new ParamReader('avg_order_count_per_promo_per_cust', raw, []);
    return {};
  },
  run(context) {
    const stats = promotionStats(context, 'avg_order_count_per_promo_per_cust');
    const perCustomer = stats.orders.map((orders, p) => (stats.customers[p] > 0 ? orders / stats.customers[p] : 0));
    const rows: Row[] = rankedPromotions(stats, perCustomer).map((p) => ({ promotion: stats.names[p], ordersPerCustomer: perCustomer[p] }));
    return { rows };
  },
});
